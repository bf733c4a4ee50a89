package org.healthtimeline.timeline;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * SQL of health_events and health_event_versions. Rows become API JSON in {@link EventJson}, with the
 * event's data passed through as the text PostgreSQL holds. Public so that {@code timeline bench} can run
 * the API's exact SQL over raw JDBC as the baseline of its HTTP figures.
 */
public final class EventRepository {
  private static final String COLUMNS = " " + EventJson.COLUMNS + " ";

  /** The events of a request as rows: one array per column, unnested in SQL. */
  private static final String UNNEST = " " + """
      unnest(?::uuid[], ?::text[], ?::text[], ?::text[], ?::text[], ?::int2[], ?::text[], ?::text[],
          ?::float4[], ?::text[], ?::text[], ?::text[], ?::text[], ?::int8[], ?::text[])
        WITH ORDINALITY AS t(id, type, subtype, occurred_at, ended_at, off, data, session_id, importance, summary,
          origin, source_table, source_id, record_version, dedupe_key, ord)""";

  private static final String INSERT = """
      INSERT INTO health_events AS e (user_id, id, type, subtype, occurred_at, ended_at, utc_offset_min, data,
          session_id, importance, summary, origin, source_table, source_id, record_version, dedupe_key)
      SELECT ?, t.id, t.type::event_type, t.subtype, t.occurred_at::timestamptz, t.ended_at::timestamptz, t.off,
          t.data::json, t.session_id, t.importance, t.summary, t.origin, t.source_table, t.source_id,
          t.record_version, t.dedupe_key
      FROM""" + UNNEST + """

      ON CONFLICT DO NOTHING
      RETURNING e.id""";

  /**
   * Inserts the events whose id is not stored yet. Returns, by id, each inserted event's JSON, or an empty
   * string for each when {@code withJson} is false (a batch answers with ids only).
   */
  public Map<UUID, String> insertNew(Connection c, UUID userId, List<NewEvent> events, boolean withJson) throws SQLException {
    try (var st = c.prepareStatement(withJson ? INSERT + "," + COLUMNS : INSERT)) {
      st.setObject(1, userId);
      bindRows(c, st, 2, events);
      var inserted = new HashMap<UUID, String>(events.size() * 2);
      try (var rs = st.executeQuery()) {
        while (rs.next()) inserted.put(rs.getObject(1, UUID.class), withJson ? EventJson.read(rs, 2) : "");
      }
      return inserted;
    }
  }

  /** Binds the events' columns as arrays, the order UNNEST names them in. */
  private static int bindRows(Connection c, PreparedStatement st, int p, List<NewEvent> events) throws SQLException {
    int n = events.size();
    var ids = new UUID[n];
    var text = new String[12][n];
    var offsets = new Short[n];
    var importance = new Float[n];
    var versions = new Long[n];
    for (int i = 0; i < n; i++) {
      NewEvent e = events.get(i);
      ids[i] = e.id();
      text[0][i] = e.type().wire();
      text[1][i] = e.subtype();
      text[2][i] = e.occurredAt().toString();
      text[3][i] = e.endedAt() == null ? null : e.endedAt().toString();
      offsets[i] = e.utcOffsetMin();
      text[4][i] = e.data();
      text[5][i] = e.sessionId();
      importance[i] = e.importance();
      text[6][i] = e.summary();
      text[7][i] = e.origin();
      text[8][i] = e.sourceTable();
      text[9][i] = e.sourceId();
      versions[i] = e.recordVersion();
      text[10][i] = e.dedupeKey();
    }
    st.setArray(p++, c.createArrayOf("uuid", ids));
    for (int k = 0; k < 4; k++) st.setArray(p++, c.createArrayOf("text", text[k]));
    st.setArray(p++, c.createArrayOf("int2", offsets));
    for (int k = 4; k < 6; k++) st.setArray(p++, c.createArrayOf("text", text[k]));
    st.setArray(p++, c.createArrayOf("float4", importance));
    for (int k = 6; k < 10; k++) st.setArray(p++, c.createArrayOf("text", text[k]));
    st.setArray(p++, c.createArrayOf("int8", versions));
    st.setArray(p++, c.createArrayOf("text", text[10]));
    return p;
  }

