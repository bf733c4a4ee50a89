package org.healthtimeline.sleep;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import com.fasterxml.jackson.databind.JsonNode;
import org.healthtimeline.errors.InvalidInput;
import org.healthtimeline.web.Fields;
import org.healthtimeline.web.BodyValues;

/**
 * A night to log, validated. Every duration is taken between instants: a night across the change to summer time
 * is an hour shorter than the clocks say. {@code totalSleepHours} left out is the time in bed less the latency.
 */
record NewSleep(Instant bedtime, Instant wakeTime, Integer latencyMinutes, BigDecimal totalSleepHours, Integer nightWakings,
    Integer qualityRating, Integer alertnessRating, List<String> disruptions, Boolean phoneUsage, Integer phoneMinutes) {

  static final Set<String> FIELDS = Set.of("bedtime", "wake_time", "sleep_latency_minutes", "total_sleep_hours",
      "night_wakings", "sleep_quality_rating", "alertness_rating", "disruptions", "phone_usage", "phone_duration_minutes");
  private static final Duration LONGEST = Duration.ofHours(24);

  static NewSleep parse(JsonNode body) {
    if (!body.isObject()) throw new InvalidInput("body", "must be a JSON object");
    var f = new Fields(body);
    f.onlyKnown(FIELDS);
    Instant bed = f.requiredInstant("bedtime");
    Instant wake = f.requiredInstant("wake_time");
    Integer latency = BodyValues.integer(f, "sleep_latency_minutes", 0, 1440);
    Double total = f.number("total_sleep_hours", 0, 24);
    Integer wakings = BodyValues.integer(f, "night_wakings", 0, 100);
    Integer quality = BodyValues.integer(f, "sleep_quality_rating", 1, 10);
    Integer alertness = BodyValues.integer(f, "alertness_rating", 1, 10);
    List<String> disruptions = BodyValues.texts(body, f, "disruptions", 50, 200);
    Boolean phone = BodyValues.bool(body, f, "phone_usage");
    Integer phoneMinutes = BodyValues.integer(f, "phone_duration_minutes", 0, 1440);
    if (Boolean.FALSE.equals(phone) && phoneMinutes != null && phoneMinutes > 0) {
      f.fail("phone_duration_minutes", "is given but phone_usage is false");
    }
    BigDecimal hours = null;
    if (bed != null && wake != null) {
      Duration inBed = Duration.between(bed, wake);
      if (!inBed.isPositive()) f.fail("wake_time", "must be after bedtime");
      else if (inBed.compareTo(LONGEST) > 0) f.fail("wake_time", "must be at most 24 hours after bedtime");
      else {
        long minutesInBed = inBed.toMinutes();
        if (latency != null && latency > minutesInBed) {
          f.fail("sleep_latency_minutes", "is longer than the " + minutesInBed + " minutes between bedtime and wake_time");
        }
        BigDecimal hoursInBed = BigDecimal.valueOf(inBed.toSeconds()).divide(BigDecimal.valueOf(3600), 2, RoundingMode.HALF_UP);
        if (total != null && BigDecimal.valueOf(total).compareTo(hoursInBed) > 0) {
          f.fail("total_sleep_hours", "is more than the " + hoursInBed.stripTrailingZeros().toPlainString()
              + " hours between bedtime and wake_time");
        }
        hours = total != null ? BigDecimal.valueOf(total).setScale(2, RoundingMode.HALF_UP)
            : BigDecimal.valueOf(inBed.toSeconds() - 60L * (latency == null ? 0 : latency))
                .divide(BigDecimal.valueOf(3600), 2, RoundingMode.HALF_UP).max(BigDecimal.ZERO);
      }
    }
    f.check();
    if (phone == null && phoneMinutes != null && phoneMinutes > 0) phone = true;
    return new NewSleep(bed.truncatedTo(ChronoUnit.MICROS), wake.truncatedTo(ChronoUnit.MICROS), latency, hours, wakings,
        quality, alertness, disruptions, phone, phoneMinutes);
  }
}
