package org.healthtimeline.tracking;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.healthtimeline.errors.FieldError;
import org.healthtimeline.errors.InvalidInput;
import org.healthtimeline.web.Fields;
import org.healthtimeline.web.Json;

/** An entry of a tracking category as a client sends it; {@link #checkedBy} checks it against the category. */
record NewEntry(Instant occurredAt, JsonNode data, String notes) {

  /** {@code occurred_at} defaults to {@code now}. */
  static NewEntry parse(JsonNode body, Instant now) {
    if (!body.isObject()) throw new InvalidInput("body", "must be a JSON object");
    var f = new Fields(body);
    f.onlyKnown(Set.of("occurred_at", "data", "notes"));
    Instant at = f.given("occurred_at") ? f.instant("occurred_at") : now;
    JsonNode data = f.object("data");
    if (!f.given("data")) f.fail("data", "is required: the values of the category's fields, e.g. {\"glasses\": 8}");
    String notes = f.text("notes", 10_000);
    f.check();
    return new NewEntry(at.truncatedTo(ChronoUnit.MICROS), data, notes);
  }

  /**
   * The entry with its values checked against the category's fields: of the right type and range, every
   * required one given, no other keys; null values count as left out. Every bad value is named, e.g.
   * {@code data.systolic}.
   */
  NewEntry checkedBy(Category category) {
    List<TrackerField> fields = TrackerField.fromStored(category.fields());
    Map<String, TrackerField> byName = fields.stream()
        .collect(Collectors.toMap(TrackerField::name, Function.identity(), (first, again) -> first));
    var bad = new ArrayList<FieldError>();
    ObjectNode out = Json.MAPPER.createObjectNode();
    for (var e : data.properties()) {
      TrackerField field = byName.get(e.getKey());
      if (field == null) {
        bad.add(new FieldError("data." + e.getKey(), "is not a field of " + category.name() + " ("
            + fields.stream().map(TrackerField::name).collect(Collectors.joining(", ")) + ")"));
      } else if (!e.getValue().isNull()) {
        String problem = field.problem(e.getValue());
        if (problem != null) bad.add(new FieldError("data." + e.getKey(), problem));
        else out.set(e.getKey(), e.getValue());
      }
    }
    for (TrackerField field : fields) {
      if (field.required() && !out.has(field.name()) && bad.stream().noneMatch(b -> b.field().equals("data." + field.name()))) {
        bad.add(new FieldError("data." + field.name(), "is required by " + category.name()));
      }
    }
    if (!bad.isEmpty()) throw new InvalidInput(bad);
    return new NewEntry(occurredAt, out, notes);
  }
}