  /** The stored event with a request's id, locked for this transaction, and whether it holds the same event. */
  record Existing(UUID id, Long recordVersion, boolean samePayload, String json) {}

  /** For each event, the stored event with its id (null where there is none), in one statement. */
  List<Existing> findExisting(Connection c, UUID userId, List<NewEvent> events) throws SQLException {
    try (var st = c.prepareStatement("""
        SELECT t.ord, e.id, e.record_version,
               (e.type = t.type::event_type AND e.subtype IS NOT DISTINCT FROM t.subtype
                AND e.occurred_at = t.occurred_at::timestamptz
                AND e.ended_at IS NOT DISTINCT FROM t.ended_at::timestamptz AND e.data::jsonb = t.data::jsonb
                AND e.session_id IS NOT DISTINCT FROM t.session_id AND e.importance IS NOT DISTINCT FROM t.importance
                AND e.summary IS NOT DISTINCT FROM t.summary AND e.origin IS NOT DISTINCT FROM t.origin) AS same,""" + COLUMNS + """

        FROM""" + UNNEST + """

        JOIN health_events e ON e.user_id = ? AND e.id = t.id
        FOR UPDATE OF e""")) {
      int p = bindRows(c, st, 1, events);
      st.setObject(p, userId);
      var found = new ArrayList<Existing>(events.size());
      for (int i = 0; i < events.size(); i++) found.add(null);
      try (var rs = st.executeQuery()) {
        while (rs.next()) {
          long v = rs.getLong(3);
          Long version = rs.wasNull() ? null : v;
          found.set((int) rs.getLong(1) - 1, new Existing(rs.getObject(2, UUID.class), version, rs.getBoolean(4), EventJson.read(rs, 5)));
        }
      }
      return found;
    }
  }

  /** Replaces the content of an event; the trigger keeps the old version. Empty if nothing changed. */
  Optional<String> update(Connection c, UUID userId, UUID id, NewEvent e) throws SQLException {
    try (var st = c.prepareStatement("""
        UPDATE health_events e SET type = ?::event_type, subtype = ?, occurred_at = ?, ended_at = ?,
          utc_offset_min = ?, data = ?::json, session_id = ?, importance = ?, summary = ?, origin = ?,
          record_version = ?
        WHERE e.user_id = ? AND e.id = ?
        RETURNING""" + COLUMNS)) {
      st.setString(1, e.type().wire());
      st.setString(2, e.subtype());
      st.setObject(3, utc(e.occurredAt()));
      setTimestamp(st, 4, e.endedAt());
      if (e.utcOffsetMin() == null) st.setNull(5, Types.SMALLINT);
      else st.setShort(5, e.utcOffsetMin());
      st.setString(6, e.data());
      st.setString(7, e.sessionId());
      if (e.importance() == null) st.setNull(8, Types.REAL);
      else st.setFloat(8, e.importance());
      st.setString(9, e.summary());
      st.setString(10, e.origin());
      if (e.recordVersion() == null) st.setNull(11, Types.BIGINT);
      else st.setLong(11, e.recordVersion());
      st.setObject(12, userId);
      st.setObject(13, id);
      return optionalEvent(st);
    }
  }

  /** The event's JSON, and its fields a patch needs, locked for this transaction. */
  record Current(String json, EventInput.Stored stored, boolean deleted, int version) {}

  Optional<Current> findForUpdate(Connection c, UUID userId, UUID id) throws SQLException {
    try (var st = c.prepareStatement("SELECT" + COLUMNS + "FROM health_events e WHERE e.user_id = ? AND e.id = ? FOR UPDATE")) {
      st.setObject(1, userId);
      st.setObject(2, id);
      try (var rs = st.executeQuery()) {
        if (!rs.next()) return Optional.empty();
        var stored = new EventInput.Stored(id, rs.getShort(7), rs.getString(13), rs.getString(14), rs.getString(16));
        rs.getObject(19);
        boolean deleted = !rs.wasNull();
        return Optional.of(new Current(EventJson.read(rs, 1), stored, deleted, rs.getInt(17)));
      }
    }
  }

  Optional<String> find(Connection c, UUID userId, UUID id, boolean includeDeleted) throws SQLException {
    try (var st = c.prepareStatement("SELECT" + COLUMNS + "FROM health_events e WHERE e.user_id = ? AND e.id = ?"
        + (includeDeleted ? "" : " AND e.deleted_at IS NULL"))) {
      st.setObject(1, userId);
      st.setObject(2, id);
      return optionalEvent(st);
    }
  }

