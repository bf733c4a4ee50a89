package org.healthtimeline.tracking;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.healthtimeline.web.BodyValues;
import org.healthtimeline.web.Fields;
import org.healthtimeline.web.Json;

/**
 * One typed field of a tracking category: {@code number} (with optional min and max), {@code integer} (likewise),
 * {@code boolean}, {@code text} (up to {@code max_length} characters, 1000 by default) or {@code choice} (one of
 * {@code choices}); required or not. A category stored by another program may name a type this service does not
 * know: its values are then taken as they come.
 */
record TrackerField(String name, String type, boolean required, BigDecimal min, BigDecimal max, List<String> choices,
    String unit, Integer maxLength) {

  static final List<String> TYPES = List.of("number", "integer", "boolean", "text", "choice");
  static final int MAX_FIELDS = 50;
  private static final int DEFAULT_TEXT_LENGTH = 1000;
  private static final Set<String> KEYS = Set.of("name", "type", "required", "min", "max", "choices", "unit", "max_length");
  private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,49}");

  /** The field definitions of a request, each problem naming its place, e.g. {@code fields[1].max}. */
  static List<TrackerField> parse(JsonNode fields, Fields f) {
    if (fields == null || fields.isNull()) {
      f.fail("fields", "is required: at least one field, e.g. [{\"name\":\"glasses\",\"type\":\"integer\",\"min\":0}]");
      return List.of();
    }
    if (!fields.isArray() || fields.isEmpty() || fields.size() > MAX_FIELDS) {
      f.fail("fields", "must be an array of 1 to " + MAX_FIELDS + " field definitions");
      return List.of();
    }
    var out = new ArrayList<TrackerField>();
    var names = new LinkedHashSet<String>();
    for (int i = 0; i < fields.size(); i++) {
      JsonNode def = fields.get(i);
      String at = "fields[" + i + "]";
      if (!def.isObject()) {
        f.fail(at, "must be an object {name, type, required, ...}");
        continue;
      }
      TrackerField field = one(def, new Fields(def, at + "."), f);
      if (field != null && !names.add(field.name())) f.fail(at + ".name", "is the name of another field");
      if (field != null) out.add(field);
    }
    return out;
  }

  private static TrackerField one(JsonNode def, Fields d, Fields f) {
    d.onlyKnown(KEYS);
    String name = d.requiredText("name", 50);
    if (name != null && !NAME.matcher(name).matches()) d.fail("name", "must start with a letter and hold only letters, digits and _");
    String type = d.requiredText("type", 20);
    if (type != null && !TYPES.contains(type)) d.fail("type", "must be one of " + String.join(", ", TYPES));
    Boolean required = BodyValues.bool(def, d, "required");
    boolean numeric = "number".equals(type) || "integer".equals(type);
    BigDecimal min = bound(def, d, "min", numeric, type);
    BigDecimal max = bound(def, d, "max", numeric, type);
    if (min != null && max != null && min.compareTo(max) > 0) d.fail("max", "must not be less than min");
    List<String> choices = BodyValues.texts(def, d, "choices", 100, 100);
    if ("choice".equals(type) && (choices == null || choices.isEmpty())) d.fail("choices", "a choice field needs its choices");
    if (!"choice".equals(type) && choices != null) d.fail("choices", "is only for a choice field");
    if (choices != null && Set.copyOf(choices).size() < choices.size()) d.fail("choices", "must not repeat a choice");
    String unit = d.text("unit", 50);
    Integer maxLength = BodyValues.integer(d, "max_length", 1, 10_000);
    if (maxLength != null && !"text".equals(type)) d.fail("max_length", "is only for a text field");
    f.addAll(d.errors());
    if (!d.errors().isEmpty()) return null;
    return new TrackerField(name, type, Boolean.TRUE.equals(required), min, max, choices, unit, maxLength);
  }

  private static BigDecimal bound(JsonNode def, Fields d, String key, boolean numeric, String type) {
    JsonNode v = def.get(key);
    if (v == null || v.isNull()) return null;
    if (!numeric) {
      d.fail(key, "is only for a number or integer field");
      return null;
    }
    if (!v.isNumber() || d.number(key, -1e12, 1e12) == null) {
      if (!v.isNumber()) d.fail(key, "must be a number");
      return null;
    }
    if ("integer".equals(type) && !v.isIntegralNumber()) {
      d.fail(key, "must be a whole number for an integer field");
      return null;
    }
    return v.decimalValue();
  }

  /** The definitions as stored in tracking_categories.fields. */
  static ArrayNode toJson(List<TrackerField> fields) {
    ArrayNode out = Json.MAPPER.createArrayNode();
    for (TrackerField t : fields) {
      ObjectNode o = out.addObject().put("name", t.name).put("type", t.type).put("required", t.required);
      if (t.min != null) o.put("min", t.min);
      if (t.max != null) o.put("max", t.max);
      if (t.choices != null) t.choices.forEach(o.putArray("choices")::add);
      if (t.unit != null) o.put("unit", t.unit);
      if (t.maxLength != null) o.put("max_length", t.maxLength);
    }
    return out;
  }

  /**
   * The definitions of a stored category, read leniently: an array of definitions, or seed 003's
   * {@code {"fields": [...]}}; what cannot be read is left out.
   */
  static List<TrackerField> fromStored(JsonNode stored) {
    JsonNode list = stored != null && stored.isObject() ? stored.get("fields") : stored;
    var out = new ArrayList<TrackerField>();
    if (list == null || !list.isArray()) return out;
    for (JsonNode d : list) {
      if (!d.path("name").isTextual()) continue;
      var choices = new ArrayList<String>();
      d.path("choices").forEach(c -> choices.add(c.asText()));
      out.add(new TrackerField(d.get("name").asText(), d.path("type").asText(null), d.path("required").asBoolean(false),
          d.path("min").isNumber() ? d.get("min").decimalValue() : null, d.path("max").isNumber() ? d.get("max").decimalValue() : null,
          d.has("choices") ? choices : null, d.path("unit").asText(null),
          d.path("max_length").isInt() ? d.get("max_length").intValue() : null));
    }
    return out;
  }

  /** Why {@code v} is not a value of this field, or null when it is. */
  String problem(JsonNode v) {
    if (type == null) return null;
    return switch (type) {
      case "number" -> v.isNumber() ? range(v) : "must be a number";
      case "integer" -> v.isIntegralNumber() ? range(v) : "must be a whole number";
      case "boolean" -> v.isBoolean() ? null : "must be true or false";
      case "text" -> !v.isTextual() || v.textValue().isBlank() ? "must be a non-empty string"
          : v.textValue().length() > (maxLength == null ? DEFAULT_TEXT_LENGTH : maxLength)
              ? "must be at most " + (maxLength == null ? DEFAULT_TEXT_LENGTH : maxLength) + " characters"
          : v.textValue().indexOf('\u0000') >= 0 ? "must not contain NUL characters" : null;
      case "choice" -> v.isTextual() && choices != null && choices.contains(v.textValue()) ? null
          : "must be one of " + String.join(", ", choices == null ? List.of() : choices);
      default -> null;
    };
  }

  private String range(JsonNode v) {
    BigDecimal d = v.decimalValue();
    if (min != null && d.compareTo(min) < 0 || max != null && d.compareTo(max) > 0) {
      String unitText = unit == null ? "" : " " + unit;
      if (min != null && max != null) return "must be between " + plain(min) + " and " + plain(max) + unitText;
      return min != null ? "must be at least " + plain(min) + unitText : "must be at most " + plain(max) + unitText;
    }
    return null;
  }

  private static String plain(BigDecimal d) {
    return d.stripTrailingZeros().toPlainString();
  }
}
