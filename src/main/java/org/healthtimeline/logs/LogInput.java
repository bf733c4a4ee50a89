package org.healthtimeline.logs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.healthtimeline.errors.InvalidInput;
import org.healthtimeline.web.BodyValues;
import org.healthtimeline.web.Fields;
import org.healthtimeline.web.Json;

/**
 * A symptom, mood, stress, vital or note as a client logs it, checked more strictly than the timeline checks
 * event data (required ratings, no unknown fields), and turned into a timeline create request. Every kind takes
 * {@code occurred_at} (default: now) and {@code dedupe_key} (with occurred_at: a retry with the same key adds
 * nothing).
 */
final class LogInput {
  private static final Set<String> COMMON = Set.of("occurred_at", "dedupe_key");

  private final JsonNode body;
  private final Fields f;
  private final ObjectNode data = Json.MAPPER.createObjectNode();

  private LogInput(JsonNode body, Set<String> fields) {
    if (!body.isObject()) throw new InvalidInput("body", "must be a JSON object");
    this.body = body;
    this.f = new Fields(body);
    var known = new java.util.HashSet<>(COMMON);
    known.addAll(fields);
    f.onlyKnown(known);
  }

  static ObjectNode symptom(JsonNode body, Instant now) {
    var in = new LogInput(body, Set.of("symptom_type", "severity", "duration_minutes", "triggers", "notes"));
    String type = in.f.requiredText("symptom_type", 100);
    in.text("symptom_type", type);
    in.requiredNumber("severity", 0, 10);
    in.number("duration_minutes", 0, 525_600);
    in.texts("triggers", 50, 200);
    in.text("notes", in.f.text("notes", 10_000));
    return in.event("symptom", type, now);
  }

  static ObjectNode mood(JsonNode body, Instant now) {
    var in = new LogInput(body, Set.of("mood_rating", "emotions", "notes"));
    if (!in.f.given("mood_rating")) in.f.fail("mood_rating", "is required: 1 (very low) to 10 (very good)");
    Integer rating = BodyValues.integer(in.f, "mood_rating", 1, 10);
    if (rating != null) in.data.put("mood_rating", rating);
    in.texts("emotions", 50, 100);
    in.text("notes", in.f.text("notes", 10_000));
    return in.event("mood", null, now);
  }

  static ObjectNode stress(JsonNode body, Instant now) {
    var in = new LogInput(body, Set.of("stress_level", "triggers", "notes"));
    in.requiredNumber("stress_level", 0, 10);
    in.texts("triggers", 50, 200);
    in.text("notes", in.f.text("notes", 10_000));
    return in.event("stress", null, now);
  }

  static ObjectNode note(JsonNode body, Instant now) {
    var in = new LogInput(body, Set.of("text", "tags"));
    in.text("text", in.f.requiredText("text", 100_000));
    in.texts("tags", 50, 100);
    return in.event("note", null, now);
  }

  /**
   * A vital in any unit its measure accepts, stored in the measure's one unit ({@link VitalUnits}) with the
   * value as given in {@code data.original}. Blood pressure is {@code systolic} and {@code diastolic}, the
   * others one {@code value}.
   */
  static ObjectNode vital(JsonNode body, Instant now) {
    var in = new LogInput(body, Set.of("measure", "value", "systolic", "diastolic", "unit", "notes"));
    String measureName = in.f.requiredText("measure", 50);
    VitalUnits measure = measureName == null ? null : VitalUnits.of(measureName);
    if (measureName != null && measure == null) in.f.fail("measure", "must be one of " + String.join(", ", VitalUnits.measures()));
    String unit = in.f.requiredText("unit", 20);
    if (measure != null && unit != null && !measure.accepts(unit)) {
      in.f.fail("unit", "must be a unit of " + measure.measure + ": " + measure.accepted());
      unit = null;
    }
    String notes = in.f.text("notes", 10_000);
    List<String> values = measure == VitalUnits.BLOOD_PRESSURE ? List.of("systolic", "diastolic") : List.of("value");
    for (String other : List.of("value", "systolic", "diastolic")) {
      if (measure != null && !values.contains(other) && in.f.has(other)) {
        in.f.fail(other, measure == VitalUnits.BLOOD_PRESSURE ? "blood_pressure takes systolic and diastolic, not value"
            : "is only for blood_pressure; " + measure.measure + " takes value");
      }
    }
    if (measure != null) {
      in.data.put("measure", measure.measure);
      ObjectNode original = Json.MAPPER.createObjectNode();
      for (String name : values) {
        BigDecimal given = in.f.given(name) ? in.decimal(name) : null;
        if (!in.f.given(name)) in.f.fail(name, "is required for " + measure.measure);
        if (given == null || unit == null) continue;
        original.put(name, given);
        BigDecimal stored = measure.convert(given, unit);
        String implausible = measure.implausible(stored);
        if (implausible != null) in.f.fail(name, implausible);
        in.data.put(name, stored);
      }
      if (in.data.has("systolic") && in.data.has("diastolic")) {
        String implausible = VitalUnits.implausible(in.data.get("systolic").decimalValue(), in.data.get("diastolic").decimalValue());
        if (implausible != null) in.f.fail("systolic", implausible);
      }
      in.data.put("unit", measure.unit);
      original.put("unit", unit);
      in.data.set("original", original);
    }
    in.text("notes", notes);
    return in.event("vital", measure == null ? null : measure.measure, now);
  }

  private void text(String name, String value) {
    if (value != null) data.put(name, value);
  }

  private void texts(String name, int maxItems, int maxLength) {
    List<String> values = BodyValues.texts(body, f, name, maxItems, maxLength);
    if (values != null) values.forEach(data.putArray(name)::add);
  }

  private void number(String name, double min, double max) {
    if (f.number(name, min, max) != null) data.set(name, body.get(name));
  }

  private void requiredNumber(String name, double min, double max) {
    if (!f.given(name)) f.fail(name, "is required: " + (int) min + " to " + (int) max);
    else number(name, min, max);
  }

  /** A number of the body, or null (with a problem named) when it is not one a double can hold. */
  private BigDecimal decimal(String name) {
    JsonNode v = body.get(name);
    if (!v.isNumber()) {
      f.fail(name, "must be a number");
      return null;
    }
    return f.number(name, -1e9, 1e9) == null ? null : v.decimalValue();
  }

  private ObjectNode event(String type, String subtype, Instant now) {
    Instant at = f.given("occurred_at") ? f.instant("occurred_at") : now;
    String dedupeKey = f.text("dedupe_key", 200);
    // Without it, a retry would be logged at another "now" and differ from the stored log: a conflict, not a replay.
    if (f.given("dedupe_key") && !f.given("occurred_at")) f.fail("occurred_at", "is required with a dedupe_key, so that a retry is the same log");
    f.check();
    ObjectNode e = Json.MAPPER.createObjectNode().put("type", type).put("occurred_at", at.toString());
    if (subtype != null) e.put("subtype", subtype);
    e.set("data", data);
    if (dedupeKey != null) e.put("dedupe_key", dedupeKey);
    return e;
  }
}
