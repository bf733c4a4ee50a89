package org.healthtimeline.demo;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.healthtimeline.food.FoodService;
import org.healthtimeline.sync.SourceImport;
import org.healthtimeline.timeline.EventType;
import org.healthtimeline.timeline.NewEvent;
import org.healthtimeline.web.Json;

/** The generated meals as food entries with their events, and one dinner corrected, with its audit trail. */
public final class MealsDemo implements DemoPart {
  /** Every 30th day (counted from 1970) has its dinner corrected, so that a reload corrects no other one. */
  private static final int CORRECTED_EVERY = 30;

  private final FoodService food;

  public MealsDemo(FoodService food) {
    this.food = food;
  }

  @Override
  public Loaded load(DemoUser u) {
    List<NewEvent> meals = u.generated(EventType.MEAL);
    var rows = meals.stream().map(e -> {
      ObjectNode body = (ObjectNode) Json.read(e.data());
      body.put("occurred_at", e.occurredAt().toString());
      return new SourceImport.Row(u.rowId(e.dedupeKey()), body);
    }).toList();
    int added = food.importMeals(u.id(), rows, DemoGenerator.ORIGIN);
    correctADinner(u, meals);
    return new Loaded(rows.size(), added, 0);
  }

  /** The latest dinner on a day divisible by 30, two days ago or earlier, loses its last food ("skipped"). */
  private void correctADinner(DemoUser u, List<NewEvent> meals) {
    LocalDate latest = LocalDate.ofInstant(u.now().minus(Duration.ofDays(2)), u.zone());
    NewEvent dinner = meals.stream()
        .filter(e -> "dinner".equals(e.subtype()))
        .filter(e -> {
          LocalDate day = LocalDate.ofInstant(e.occurredAt(), u.zone());
          return !day.isAfter(latest) && day.toEpochDay() % CORRECTED_EVERY == 0;
        })
        .reduce((first, second) -> second).orElse(null);
    if (dinner == null) return;
    UUID id = u.rowId(dinner.dedupeKey());
    ArrayNode foods = (ArrayNode) food.get(u.id(), id).foods();
    if (foods.size() < 2 || !food.corrections(u.id(), id).isEmpty()) return;
    String skipped = foods.get(foods.size() - 1).path("name").asText();
    ObjectNode correction = Json.MAPPER.createObjectNode()
        .put("reason", "did not have the " + skipped.toLowerCase(java.util.Locale.ROOT) + " after all")
        .put("corrected_by", "demo");
    correction.set("foods", trimmed(foods));
    food.correct(u.id(), id, correction, "demo");
  }

  private static ArrayNode trimmed(ArrayNode foods) {
    ArrayNode copy = foods.deepCopy();
    copy.remove(copy.size() - 1);
    return copy;
  }
}
