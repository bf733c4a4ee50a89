package org.healthtimeline.user;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.healthtimeline.db.DbException;
import org.healthtimeline.db.Tx;
import org.healthtimeline.errors.Conflict;
import org.healthtimeline.errors.InvalidInput;
import org.healthtimeline.errors.NotFound;
import org.healthtimeline.web.Fields;
import org.healthtimeline.web.Json;
import org.healthtimeline.web.MergePatch;

/** Creating, reading, changing and deleting people; deleting one cascades to everything of theirs. */
public final class UserService {
  private static final Set<String> FIELDS = Set.of("external_id", "time_zone", "profile", "preferences", "patterns");

  private final Tx tx;
  private final UserRepository repo = new UserRepository();
  private final List<TimeZoneChange> zoneChanges = new CopyOnWriteArrayList<>();

  /** Told of a user's new time zone inside the transaction that changes it, so that its work commits with it. */
  @FunctionalInterface
  public interface TimeZoneChange {
    void changed(Connection c, UUID userId, ZoneId zone) throws SQLException;
  }

  public UserService(Tx tx) {
    this.tx = tx;
  }

  public User create(JsonNode body) {
    var f = new Fields(body);
    f.onlyKnown(FIELDS);
    String externalId = f.text("external_id", 255);
    String zoneName = f.given("time_zone") ? f.text("time_zone", 64) : "UTC";
    ZoneId zone = zoneName == null ? null : zone(f, zoneName);
    JsonNode profile = f.object("profile");
    JsonNode preferences = f.object("preferences");
    JsonNode patterns = f.object("patterns");
    f.check();
    return write(() -> tx.inTransaction(c -> {
      UUID id = repo.insert(c, externalId, zone);
      if (profile != null || preferences != null || patterns != null) {
        repo.updateProfile(c, id, jsonOrEmpty(profile), jsonOrEmpty(preferences), jsonOrEmpty(patterns));
      }
      return repo.find(c, id).orElseThrow();
    }));
  }

  public User get(UUID id) {
    return tx.read(c -> repo.find(c, id)).orElseThrow(() -> notFound(id));
  }

  public Optional<User> findByExternalId(String externalId) {
    return tx.read(c -> repo.findByExternalId(c, externalId));
  }

  public ZoneId timeZone(UUID id) {
    return tx.read(c -> repo.timeZone(c, id, false)).orElseThrow(() -> notFound(id));
  }

  /** Features that keep something in the user's local time (reminders) register here while the app is wired. */
  public void onTimeZoneChange(TimeZoneChange listener) {
    zoneChanges.add(listener);
  }

  /**
   * The user's time zone, read inside the caller's transaction and held until it ends: a change of zone waits for
   * that transaction, and so finds what it wrote. Empty when the user does not exist.
   */
  public Optional<ZoneId> lockTimeZone(Connection c, UUID id) throws SQLException {
    return repo.timeZone(c, id, true);
  }

  public boolean exists(UUID id) {
    return tx.read(c -> repo.exists(c, id));
  }

  /** A JSON Merge Patch of the user: time_zone, external_id, and the three profile documents. */
  public User update(UUID id, JsonNode patch) {
    var f = new Fields(patch);
    f.onlyKnown(FIELDS);
    for (String doc : new String[] {"profile", "preferences", "patterns"}) {
      if (f.has(doc) && !patch.get(doc).isObject() && !patch.get(doc).isNull()) f.fail(doc, "must be a JSON object or null");
      else f.object(doc);
    }
    String zoneName = f.text("time_zone", 64);
    if (f.has("time_zone") && patch.get("time_zone").isNull()) f.fail("time_zone", "cannot be removed; every user has a time zone");
    ZoneId newZone = zoneName == null ? null : zone(f, zoneName);
    String newExternalId = f.text("external_id", 255);
    f.check();
    return write(() -> tx.inTransaction(c -> {
      User u = repo.findForUpdate(c, id).orElseThrow(() -> notFound(id));
      String externalId = patch.has("external_id") ? newExternalId : u.externalId();
      repo.updateUser(c, id, externalId, newZone != null ? newZone : u.timeZone());
      if (newZone != null && !newZone.equals(u.timeZone())) {
        for (TimeZoneChange listener : zoneChanges) listener.changed(c, id, newZone);
      }
      repo.updateProfile(c, id,
          merged(u.profile(), patch.get("profile")),
          merged(u.preferences(), patch.get("preferences")),
          merged(u.patterns(), patch.get("patterns")));
      return repo.find(c, id).orElseThrow();
    }));
  }

  public void delete(UUID id) {
    if (!tx.inTransaction(c -> repo.delete(c, id))) throw notFound(id);
  }

  private static String merged(JsonNode current, JsonNode patch) {
    if (patch == null) return Json.write(current);
    if (patch.isNull()) return "{}";
    return Json.write(MergePatch.apply(current, patch));
  }

  private static String jsonOrEmpty(JsonNode doc) {
    return doc == null ? "{}" : Json.write(doc);
  }

  private static ZoneId zone(Fields f, String name) {
    try {
      return TimeZones.parse("time_zone", name);
    } catch (InvalidInput e) {
      f.fail("time_zone", e.errors().getFirst().message());
      return null;
    }
  }

  private static NotFound notFound(UUID id) {
    return new NotFound("userId", "user " + id + " does not exist");
  }

  private static <T> T write(java.util.function.Supplier<T> work) {
    try {
      return work.get();
    } catch (DbException e) {
      if ("23505".equals(e.sqlState())) throw new Conflict("external_id", "another user already has this external_id");
      if ("23514".equals(e.sqlState())) throw new InvalidInput("time_zone", "PostgreSQL does not know this time zone");
      throw e;
    }
  }
}
