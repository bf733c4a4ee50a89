package org.healthtimeline.food;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.healthtimeline.errors.InvalidInput;
import org.healthtimeline.web.Fields;
import org.healthtimeline.web.Json;

/**
 * Turns a meal request into {@link MealContent}, naming every field that is wrong. Totals left out are computed
 * from the foods; totals given must agree with them.
 *
 * <p>Agreeing means: within half a unit per food, plus half a unit for the total itself, because apps round each
 * food's calories and grams to whole numbers before they add them up. When only some foods give a value, the
 * total is not computed, and a total given must be at least what those foods add up to.
 */
final class MealInput {
  static final List<String> MEAL_TYPES = List.of("breakfast", "lunch", "dinner", "snack", "other");
  static final Set<String> FIELDS = Set.of("occurred_at", "meal_type", "foods", "total_calories", "total_macros",
      "photo_path", "notes");
  private static final Set<String> FOOD_FIELDS = Set.of("name", "quantity", "calories", "macros");
  private static final List<String> MACROS = List.of("protein", "carbs", "fat");
  static final int MAX_FOODS = 200;
  static final int MAX_CALORIES = 20000;
  static final int MAX_GRAMS = 5000;

  private MealInput() {}

  /** A meal to log; {@code occurred_at} defaults to {@code now}. */
  static MealContent parse(JsonNode body, Instant now) {
    if (!body.isObject()) throw new InvalidInput("body", "must be a JSON object");
    var f = new Fields(body);
    f.onlyKnown(FIELDS);
    Instant occurredAt = f.given("occurred_at") ? f.instant("occurred_at") : now;
    String mealType = f.requiredText("meal_type", 20);
    if (mealType != null && !MEAL_TYPES.contains(mealType)) f.fail("meal_type", "must be one of " + String.join(", ", MEAL_TYPES));
    ArrayNode foods = foods(body.get("foods"), f);
    Long totalCalories = f.integer("total_calories", 0, MAX_CALORIES);
    ObjectNode totalMacros = macros(body.get("total_macros"), f, "total_macros", "total_macros");
    String photoPath = f.text("photo_path", 1000);
    String notes = f.text("notes", 10_000);
    if (foods != null && foods.isEmpty() && !f.given("total_calories")) {
      f.fail("foods", "a meal needs its foods, its total_calories, or both");
    }
    f.check();
    BigDecimal calories = total(foods, food -> food.get("calories"),
        totalCalories == null ? null : BigDecimal.valueOf(totalCalories), "total_calories", MAX_CALORIES, f);
    ObjectNode macros = totalMacros == null ? Json.MAPPER.createObjectNode() : totalMacros;
    for (String k : MACROS) {
      JsonNode given = macros.get(k);
      BigDecimal sum = total(foods, food -> food.path("macros").get(k), given == null ? null : given.decimalValue(),
          "total_macros." + k, MAX_GRAMS, f);
      if (given == null && sum != null) macros.set(k, number(sum.setScale(1, RoundingMode.HALF_UP)));
    }
    f.check();
    return new MealContent(occurredAt.truncatedTo(ChronoUnit.MICROS), mealType, foods,
        calories == null ? null : calories.setScale(0, RoundingMode.HALF_UP).intValueExact(),
        macros.isEmpty() ? null : macros, photoPath, notes);
  }

  /**
   * A correction applied to a stored meal: the fields it gives replace the stored ones, {@code null} removes
   * an optional one, and the result must be a valid meal. New foods without new totals get totals computed
   * from them.
   */
  static MealContent correct(MealContent stored, ObjectNode changes, Instant now) {
    ObjectNode merged = stored.toJson();
    if (changes.has("foods")) {
      merged.remove("total_calories");
      merged.remove("total_macros");
    }
    var f = new Fields(changes);
    for (var e : changes.properties()) {
      if (!e.getValue().isNull()) merged.set(e.getKey(), e.getValue());
      else if (e.getKey().equals("occurred_at") || e.getKey().equals("meal_type")) f.fail(e.getKey(), "cannot be removed");
      else merged.remove(e.getKey());
    }
    f.check();
    return parse(merged, now);
  }

