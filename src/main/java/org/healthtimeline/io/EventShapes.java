package org.healthtimeline.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NumericNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Set;

/**
 * The fields of the sample files' neutral event format ({@code shared/data/}) in our event data shapes (the
 * schemas in {@code resources/schemas/}). A field already in our shape is kept as it is and wins, so a file of
 * our own (an NDJSON export) passes through unchanged; fields neither format names are kept for the app.
 * The README's import section has the table.
 */
final class EventShapes {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final Set<String> MEAL_TYPES = Set.of("breakfast", "lunch", "dinner", "snack", "other");

  private EventShapes() {}

  /** Maps a create body in place: {@code source} becomes {@code origin}, and {@code data} by its type. */
  static void toOurs(ObjectNode body) {
    move(body, "source", body, "origin");
    if (!(body.get("data") instanceof ObjectNode data) || !body.path("type").isTextual()) return;
    switch (body.get("type").asText()) {
      case "meal" -> meal(data);
      case "sleep" -> sleep(data);
      case "exercise" -> exercise(data, body);
      case "mood" -> mood(data);
      case "symptom" -> symptom(data);
      case "tracker" -> tracker(data);
      default -> { }
    }
  }

  static void meal(ObjectNode d) {
    if (!d.has("meal_type") && d.path("meal").isTextual()) {
      String name = d.remove("meal").asText();
      String type = name.toLowerCase(Locale.ROOT);
      if (MEAL_TYPES.contains(type)) d.put("meal_type", type);
      else d.put("meal_type", "other").put("meal_name", name);
    }
    if (!(d.get("foods") instanceof com.fasterxml.jackson.databind.node.ArrayNode foods)) return;
    for (JsonNode f : foods) if (f instanceof ObjectNode food) macros(food);
    if (!d.has("total_calories")) {
      BigDecimal total = sum(foods, "calories");
      if (total != null) d.set("total_calories", number(total));
    }
    if (!d.has("total_macros")) {
      ObjectNode totals = NODES.objectNode();
      for (String m : new String[] {"protein", "carbs", "fat"}) {
        BigDecimal total = sumMacro(foods, m);
        if (total != null) totals.set(m, number(total));
      }
      if (!totals.isEmpty()) d.set("total_macros", totals);
    }
  }

  /** protein_g, carbs_g and fat_g of a food become its {@code macros}. */
  private static void macros(ObjectNode food) {
    if (food.has("macros")) return;
    ObjectNode macros = NODES.objectNode();
    for (String m : new String[] {"protein", "carbs", "fat"}) move(food, m + "_g", macros, m);
    if (!macros.isEmpty()) food.set("macros", macros);
  }

  static void sleep(ObjectNode d) {
    if (!d.has("sleep_quality_rating") && d.get("quality") instanceof NumericNode q) {
      d.remove("quality");
      d.set("sleep_quality_rating", scaled(q, d.path("scale").asText("1-5")));
      d.set("original", original("quality", q, d.remove("scale"), "1-5"));
    }
    move(d, "awakenings", d, "night_wakings");
  }

  static void exercise(ObjectNode d, ObjectNode body) {
    move(d, "activity", d, "activity_type");
    move(d, "avg_hr", d, "avg_heart_rate");
    if (!d.has("duration_minutes")) {
      Duration length = interval(body);
      if (length != null) d.set("duration_minutes", number(BigDecimal.valueOf(length.toSeconds()).divide(BigDecimal.valueOf(60), 2, java.math.RoundingMode.HALF_UP)));
    }
  }

  static void mood(ObjectNode d) {
    if (!d.has("mood_rating") && d.get("score") instanceof NumericNode score) {
      d.remove("score");
      JsonNode scale = d.remove("scale");
      d.set("mood_rating", scaled(score, scale == null ? "1-10" : scale.asText()));
      if (scale != null && !"1-10".equals(scale.asText())) d.set("original", original("score", score, scale, null));
    }
    move(d, "tags", d, "emotions");
  }