  /**
   * Every version of an event, oldest first, the current one last, each with its superseded_at (null on the
   * current one). Keys never change, so earlier versions show the event's keys too.
   */
  List<String> history(Connection c, UUID userId, UUID id) throws SQLException {
    try (var st = c.prepareStatement("""
        SELECT v.event_id, v.user_id, v.type, v.subtype, v.occurred_at, v.ended_at, v.utc_offset_min, v.data,
               v.session_id, v.importance, v.summary, v.origin, e.source_table, e.source_id, v.record_version,
               e.dedupe_key, v.version, v.recorded_at, NULL::timestamptz, NULL::bigint, v.superseded_at
        FROM health_event_versions v JOIN health_events e ON e.user_id = v.user_id AND e.id = v.event_id
        WHERE v.user_id = ? AND v.event_id = ?
        UNION ALL
        SELECT""" + COLUMNS + """
        , NULL::timestamptz FROM health_events e WHERE e.user_id = ? AND e.id = ?
        ORDER BY 17""")) {
      st.setObject(1, userId);
      st.setObject(2, id);
      st.setObject(3, userId);
      st.setObject(4, id);
      var out = new ArrayList<String>();
      try (var rs = st.executeQuery()) {
        while (rs.next()) {
          var sb = new StringBuilder(512);
          EventJson.append(sb, rs, 1);
          sb.setLength(sb.length() - 1);
          EventJson.time(sb, "superseded_at", rs, EventJson.WIDTH + 1);
          out.add(sb.append('}').toString());
        }
      }
      return out;
    }
  }

  /** Marks an event deleted; false if there is no such event that is not deleted already. */
  boolean softDelete(Connection c, UUID userId, UUID id) throws SQLException {
    try (var st = c.prepareStatement(
        "UPDATE health_events SET deleted_at = now() WHERE user_id = ? AND id = ? AND deleted_at IS NULL")) {
      st.setObject(1, userId);
      st.setObject(2, id);
      return st.executeUpdate() == 1;
    }
  }

  Optional<String> restore(Connection c, UUID userId, UUID id) throws SQLException {
    try (var st = c.prepareStatement("UPDATE health_events e SET deleted_at = NULL "
        + "WHERE e.user_id = ? AND e.id = ? AND e.deleted_at IS NOT NULL RETURNING" + COLUMNS)) {
      st.setObject(1, userId);
      st.setObject(2, id);
      return optionalEvent(st);
    }
  }

  boolean exists(Connection c, UUID userId, UUID id) throws SQLException {
    try (var st = c.prepareStatement("SELECT 1 FROM health_events WHERE user_id = ? AND id = ?")) {
      st.setObject(1, userId);
      st.setObject(2, id);
      try (var rs = st.executeQuery()) {
        return rs.next();
      }
    }
  }

  /** A page of events: the JSON of each, and the cursor after the last when there may be more. */
  public record Page(List<String> items, Cursor next) {}

  public Page list(Connection c, EventQuery q) throws SQLException {
    var where = new Where(q);
    String direction = q.ascending() ? "ASC" : "DESC";
    String sql = "SELECT" + COLUMNS + "FROM health_events e WHERE " + where.sql
        + (q.after() == null ? "" : q.ascending() ? " AND (e.occurred_at, e.id) > (?, ?)" : " AND (e.occurred_at, e.id) < (?, ?)")
        + " ORDER BY e.occurred_at " + direction + ", e.id " + direction + " LIMIT ?";
    try (var st = c.prepareStatement(sql)) {
      int p = where.bind(st);
      if (q.after() != null) {
        st.setObject(p++, utc(q.after().occurredAt()));
        st.setObject(p++, q.after().id());
      }
      st.setInt(p, q.limit() + 1);
      var items = new ArrayList<String>(Math.min(q.limit(), 256));
      Cursor next = null;
      Cursor lastCursor = null;
      try (var rs = st.executeQuery()) {
        while (rs.next()) {
          if (items.size() == q.limit()) {
            next = lastCursor;
            break;
          }
          items.add(EventJson.read(rs, 1));
          lastCursor = new Cursor(rs.getObject(5, OffsetDateTime.class).toInstant(), rs.getObject(1, UUID.class), q.ascending());
        }
      }
      return new Page(items, next);
    }
  }

