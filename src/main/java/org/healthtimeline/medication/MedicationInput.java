package org.healthtimeline.medication;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Set;
import org.healthtimeline.errors.InvalidInput;
import org.healthtimeline.web.Fields;
import org.healthtimeline.web.Json;

/** A medication's fields as a request gives them, checked, every wrong field named. */
record MedicationInput(String name, BigDecimal dose, String unit, boolean asNeeded, Schedule schedule,
    LocalDate startDate, LocalDate endDate, boolean active) {
  static final Set<String> CREATE_FIELDS = Set.of("name", "dose", "unit", "as_needed", "schedule", "start_date", "end_date");
  static final Set<String> PATCH_FIELDS = Set.of("name", "dose", "unit", "as_needed", "schedule", "start_date", "end_date", "active");
  private static final LocalDate EARLIEST = LocalDate.of(1900, 1, 1);
  private static final LocalDate LATEST = LocalDate.of(2200, 1, 1);
  private static final BigDecimal MAX_DOSE = new BigDecimal("1000000");

  static MedicationInput create(JsonNode body) {
    return read(body, CREATE_FIELDS);
  }

  /** The medication after a JSON Merge Patch: the stored fields with the patch applied, checked as a whole. */
  static JsonNode editable(Medication m) {
    ObjectNode o = Json.MAPPER.createObjectNode().put("name", m.name()).put("as_needed", m.asNeeded()).put("active", m.active());
    if (m.dose() != null) o.put("dose", m.dose());
    if (m.unit() != null) o.put("unit", m.unit());
    if (m.schedule() != null) o.set("schedule", m.schedule().deepCopy());
    if (m.startDate() != null) o.put("start_date", m.startDate().toString());
    if (m.endDate() != null) o.put("end_date", m.endDate().toString());
    return o;
  }

  static MedicationInput patched(JsonNode merged) {
    return read(merged, PATCH_FIELDS);
  }

  private static MedicationInput read(JsonNode body, Set<String> known) {
    if (!body.isObject()) throw new InvalidInput("body", "must be a JSON object");
    var f = new Fields(body);
    f.onlyKnown(known);
    String name = f.requiredText("name", 200);
    BigDecimal dose = null;
    Double d = f.number("dose", 0, MAX_DOSE.doubleValue());
    if (d != null) {
      dose = body.get("dose").decimalValue();
      if (dose.signum() <= 0) f.fail("dose", "must be more than 0");
    }
    String unit = f.text("unit", 50);
    boolean asNeeded = bool(body, "as_needed", false, f);
    boolean active = bool(body, "active", true, f);
    Schedule schedule = body.hasNonNull("schedule") ? Schedule.read(body.get("schedule"), "schedule", f) : null;
    if (asNeeded && body.hasNonNull("schedule")) f.fail("schedule", "must be left out (or null) for a medication taken as needed");
    if (!asNeeded && !body.hasNonNull("schedule")) {
      f.fail("schedule", "is required unless as_needed is true, e.g. {\"times\": [\"08:00\"]}");
    }
    LocalDate start = date(body, "start_date", f);
    LocalDate end = date(body, "end_date", f);
    if (start != null && end != null && end.isBefore(start)) f.fail("end_date", "must not be before start_date");
    f.check();
    return new MedicationInput(name, dose, unit, asNeeded, schedule, start, end, active);
  }

  static boolean bool(JsonNode body, String name, boolean absent, Fields f) {
    JsonNode v = body.get(name);
    if (v == null || v.isNull()) return absent;
    if (!v.isBoolean()) f.fail(name, "must be true or false");
    return v.asBoolean(absent);
  }

  /** A local date YYYY-MM-DD, or null (with the problem added to {@code f}). */
  static LocalDate date(JsonNode body, String name, Fields f) {
    String s = f.text(name, 10);
    if (s == null) return null;
    try {
      LocalDate d = LocalDate.parse(s);
      if (d.isBefore(EARLIEST) || d.isAfter(LATEST)) {
        f.fail(name, "must be between 1900 and 2200");
        return null;
      }
      return d;
    } catch (DateTimeParseException e) {
      f.fail(name, "must be a date YYYY-MM-DD");
      return null;
    }
  }
}
