package org.healthtimeline.timeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.healthtimeline.db.DbException;
import org.healthtimeline.db.Tx;
import org.healthtimeline.errors.Conflict;
import org.healthtimeline.errors.FieldError;
import org.healthtimeline.errors.InvalidInput;
import org.healthtimeline.errors.NotFound;
import org.healthtimeline.errors.PreconditionFailed;
import org.healthtimeline.user.UserService;
import org.healthtimeline.web.Json;
import org.healthtimeline.web.MergePatch;

/**
 * The timeline's commands and queries. Each command is one transaction. Other features that write an event
 * together with their own row call {@link #write(Connection, UUID, NewEvent)} inside their transaction.
 */
public final class TimelineService {
  public static final int MAX_BATCH = 1000;

  private final Tx tx;
  private final UserService users;
  private final EventInput input;
  private final EventRepository repo = new EventRepository();

  public TimelineService(Tx tx, UserService users, EventSchemas schemas) {
    this.tx = tx;
    this.users = users;
    this.input = new EventInput(schemas);
  }

  /** Parses and validates a create request body; throws InvalidInput naming every bad field. */
  public NewEvent parse(JsonNode body) {
    return input.parse(body, "");
  }

  public WriteResult create(UUID userId, JsonNode body) {
    NewEvent e = parse(body).forUser(userId);
    // Most creates are new: one autocommitted INSERT is their whole transaction (one round trip, not three).
    String json = writing(() -> tx.read(c -> repo.insertNew(c, userId, List.of(e), true).get(e.id())));
    if (json != null) return new WriteResult(WriteResult.Outcome.CREATED, e.id(), json);
    return writing(() -> tx.inTransaction(c -> writeOne(c, userId, e)));
  }

  /**
   * Creates, replays or corrects one event inside the caller's transaction: how other features write an
   * event together with their own row. Its data is checked against its type's schema here too.
   */
  public WriteResult write(Connection c, UUID userId, NewEvent e) throws SQLException {
    List<FieldError> bad = input.validateData(e);
    if (!bad.isEmpty()) throw new InvalidInput(bad);
    return writeOne(c, userId, e);
  }

  private WriteResult writeOne(Connection c, UUID userId, NewEvent e) throws SQLException {
    var conflicts = new Conflict[1];
    WriteResult r = writeAll(c, userId, List.of(e), (cc, u, ev) -> repo.insertNew(cc, u, ev, true), conflicts)[0];
    if (conflicts[0] != null) throw conflicts[0];
    return r;
  }

  /** One result per item of a batch: a write, or the problem that kept the item out. */
  public record ItemResult(int index, WriteResult write, int status, String field, String problem) {}

