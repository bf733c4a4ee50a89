package org.healthtimeline.food;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import org.healthtimeline.web.Json;

/**
 * What a meal says, validated: {@code foods} in the meal schema's shape ({@code name}, {@code quantity},
 * {@code calories}, {@code macros{protein,carbs,fat}}), totals given or computed from the foods.
 */
record MealContent(Instant occurredAt, String mealType, ArrayNode foods, Integer totalCalories, ObjectNode totalMacros,
    String photoPath, String notes) {

  /** The content in the shape of a request body, nulls left out: how the audit keeps a meal before and after. */
  ObjectNode toJson() {
    ObjectNode o = Json.MAPPER.createObjectNode();
    o.put("occurred_at", occurredAt.toString());
    o.put("meal_type", mealType);
    o.set("foods", foods);
    if (totalCalories != null) o.put("total_calories", totalCalories);
    if (totalMacros != null) o.set("total_macros", totalMacros);
    if (photoPath != null) o.put("photo_path", photoPath);
    if (notes != null) o.put("notes", notes);
    return o;
  }

  /** A stored meal's content, as it is (a row written by another program may not pass today's validation). */
  static MealContent of(Meal m) {
    ArrayNode foods = m.foods() instanceof ArrayNode a ? a : Json.MAPPER.createArrayNode();
    ObjectNode macros = m.totalMacros() instanceof ObjectNode o ? o : null;
    return new MealContent(m.occurredAt(), m.mealType(), foods, m.totalCalories(), macros, m.photoPath(), m.notes());
  }
}
