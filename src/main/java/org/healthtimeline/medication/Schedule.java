package org.healthtimeline.medication;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.healthtimeline.web.Fields;
import org.healthtimeline.web.Json;

/**
 * When a scheduled medication is due: times of day ("08:00", wall clock in the user's time zone), on the listed
 * weekdays or, without {@code days}, every day. Stored in the same shape (sorted, each value once) in
 * user_medications.schedule, where the SQL function medication_dose_times turns it into instants.
 */
record Schedule(List<String> times, List<String> days) {
  static final List<String> WEEKDAYS = List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun");
  private static final Pattern TIME = Pattern.compile("([01][0-9]|2[0-3]):[0-5][0-9]");
  private static final int MAX_TIMES = 24;

  /** The schedule in {@code node}, or null with every problem added to {@code f} under {@code field}. */
  static Schedule read(JsonNode node, String field, Fields f) {
    if (!node.isObject()) {
      f.fail(field, "must be an object such as {\"times\": [\"08:00\", \"20:00\"], \"days\": [\"mon\", \"thu\"]}");
      return null;
    }
    int before = f.errors().size();
    node.fieldNames().forEachRemaining(name -> {
      if (!name.equals("times") && !name.equals("days")) f.fail(field + "." + name, "is not a known field (times, days)");
    });
    List<String> times = strings(node.get("times"), field + ".times", 1, MAX_TIMES, f);
    if (times == null && !node.has("times")) f.fail(field + ".times", "is required: the times of day a dose is due, e.g. [\"08:00\"]");
    if (times != null) {
      for (int i = 0; i < times.size(); i++) {
        if (!TIME.matcher(times.get(i)).matches()) f.fail(field + ".times[" + i + "]", "must be a time of day HH:MM from 00:00 to 23:59");
      }
      duplicates(times, field + ".times", f);
    }
    List<String> days = node.hasNonNull("days") ? strings(node.get("days"), field + ".days", 1, 7, f) : null;
    if (days != null) {
      for (int i = 0; i < days.size(); i++) {
        if (!WEEKDAYS.contains(days.get(i))) f.fail(field + ".days[" + i + "]", "must be one of " + String.join(", ", WEEKDAYS));
      }
      duplicates(days, field + ".days", f);
    }
    if (f.errors().size() > before) return null;
    return new Schedule(times.stream().sorted().toList(),
        days == null ? null : WEEKDAYS.stream().filter(days::contains).toList());
  }

  ObjectNode toJson() {
    ObjectNode o = Json.MAPPER.createObjectNode();
    times.forEach(o.putArray("times")::add);
    if (days != null) days.forEach(o.putArray("days")::add);
    return o;
  }

  static Schedule fromJson(JsonNode stored) {
    if (stored == null || stored.isNull()) return null;
    var times = new ArrayList<String>();
    stored.get("times").forEach(t -> times.add(t.asText()));
    List<String> days = null;
    if (stored.hasNonNull("days")) {
      var d = new ArrayList<String>();
      stored.get("days").forEach(x -> d.add(x.asText()));
      days = d;
    }
    return new Schedule(times, days);
  }

  /** An array of texts with {@code min} to {@code max} items; null (problems added) if it is not one. */
  static List<String> strings(JsonNode node, String field, int min, int max, Fields f) {
    if (node == null || node.isNull()) return null;
    if (!node.isArray()) {
      f.fail(field, "must be an array of texts");
      return null;
    }
    if (node.size() < min || node.size() > max) {
      f.fail(field, "must hold " + (min == 0 ? "at most " + max : min + " to " + max) + " items");
      return null;
    }
    var out = new ArrayList<String>();
    for (int i = 0; i < node.size(); i++) {
      JsonNode v = node.get(i);
      if (!v.isTextual() || v.textValue().isEmpty() || v.textValue().indexOf('\u0000') >= 0) {
        f.fail(field + "[" + i + "]", "must be a non-empty text without NUL characters");
      } else {
        out.add(v.textValue());
      }
    }
    return out.size() == node.size() ? out : null;
  }

  private static void duplicates(List<String> values, String field, Fields f) {
    for (int i = 0; i < values.size(); i++) {
      if (values.indexOf(values.get(i)) < i) f.fail(field + "[" + i + "]", values.get(i) + " is given twice");
    }
  }
}
