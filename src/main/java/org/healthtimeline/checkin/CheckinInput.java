package org.healthtimeline.checkin;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.healthtimeline.errors.InvalidInput;
import org.healthtimeline.web.Fields;

/** A legacy check-in as the old app posts it, checked field by field. */
record CheckinInput(String checkinId, Instant occurredAt, String moodToday, BigDecimal moodRating, BigDecimal confidenceToday,
    BigDecimal anxietyLevel, List<String> sideEffects, String notes) {
  static final Set<String> FIELDS = Set.of("checkin_id", "occurred_at", "mood_today", "mood_rating", "confidence_today",
      "anxiety_level", "side_effects", "notes");
  private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

  static CheckinInput read(JsonNode body, Clock clock) {
    if (!body.isObject()) throw new InvalidInput("body", "must be a JSON object");
    var f = new Fields(body);
    f.onlyKnown(FIELDS);
    String checkinId = f.text("checkin_id", 100);
    Instant at = f.instant("occurred_at");
    Instant now = clock.instant();
    if (at != null && at.isAfter(now.plus(CLOCK_SKEW))) f.fail("occurred_at", "must not be in the future");
    String mood = f.requiredText("mood_today", 100);
    BigDecimal rating = number(body, f, "mood_rating", 1);
    BigDecimal confidence = number(body, f, "confidence_today", 0);
    BigDecimal anxiety = number(body, f, "anxiety_level", 0);
    List<String> sideEffects = new ArrayList<>();
    JsonNode effects = body.get("side_effects");
    if (effects != null && !effects.isNull()) {
      if (!effects.isArray() || effects.size() > 50) {
        f.fail("side_effects", "must be an array of at most 50 side effects, e.g. [\"headache\"]");
      } else {
        for (int i = 0; i < effects.size(); i++) {
          JsonNode e = effects.get(i);
          String name = e.isTextual() ? e.textValue().strip() : "";
          if (name.isEmpty() || name.length() > 200 || name.indexOf('\u0000') >= 0) {
            f.fail("side_effects[" + i + "]", "must be a text of 1 to 200 characters");
          } else if (!sideEffects.contains(name)) {
            sideEffects.add(name);
          }
        }
      }
    }
    String notes = f.text("notes", 10_000);
    f.check();
    return new CheckinInput(checkinId, (at == null ? now : at).truncatedTo(ChronoUnit.MICROS), mood, rating, confidence,
        anxiety, sideEffects, notes);
  }

  /** A number from {@code min} to 10, kept as the client wrote it (7 stays 7, not 7.0). */
  private static BigDecimal number(JsonNode body, Fields f, String name, int min) {
    return f.number(name, min, 10) == null ? null : body.get(name).decimalValue();
  }
}