  long count(Connection c, EventQuery q) throws SQLException {
    var where = new Where(q);
    try (var st = c.prepareStatement("SELECT count(*) FROM health_events e WHERE " + where.sql)) {
      where.bind(st);
      try (var rs = st.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  /** One entry of the change feed: the event's current state, or a tombstone if it is deleted. */
  public record Change(long seq, String op, String json) {}

  List<Change> changes(Connection c, UUID userId, long since, int limit) throws SQLException {
    try (var st = c.prepareStatement("SELECT" + COLUMNS
        + "FROM health_events e WHERE e.user_id = ? AND e.change_seq > ? ORDER BY e.change_seq LIMIT ?")) {
      st.setObject(1, userId);
      st.setLong(2, since);
      st.setInt(3, limit);
      var out = new ArrayList<Change>();
      try (var rs = st.executeQuery()) {
        while (rs.next()) {
          rs.getObject(19);
          boolean deleted = !rs.wasNull();
          String op = deleted ? "deleted" : rs.getInt(17) == 1 ? "created" : "updated";
          out.add(new Change(rs.getLong(20), op, deleted ? EventJson.tombstone(rs, 1) : EventJson.read(rs, 1)));
        }
      }
      return out;
    }
  }

  long lastChange(Connection c, UUID userId) throws SQLException {
    try (var st = c.prepareStatement("SELECT coalesce(max(change_seq), 0) FROM health_events WHERE user_id = ?")) {
      st.setObject(1, userId);
      try (var rs = st.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  private static void setTimestamp(PreparedStatement st, int i, Instant t) throws SQLException {
    if (t == null) st.setNull(i, Types.TIMESTAMP_WITH_TIMEZONE);
    else st.setObject(i, utc(t));
  }

  static OffsetDateTime utc(Instant t) {
    return OffsetDateTime.ofInstant(t, ZoneOffset.UTC);
  }

  private static Optional<String> optionalEvent(PreparedStatement st) throws SQLException {
    try (ResultSet rs = st.executeQuery()) {
      return rs.next() ? Optional.of(EventJson.read(rs, 1)) : Optional.empty();
    }
  }

  /** The WHERE clause of a query: only placeholders, never client text, go into the SQL. */
  private static final class Where {
    final String sql;
    private final EventQuery q;

    Where(EventQuery q) {
      this.q = q;
      var sb = new StringBuilder("e.user_id = ?");
      if (!q.includeDeleted()) sb.append(" AND e.deleted_at IS NULL");
      if (q.from() != null) sb.append(" AND e.occurred_at >= ?");
      if (q.to() != null) sb.append(" AND e.occurred_at < ?");
      if (q.types() != null && !q.types().isEmpty()) sb.append(" AND e.type = ANY (?::event_type[])");
      if (q.subtype() != null) sb.append(" AND e.subtype = ?");
      if (q.sessionId() != null) sb.append(" AND e.session_id = ?");
      if (q.minImportance() != null) sb.append(" AND e.importance >= ?");
      if (q.dataContains() != null) sb.append(" AND e.data::jsonb @> ?::jsonb");
      if (q.dataPath() != null) sb.append(" AND e.data::jsonb @@ ?::jsonpath");
      this.sql = sb.toString();
    }

    int bind(PreparedStatement st) throws SQLException {
      int p = 1;
      st.setObject(p++, q.userId());
      if (q.from() != null) st.setObject(p++, utc(q.from()));
      if (q.to() != null) st.setObject(p++, utc(q.to()));
      if (q.types() != null && !q.types().isEmpty()) {
        st.setArray(p++, st.getConnection().createArrayOf("text", q.types().stream().map(EventType::wire).toArray()));
      }
      if (q.subtype() != null) st.setString(p++, q.subtype());
      if (q.sessionId() != null) st.setString(p++, q.sessionId());
      if (q.minImportance() != null) st.setDouble(p++, q.minImportance());
      if (q.dataContains() != null) st.setString(p++, q.dataContains());
      if (q.dataPath() != null) st.setString(p++, q.dataPath());
      return p;
    }
  }
}