  /**
   * Up to {@link #MAX_BATCH} events in one transaction. Items that are invalid or conflict are reported and
   * left out; with {@code atomic}, any such item rolls back the whole batch.
   */
  public List<ItemResult> createBatch(UUID userId, JsonNode body, boolean atomic) {
    JsonNode events = body.isObject() ? body.get("events") : null;
    if (events == null || !events.isArray()) throw new InvalidInput("events", "must be an array of events");
    if (events.isEmpty()) throw new InvalidInput("events", "must hold at least one event");
    if (events.size() > MAX_BATCH) throw new InvalidInput("events", "must hold at most " + MAX_BATCH + " events");
    for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (!name.equals("events")) throw new InvalidInput(name, "is not a known field");
    }
    var results = new ItemResult[events.size()];
    var valid = new ArrayList<NewEvent>(events.size());
    var validIndex = new ArrayList<Integer>(events.size());
    var invalid = new ArrayList<FieldError>();
    for (int i = 0; i < events.size(); i++) {
      try {
        valid.add(input.parse(events.get(i), "events[" + i + "]."));
        validIndex.add(i);
      } catch (InvalidInput bad) {
        invalid.addAll(bad.errors());
        results[i] = new ItemResult(i, null, 400, bad.field(), bad.getMessage());
      }
    }
    if (atomic && !invalid.isEmpty()) throw new InvalidInput(invalid);
    // With nothing to insert, no foreign key would tell that the user does not exist.
    if (valid.isEmpty()) requireUser(userId);
    return writing(() -> tx.inTransaction(c -> {
      var conflicts = new Conflict[valid.size()];
      WriteResult[] written = valid.isEmpty() ? new WriteResult[0]
          : writeAll(c, userId, valid, (cc, u, ev) -> repo.insertNew(cc, u, ev, false), conflicts);
      for (int k = 0; k < valid.size(); k++) {
        int i = validIndex.get(k);
        if (conflicts[k] == null) {
          results[i] = new ItemResult(i, written[k], written[k].outcome().status, null, null);
        } else {
          String field = "events[" + i + "]." + conflicts[k].field();
          if (atomic) throw new Conflict(field, conflicts[k].getMessage());
          results[i] = new ItemResult(i, null, 409, field, conflicts[k].getMessage());
        }
      }
      return List.of(results);
    }));
  }

  /**
   * Writes events that {@link #parse} made, inside the caller's transaction: one result per event, a conflict
   * reported at its place instead of thrown. For importers, which write thousands of events per transaction: new
   * events go in through {@link StagedInsert} (COPY), and each event must carry its UTC offset. {@link #parse} has
   * checked their data, so it is not checked again here.
   */
  public List<ItemResult> writeParsed(Connection c, UUID userId, List<NewEvent> events) throws SQLException {
    var conflicts = new Conflict[events.size()];
    WriteResult[] written = writeAll(c, userId, events, StagedInsert::insertNew, conflicts);
    var out = new ArrayList<ItemResult>(events.size());
    for (int i = 0; i < events.size(); i++) {
      out.add(conflicts[i] == null ? new ItemResult(i, written[i], written[i].outcome().status, null, null)
          : new ItemResult(i, null, 409, conflicts[i].field(), conflicts[i].getMessage()));
    }
    return out;
  }

  /** One statement that inserts the events whose id is new: by id, each inserted event's JSON (or ""). */
  private interface InsertNew {
    Map<UUID, String> insert(Connection c, UUID userId, List<NewEvent> events) throws SQLException;
  }

  /**
   * Inserts what is new in one statement, then looks up everything that met a stored id in one more, and
   * resolves each of those. A conflict is reported in {@code conflicts} at the item's position. Created events
   * come back with the JSON {@code insertNew} answers (none for a batch, which answers with ids).
   */
  private WriteResult[] writeAll(Connection c, UUID userId, List<NewEvent> unbound, InsertNew insertNew, Conflict[] conflicts)
      throws SQLException {
    List<NewEvent> events = unbound.stream().map(e -> e.forUser(userId)).toList();
    Map<UUID, String> inserted = insertNew.insert(c, userId, events);
    var results = new WriteResult[events.size()];
    var pending = new ArrayList<Integer>();
    // Only the first item with an id was inserted; a repeat of it is resolved against that one.
    var claimed = new HashSet<UUID>();
    for (int k = 0; k < events.size(); k++) {
      NewEvent e = events.get(k);
      String json = inserted.get(e.id());
      if (json != null && claimed.add(e.id())) results[k] = new WriteResult(WriteResult.Outcome.CREATED, e.id(), json);
      else pending.add(k);
    }
    if (pending.isEmpty()) return results;
    List<EventRepository.Existing> found = repo.findExisting(c, userId, pending.stream().map(events::get).toList());
    var resolved = new HashSet<UUID>();
    for (int j = 0; j < pending.size(); j++) {
      int k = pending.get(j);
      NewEvent e = events.get(k);
      // A second item with the same id must see what the first one made of the stored event.
      var existing = resolved.add(e.id()) ? found.get(j) : repo.findExisting(c, userId, List.of(e)).getFirst();
      try {
        results[k] = resolve(c, userId, e, existing);
      } catch (Conflict conflict) {
        conflicts[k] = conflict;
      }
    }
    return results;
  }

  /**
   * An insert that met a stored id. The client's record_version (none counts as 0) decides: older or equal
   * replays the stored event, newer corrects it, so that a late retry of a first create never undoes a later
   * correction. Only when neither side has a version is the payload compared: the same replays, a different
   * one is a conflict, because an unversioned client must not have a changed record silently dropped.
   */
  private WriteResult resolve(Connection c, UUID userId, NewEvent e, EventRepository.Existing x) throws SQLException {
    String key = e.sourceId() != null ? "source_id" : e.dedupeKey() != null ? "dedupe_key" : "id";
    if (x == null) throw new Conflict(key, "a stored event with this key was removed while this one was written; send it again");
    long sent = e.recordVersion() == null ? 0 : e.recordVersion();
    long stored = x.recordVersion() == null ? 0 : x.recordVersion();
    if (sent > stored) {
      String json = repo.update(c, userId, x.id(), e).orElse(x.json());
      return new WriteResult(WriteResult.Outcome.CORRECTED, x.id(), json);
    }
    if (sent < stored || sent > 0 || x.samePayload()) return new WriteResult(WriteResult.Outcome.REPLAYED, x.id(), x.json());
    throw new Conflict(key, "this " + key + " already names a different event; send a higher record_version to correct it");
  }

  public String get(UUID userId, UUID id, boolean includeDeleted) {
    return tx.read(c -> repo.find(c, userId, id, includeDeleted)).orElseThrow(() -> eventNotFound(userId, id));
  }

  public EventRepository.Page list(EventQuery q) {
    EventRepository.Page page = querying(q, () -> tx.read(c -> repo.list(c, q)));
    if (page.items().isEmpty()) requireUser(q.userId());
    return page;
  }

  long count(EventQuery q) {
    long n = querying(q, () -> tx.read(c -> repo.count(c, q)));
    if (n == 0) requireUser(q.userId());
    return n;
  }

  /** A JSON Merge Patch of the event: a new version, the previous one kept in its history. */
  public String patch(UUID userId, UUID id, JsonNode patch, Integer ifMatchVersion) {
    if (!patch.isObject()) throw new InvalidInput("body", "must be a JSON object (a JSON Merge Patch)");
    var bad = new ArrayList<FieldError>();
    patch.fieldNames().forEachRemaining(name -> {
      if (!EventInput.PATCH_FIELDS.contains(name)) {
        bad.add(new FieldError(name, EventInput.CREATE_FIELDS.contains(name) ? "cannot be changed" : "is not a known field"));
      }
    });
    if (!bad.isEmpty()) throw new InvalidInput(bad);
    // Not found is told apart (no user, or no event) after the transaction: that check reads, and a read may
    // not open inside a transaction.
    Optional<String> patched = writing(() -> tx.inTransaction(c -> {
      var found = repo.findForUpdate(c, userId, id);
      if (found.isEmpty()) return Optional.<String>empty();
      EventRepository.Current cur = found.get();
      if (cur.deleted()) throw new Conflict("eventId", "the event is deleted; restore it before changing it");
      if (ifMatchVersion != null && ifMatchVersion != cur.version()) {
        throw new PreconditionFailed("the event is at version " + cur.version() + ", not " + ifMatchVersion);
      }
      JsonNode merged = MergePatch.apply(editable(Json.read(cur.json())), patch);
      boolean offsetStillValid = !patch.has("occurred_at") && !patch.has("time_zone");
      NewEvent changed = input.parsePatched(merged, cur.stored(), offsetStillValid);
      return Optional.of(repo.update(c, userId, id, changed).orElse(cur.json()));
    }));
    return patched.orElseThrow(() -> eventNotFound(userId, id));
  }

  /** The fields of a stored event that a patch may change, shaped like a create request. */
  private static JsonNode editable(JsonNode stored) {
    ObjectNode out = Json.MAPPER.createObjectNode();
    for (String name : EventInput.PATCH_FIELDS) {
      JsonNode v = stored.get(name);
      if (v != null && !v.isNull()) out.set(name, v);
    }
    return out;
  }

  public List<String> history(UUID userId, UUID id) {
    List<String> versions = tx.read(c -> repo.history(c, userId, id));
    if (versions.isEmpty()) throw eventNotFound(userId, id);
    return versions;
  }

  /** Soft delete. Deleting a deleted event again changes nothing and is not an error. */
  public void delete(UUID userId, UUID id) {
    boolean known = writing(() -> tx.inTransaction(c -> repo.softDelete(c, userId, id) || repo.exists(c, userId, id)));
    if (!known) throw eventNotFound(userId, id);
  }

  public String restore(UUID userId, UUID id) {
    return writing(() -> tx.inTransaction(c -> repo.restore(c, userId, id).or(() -> findQuietly(c, userId, id))))
        .orElseThrow(() -> eventNotFound(userId, id));
  }

  private java.util.Optional<String> findQuietly(Connection c, UUID userId, UUID id) {
    try {
      return repo.find(c, userId, id, true);
    } catch (SQLException e) {
      throw new DbException(e);
    }
  }

  /** Changes after {@code since}, in the order they committed, and where the next read starts. */
  public record ChangePage(List<EventRepository.Change> items, long nextSince, boolean hasMore) {}

  public ChangePage changes(UUID userId, long since, int limit) {
    List<EventRepository.Change> items = tx.read(c -> repo.changes(c, userId, since, limit + 1));
    boolean more = items.size() > limit;
    if (more) items = items.subList(0, limit);
    if (items.isEmpty()) requireUser(userId);
    return new ChangePage(items, items.isEmpty() ? since : items.getLast().seq(), more);
  }

  /** The user's highest change_seq so far (0 when none): where a reader who wants only what comes next starts. */
  public long lastChangeSeq(UUID userId) {
    return tx.read(c -> repo.lastChange(c, userId));
  }

  private void requireUser(UUID userId) {
    if (!users.exists(userId)) throw userNotFound(userId);
  }

  private NotFound eventNotFound(UUID userId, UUID id) {
    if (!users.exists(userId)) return userNotFound(userId);
    return new NotFound("eventId", "event " + id + " does not exist");
  }

  private static NotFound userNotFound(UUID userId) {
    return new NotFound("userId", "user " + userId + " does not exist");
  }

  private static <T> T writing(java.util.function.Supplier<T> work) {
    try {
      return work.get();
    } catch (DbException e) {
      if ("23503".equals(e.sqlState())) throw new NotFound("userId", "the user does not exist");
      throw e;
    }
  }

  private static <T> T querying(EventQuery q, java.util.function.Supplier<T> work) {
    try {
      return work.get();
    } catch (DbException e) {
      String state = e.sqlState();
      if (q.dataPath() != null && state != null && (state.startsWith("42") || state.startsWith("22"))) {
        throw new InvalidInput("data_path", "is not an SQL/JSON path predicate PostgreSQL accepts: " + firstLine(e));
      }
      throw e;
    }
  }

  private static String firstLine(DbException e) {
    String m = e.getMessage() == null ? "" : e.getMessage();
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }
}
