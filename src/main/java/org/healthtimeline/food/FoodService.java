package org.healthtimeline.food;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.healthtimeline.db.Tx;
import org.healthtimeline.errors.InvalidInput;
import org.healthtimeline.errors.NotFound;
import org.healthtimeline.sync.SourceEvents;
import org.healthtimeline.sync.SourceImport;
import org.healthtimeline.user.UserRows;
import org.healthtimeline.user.UserService;
import org.healthtimeline.web.Fields;
import org.healthtimeline.web.PageRequest;

/**
 * Logging, reading and correcting meals. Each command is one transaction: the food entry and its meal event
 * (written by the food_entries mapping's SQL, {@link FoodMapping}) commit together or not at all.
 */
public final class FoodService {
  private final Tx tx;
  private final UserService users;
  private final Clock clock;
  private final FoodRepository repo = new FoodRepository();

  public FoodService(Tx tx, UserService users, Clock clock) {
    this.tx = tx;
    this.users = users;
    this.clock = clock;
  }

  /** Logs a meal and puts it on the timeline; {@code origin} marks its event (null for the API's own). */
  public Meal log(UUID userId, JsonNode body, String origin) {
    MealContent content = MealInput.parse(body, clock.instant());
    return UserRows.writing(userId, () -> tx.inTransaction(c -> {
      UUID id = repo.insert(c, userId, content);
      var event = SourceEvents.write(c, FoodMapping.FOOD_ENTRIES, userId, id, origin);
      return new Meal(id, userId, content.occurredAt(), content.mealType(), content.totalCalories(), content.totalMacros(),
          content.foods(), content.photoPath(), content.notes(), event.id(), event.version());
    }));
  }

  /** Imports meals under the ids given: one transaction, and importing them again adds nothing. */
  public int importMeals(UUID userId, List<SourceImport.Row> rows, String origin) {
    List<MealContent> meals = rows.stream().map(r -> MealInput.parse(r.body(), clock.instant())).toList();
    List<UUID> ids = SourceImport.ids(rows);
    return SourceImport.run(tx, FoodMapping.FOOD_ENTRIES, userId, ids, origin, c -> repo.insertAll(c, userId, ids, meals));
  }

  public Meal get(UUID userId, UUID mealId) {
    return tx.read(c -> repo.find(c, userId, mealId, false)).orElseThrow(() -> notFound(userId, mealId));
  }

  public PageRequest.Page<Meal> list(UUID userId, String mealType, PageRequest page) {
    if (mealType != null && !MealInput.MEAL_TYPES.contains(mealType)) {
      throw new InvalidInput("meal_type", "must be one of " + String.join(", ", MealInput.MEAL_TYPES));
    }
    List<Meal> rows = tx.read(c -> repo.list(c, userId, mealType, page));
    if (rows.isEmpty() && !users.exists(userId)) throw UserRows.userNotFound(userId);
    return page.page(rows, Meal::occurredAt, Meal::id);
  }

  /** A correction and the meal after it; {@code correction} is null when it changed nothing. */
  public record Corrected(MealCorrection correction, Meal meal) {}

  /**
   * Corrects a meal (seed 001): the entry changes, its previous and new content go to food_entry_audit with the
   * reason and who corrected it, and its event gets a new version (the old one stays in its history).
   * {@code correctedBy} is who the caller is, used when the body does not say.
   */
  public Corrected correct(UUID userId, UUID mealId, JsonNode body, String correctedBy) {
    if (!body.isObject()) throw new InvalidInput("body", "must be a JSON object");
    ObjectNode changes = ((ObjectNode) body).deepCopy();
    var f = new Fields(body);
    String reason = f.requiredText("reason", 1000);
    String by = f.given("corrected_by") ? f.text("corrected_by", 200) : correctedBy;
    changes.remove(List.of("reason", "corrected_by"));
    if (changes.isEmpty()) f.fail("body", "name at least one field of the meal to correct (" + String.join(", ", MealInput.FIELDS) + ")");
    f.check();
    Corrected done = tx.inTransaction(c -> {
      var stored = repo.find(c, userId, mealId, true);
      if (stored.isEmpty()) return null;
      MealContent before = MealContent.of(stored.get());
      MealContent after = MealInput.correct(before, changes, clock.instant());
      if (after.toJson().equals(before.toJson())) return new Corrected(null, stored.get());
      repo.update(c, userId, mealId, after);
      MealCorrection audit = repo.insertCorrection(c, userId, mealId, by, reason, before, after);
      var event = SourceEvents.write(c, FoodMapping.FOOD_ENTRIES, userId, mealId, null);
      return new Corrected(audit, new Meal(mealId, userId, after.occurredAt(), after.mealType(), after.totalCalories(),
          after.totalMacros(), after.foods(), after.photoPath(), after.notes(), event.id(), event.version()));
    });
    if (done == null) throw notFound(userId, mealId);
    return done;
  }

  /** The meal's corrections, oldest first. */
  public List<MealCorrection> corrections(UUID userId, UUID mealId) {
    List<MealCorrection> found = tx.read(c -> repo.exists(c, userId, mealId) ? repo.corrections(c, userId, mealId) : null);
    if (found == null) throw notFound(userId, mealId);
    return found;
  }

  private NotFound notFound(UUID userId, UUID mealId) {
    return UserRows.notFound(users, userId, "mealId", "meal " + mealId + " does not exist");
  }
}
