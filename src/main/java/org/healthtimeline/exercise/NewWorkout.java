package org.healthtimeline.exercise;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import org.healthtimeline.errors.InvalidInput;
import org.healthtimeline.web.Fields;

/**
 * A workout to log, validated. Its end and its duration follow from each other when only one is given; given
 * both, they must agree within a minute.
 */
record NewWorkout(Instant occurredAt, Instant endedAt, BigDecimal durationMinutes, String activityType, String intensity,
    BigDecimal distanceKm, BigDecimal calories, BigDecimal avgHeartRate, String notes) {

  static final Set<String> FIELDS = Set.of("occurred_at", "ended_at", "duration_minutes", "activity_type", "intensity",
      "distance_km", "calories", "avg_heart_rate", "notes");
  static final List<String> INTENSITIES = List.of("low", "moderate", "high", "very_high");
  private static final BigDecimal MINUTE = BigDecimal.ONE;

  static NewWorkout parse(JsonNode body) {
    if (!body.isObject()) throw new InvalidInput("body", "must be a JSON object");
    var f = new Fields(body);
    f.onlyKnown(FIELDS);
    Instant start = f.requiredInstant("occurred_at");
    Instant end = f.instant("ended_at");
    Double minutes = f.number("duration_minutes", 0, 1440);
    String activity = f.requiredText("activity_type", 100);
    String intensity = f.text("intensity", 20);
    if (intensity != null && !INTENSITIES.contains(intensity)) f.fail("intensity", "must be one of " + String.join(", ", INTENSITIES));
    BigDecimal distance = decimal(f, "distance_km", 0, 1000, 3);
    BigDecimal calories = decimal(f, "calories", 0, 20_000, 1);
    BigDecimal heartRate = decimal(f, "avg_heart_rate", 20, 260, 1);
    String notes = f.text("notes", 10_000);
    BigDecimal duration = minutes == null ? null : BigDecimal.valueOf(minutes).setScale(2, RoundingMode.HALF_UP);
    if (start != null && end != null) {
      Duration d = Duration.between(start, end);
      if (d.isNegative()) f.fail("ended_at", "must not be before occurred_at");
      else if (d.compareTo(Duration.ofHours(24)) > 0) f.fail("ended_at", "must be at most 24 hours after occurred_at");
      else {
        BigDecimal between = BigDecimal.valueOf(d.toMillis()).divide(BigDecimal.valueOf(60_000), 2, RoundingMode.HALF_UP);
        if (duration == null) duration = between;
        else if (duration.subtract(between).abs().compareTo(MINUTE) > 0) {
          f.fail("duration_minutes", "is " + duration.stripTrailingZeros().toPlainString() + " but ended_at is "
              + between.stripTrailingZeros().toPlainString() + " minutes after occurred_at");
        }
      }
    }
    f.check();
    if (end == null && duration != null) end = start.plusMillis(duration.multiply(BigDecimal.valueOf(60_000)).longValue());
    return new NewWorkout(start.truncatedTo(ChronoUnit.MICROS), end == null ? null : end.truncatedTo(ChronoUnit.MICROS),
        duration, activity, intensity, distance, calories, heartRate, notes);
  }

  /** A number in range, rounded to the scale its column keeps. */
  private static BigDecimal decimal(Fields f, String name, double min, double max, int scale) {
    Double v = f.number(name, min, max);
    return v == null ? null : BigDecimal.valueOf(v).setScale(scale, RoundingMode.HALF_UP).stripTrailingZeros();
  }
}