  static void symptom(ObjectNode d) {
    move(d, "name", d, "symptom_type");
    JsonNode scale = d.get("scale");
    if (scale != null && d.get("severity") instanceof NumericNode severity && !"0-10".equals(scale.asText())) {
      d.set("severity", scaled(severity, scale.asText()));
      d.set("original", original("severity", severity, scale, null));
    }
    if (scale != null && "0-10".equals(scale.asText())) d.remove("scale");
  }

  /** {@code values: {systolic: {value, unit}}} becomes {@code data: {systolic: 128}} and {@code units: {systolic: "mmHg"}}. */
  static void tracker(ObjectNode d) {
    move(d, "tracker", d, "category_name");
    if (d.has("data") || !(d.get("values") instanceof ObjectNode values)) return;
    d.remove("values");
    ObjectNode data = NODES.objectNode();
    ObjectNode units = NODES.objectNode();
    values.properties().forEach(e -> {
      JsonNode v = e.getValue();
      if (v.isObject() && v.has("value")) {
        data.set(e.getKey(), v.get("value"));
        if (v.path("unit").isTextual()) units.set(e.getKey(), v.get("unit"));
      } else {
        data.set(e.getKey(), v);
      }
    });
    d.set("data", data);
    if (!units.isEmpty()) d.set("units", units);
  }

  /**
   * A score on a scale "1-5" (or "0-5") as our 1-10 (0-10): doubled, so 5 is 10 and the original is recoverable;
   * "1-10" and "0-10" are kept. Any other scale is scaled linearly onto 0-10 from its upper bound.
   */
  static JsonNode scaled(NumericNode value, String scale) {
    BigDecimal v = value.decimalValue();
    String[] bounds = scale.split("-", 2);
    try {
      BigDecimal top = new BigDecimal(bounds[bounds.length - 1].trim());
      if (top.compareTo(BigDecimal.TEN) == 0) return value;
      if (top.compareTo(BigDecimal.valueOf(5)) == 0) return number(v.multiply(BigDecimal.TWO));
      return number(v.multiply(BigDecimal.TEN).divide(top, 2, java.math.RoundingMode.HALF_UP));
    } catch (NumberFormatException e) {
      return value;
    }
  }

  private static ObjectNode original(String name, JsonNode value, JsonNode scale, String defaultScale) {
    ObjectNode o = NODES.objectNode().set(name, value);
    if (scale != null) o.set("scale", scale);
    else if (defaultScale != null) o.put("scale", defaultScale);
    return o;
  }

  private static Duration interval(ObjectNode body) {
    try {
      if (!body.path("occurred_at").isTextual() || !body.path("ended_at").isTextual()) return null;
      Duration d = Duration.between(OffsetDateTime.parse(body.get("occurred_at").asText()), OffsetDateTime.parse(body.get("ended_at").asText()));
      return d.isNegative() ? null : d;
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static BigDecimal sum(Iterable<JsonNode> items, String field) {
    BigDecimal total = BigDecimal.ZERO;
    for (JsonNode item : items) {
      if (!item.path(field).isNumber()) return null;
      total = total.add(item.get(field).decimalValue());
    }
    return total;
  }

  private static BigDecimal sumMacro(Iterable<JsonNode> foods, String macro) {
    BigDecimal total = BigDecimal.ZERO;
    boolean any = false;
    for (JsonNode food : foods) {
      JsonNode v = food.path("macros").path(macro);
      if (v.isNumber()) {
        total = total.add(v.decimalValue());
        any = true;
      }
    }
    return any ? total : null;
  }

  /** A number as JSON writes it plainly: an integer without ".0", a decimal without trailing zeros. */
  static NumericNode number(BigDecimal d) {
    BigDecimal s = d.stripTrailingZeros();
    if (s.scale() <= 0) {
      try {
        return LongNode.valueOf(s.longValueExact());
      } catch (ArithmeticException e) {
        return DecimalNode.valueOf(d);
      }
    }
    return DecimalNode.valueOf(s);
  }

  /** Moves {@code from.name} to {@code to.target} unless the target is already there (ours wins). */
  static void move(ObjectNode from, String name, ObjectNode to, String target) {
    if (!from.has(name) || to.has(target)) return;
    to.set(target, from.remove(name));
  }
}