  private static ArrayNode foods(JsonNode v, Fields f) {
    ArrayNode out = Json.MAPPER.createArrayNode();
    if (v == null || v.isNull()) return out;
    if (!v.isArray()) {
      f.fail("foods", "must be an array of foods");
      return null;
    }
    if (v.size() > MAX_FOODS) {
      f.fail("foods", "must hold at most " + MAX_FOODS + " foods");
      return null;
    }
    for (int i = 0; i < v.size(); i++) {
      JsonNode item = v.get(i);
      String at = "foods[" + i + "]";
      if (!item.isObject()) {
        f.fail(at, "must be an object with a name, and optionally quantity, calories and macros");
        continue;
      }
      out.add(food(item, at, f));
    }
    return out;
  }

  private static ObjectNode food(JsonNode item, String at, Fields f) {
    var ff = new Fields(item, at + ".");
    for (var name : (Iterable<String>) item::fieldNames) {
      if (MACROS.contains(name)) ff.fail(name, "belongs in macros: {\"macros\": {\"" + name + "\": ...}}");
      else if (!FOOD_FIELDS.contains(name)) ff.fail(name, "is not a known field (name, quantity, calories, macros)");
    }
    ObjectNode food = Json.MAPPER.createObjectNode();
    food.put("name", ff.requiredText("name", 300));
    JsonNode quantity = item.get("quantity");
    if (quantity != null && !quantity.isNull()) {
      if (quantity.isTextual()) ff.text("quantity", 100);
      else if (quantity.isNumber()) ff.number("quantity", 0, 1_000_000);
      else ff.fail("quantity", "must be a string such as \"200g\" or a number");
      food.set("quantity", quantity);
    }
    if (ff.number("calories", 0, MAX_CALORIES) != null) food.set("calories", item.get("calories"));
    ObjectNode macros = macros(item.get("macros"), ff, "macros", at + ".macros");
    if (macros != null) food.set("macros", macros);
    f.addAll(ff.errors());
    return food;
  }

  /**
   * {protein, carbs, fat} in grams, each optional; {@code null} when not given. {@code name} is the field in
   * {@code owner}, {@code path} its full name.
   */
  private static ObjectNode macros(JsonNode v, Fields owner, String name, String path) {
    if (v == null || v.isNull()) return null;
    if (!v.isObject()) {
      owner.fail(name, "must be an object {protein, carbs, fat} in grams");
      return null;
    }
    var mf = new Fields(v, path + ".");
    mf.onlyKnown(Set.copyOf(MACROS));
    ObjectNode out = Json.MAPPER.createObjectNode();
    for (String k : MACROS) {
      if (mf.number(k, 0, MAX_GRAMS) != null) out.set(k, v.get(k));
    }
    owner.addAll(mf.errors());
    return out;
  }

  /**
   * The total of a value over the foods: {@code given} if it agrees with them (else a problem naming
   * {@code field}), or their sum if every food gives the value, or null.
   */
  private static BigDecimal total(ArrayNode foods, Function<JsonNode, JsonNode> value, BigDecimal given, String field,
      int max, Fields f) {
    if (foods.isEmpty()) return given;
    BigDecimal sum = BigDecimal.ZERO;
    int counted = 0;
    for (JsonNode food : foods) {
      JsonNode v = value.apply(food);
      if (v != null && v.isNumber()) {
        sum = sum.add(v.decimalValue());
        counted++;
      }
    }
    String unit = field.equals("total_calories") ? " kcal" : " g";
    if (given == null) {
      if (counted < foods.size()) return null;
      if (sum.compareTo(BigDecimal.valueOf(max)) > 0) f.fail(field, "the foods add up to " + plain(sum) + unit + ", more than " + max);
      return sum;
    }
    BigDecimal tolerance = BigDecimal.valueOf(foods.size() + 1).multiply(new BigDecimal("0.5"));
    if (counted == foods.size() && given.subtract(sum).abs().compareTo(tolerance) > 0) {
      f.fail(field, "is " + plain(given) + unit + " but the foods add up to " + plain(sum) + unit);
    } else if (counted < foods.size() && given.compareTo(sum.subtract(tolerance)) < 0) {
      f.fail(field, "is " + plain(given) + unit + ", less than the " + plain(sum) + unit + " of the foods that give it");
    }
    return given;
  }

  private static JsonNode number(BigDecimal d) {
    BigDecimal s = d.stripTrailingZeros();
    return s.scale() <= 0 ? JsonNodeFactory.instance.numberNode(s.longValueExact()) : JsonNodeFactory.instance.numberNode(s);
  }

  private static String plain(BigDecimal d) {
    return d.stripTrailingZeros().toPlainString();
  }
}
