package org.healthtimeline.tracking;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.healthtimeline.db.DbException;
import org.healthtimeline.db.Tx;
import org.healthtimeline.errors.Conflict;
import org.healthtimeline.errors.InvalidInput;
import org.healthtimeline.errors.NotFound;
import org.healthtimeline.sync.SourceEvents;
import org.healthtimeline.sync.SourceImport;
import org.healthtimeline.user.UserRows;
import org.healthtimeline.user.UserService;
import org.healthtimeline.web.BodyValues;
import org.healthtimeline.web.Fields;
import org.healthtimeline.web.Json;
import org.healthtimeline.web.PageRequest;

/**
 * Tracking categories and their entries. An entry is checked against its category's fields and written with its
 * tracker event (by {@link TrackingMapping}) in one transaction. A category's fields never change (its entries
 * were checked against them); it can be renamed, which brings its entries' events up to date, or deactivated,
 * which keeps its entries and refuses new ones.
 */
public final class TrackingService {
  private static final Set<String> CATEGORY_FIELDS = Set.of("name", "fields", "schedule");
  private static final Set<String> CATEGORY_CHANGES = Set.of("name", "active", "schedule", "fields");

  private final Tx tx;
  private final UserService users;
  private final Clock clock;
  private final TrackingRepository repo = new TrackingRepository();

  public TrackingService(Tx tx, UserService users, Clock clock) {
    this.tx = tx;
    this.users = users;
    this.clock = clock;
  }

  public Category createCategory(UUID userId, JsonNode body) {
    var f = objectFields(body);
    f.onlyKnown(CATEGORY_FIELDS);
    String name = f.requiredText("name", 100);
    List<TrackerField> fields = TrackerField.parse(body.get("fields"), f);
    JsonNode schedule = f.object("schedule");
    f.check();
    return naming(name, () -> UserRows.writing(userId, () -> tx.inTransaction(c ->
        repo.insertCategory(c, userId, name, Json.write(TrackerField.toJson(fields)), schedule == null ? null : Json.write(schedule)))));
  }

  public List<Category> categories(UUID userId, Boolean active) {
    List<Category> found = tx.read(c -> repo.categories(c, userId, active));
    if (found.isEmpty() && !users.exists(userId)) throw UserRows.userNotFound(userId);
    return found;
  }

  public Category category(UUID userId, UUID id) {
    return tx.read(c -> repo.category(c, userId, id, null)).orElseThrow(() -> categoryNotFound(userId, id));
  }

  /** Renames, deactivates or reactivates a category, or changes its schedule; a rename re-labels its entries' events. */
  public Category updateCategory(UUID userId, UUID id, JsonNode body) {
    var f = objectFields(body);
    f.onlyKnown(CATEGORY_CHANGES);
    if (f.has("fields")) f.fail("fields", "cannot be changed: the entries were checked against them; make a new category instead");
    String newName = f.text("name", 100);
    if (f.has("name") && newName == null && body.get("name").isNull()) f.fail("name", "cannot be removed");
    Boolean active = BodyValues.bool(body, f, "active");
    if (f.has("active") && body.get("active").isNull()) f.fail("active", "must be true or false");
    JsonNode schedule = f.object("schedule");
    if (body.isEmpty()) f.fail("body", "name at least one of name, active, schedule");
    f.check();
    Category updated = naming(newName, () -> tx.inTransaction(c -> {
      var found = repo.category(c, userId, id, "FOR UPDATE");
      if (found.isEmpty()) return null;
      Category cur = found.get();
      String name = newName != null ? newName : cur.name();
      JsonNode newSchedule = f.has("schedule") ? schedule : cur.schedule();
      repo.updateCategory(c, userId, id, name, active != null ? active : cur.active(), newSchedule == null ? null : Json.write(newSchedule));
      if (!name.equals(cur.name())) {
        SourceEvents.refresh(c, TrackingMapping.TRACKING_ENTRIES, "s.user_id = ? AND s.category_id = ?", userId, id);
      }
      return repo.category(c, userId, id, null).orElseThrow();
    }));
    if (updated == null) throw categoryNotFound(userId, id);
    return updated;
  }

  /** Logs an entry of an active category; {@code origin} marks its event (null for the API's own). */
  public TrackerEntry log(UUID userId, UUID categoryId, JsonNode body, String origin) {
    NewEntry entry = NewEntry.parse(body, clock.instant());
    TrackerEntry logged = UserRows.writing(userId, () -> tx.inTransaction(c -> {
      // FOR SHARE: a rename or deactivation waits until this entry is written, and none happens in between.
      var found = repo.category(c, userId, categoryId, "FOR SHARE");
      if (found.isEmpty()) return null;
      NewEntry checked = entry.checkedBy(active(found.get()));
      UUID id = repo.insertEntry(c, userId, categoryId, checked.occurredAt(), checked.data(), checked.notes());
      SourceEvents.write(c, TrackingMapping.TRACKING_ENTRIES, userId, id, origin);
      return repo.entry(c, userId, id).orElseThrow();
    }));
    if (logged == null) throw categoryNotFound(userId, categoryId);
    return logged;
  }

  /** Imports entries of an active category under the ids given: one transaction, and importing them again adds nothing. */
  public int importEntries(UUID userId, UUID categoryId, List<SourceImport.Row> rows, String origin) {
    Category category = active(category(userId, categoryId));
    List<NewEntry> entries = rows.stream().map(r -> NewEntry.parse(r.body(), clock.instant()).checkedBy(category)).toList();
    List<UUID> ids = SourceImport.ids(rows);
    return SourceImport.run(tx, TrackingMapping.TRACKING_ENTRIES, userId, ids, origin,
        c -> repo.insertEntries(c, userId, categoryId, ids, entries));
  }

  private static Category active(Category category) {
    if (!category.active()) {
      throw new Conflict("categoryId", "the category " + category.name() + " is inactive; reactivate it to log entries");
    }
    return category;
  }

  public PageRequest.Page<TrackerEntry> entries(UUID userId, UUID categoryId, PageRequest page) {
    List<TrackerEntry> rows = tx.read(c -> repo.entries(c, userId, categoryId, page));
    if (rows.isEmpty()) category(userId, categoryId);
    return page.page(rows, TrackerEntry::occurredAt, TrackerEntry::id);
  }

  private static Fields objectFields(JsonNode body) {
    if (!body.isObject()) throw new InvalidInput("body", "must be a JSON object");
    return new Fields(body);
  }

  private NotFound categoryNotFound(UUID userId, UUID id) {
    return UserRows.notFound(users, userId, "categoryId", "tracking category " + id + " does not exist");
  }

  /** A second category of the user with the same name is a conflict naming {@code name}. */
  private static <T> T naming(String name, java.util.function.Supplier<T> work) {
    try {
      return work.get();
    } catch (DbException e) {
      if ("23505".equals(e.sqlState())) throw new Conflict("name", "there is a tracking category named " + name + " already");
      throw e;
    }
  }
}
