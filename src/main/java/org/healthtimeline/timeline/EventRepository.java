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
 * SQL of health_events and health_event_versions. Events leave PostgreSQL as JSON text built by
 * json_build_object, and go to the client without being parsed and written again. Public so that
 * {@code timeline bench} can run the API's exact SQL over raw JDBC as the baseline of its HTTP figures.
 */
public final class EventRepository {

  /**
   * The event as the API shows it. Timestamps come out in UTC because every session runs in UTC. It starts
   * with a space because text blocks drop the trailing space of the SQL it is appended to.
   */
  static final String EVENT_JSON = " " + """
      json_build_object('id', e.id, 'user_id', e.user_id, 'type', e.type, 'subtype', e.subtype,
        'occurred_at', e.occurred_at, 'ended_at', e.ended_at, 'utc_offset_minutes', e.utc_offset_min,
        'data', e.data, 'session_id', e.session_id, 'importance', e.importance, 'summary', e.summary,
        'origin', e.origin, 'source_table', e.source_table, 'source_id', e.source_id,
        'record_version', e.record_version, 'dedupe_key', e.dedupe_key, 'version', e.version,
        'recorded_at', e.recorded_at, 'deleted_at', e.deleted_at, 'change_seq', e.change_seq)::text""";

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
      RETURNING e.id,""" + EVENT_JSON;

  /** Inserts the events whose id is not stored yet; returns the JSON of each inserted event by id. */
  public Map<UUID, String> insertNew(Connection c, UUID userId, List<NewEvent> events) throws SQLException {
    try (var st = c.prepareStatement(INSERT)) {
      st.setObject(1, userId);
      bindRows(c, st, 2, events);
      var inserted = new HashMap<UUID, String>(events.size() * 2);
      try (var rs = st.executeQuery()) {
        while (rs.next()) inserted.put(rs.getObject(1, UUID.class), rs.getString(2));
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
                AND e.summary IS NOT DISTINCT FROM t.summary AND e.origin IS NOT DISTINCT FROM t.origin) AS same,
              """ + EVENT_JSON + """

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
          found.set((int) rs.getLong(1) - 1, new Existing(rs.getObject(2, UUID.class), version, rs.getBoolean(4), rs.getString(5)));
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
        RETURNING """ + EVENT_JSON)) {
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
      return optionalText(st);
    }
  }

  /** The event's JSON, and its fields a patch needs, locked for this transaction. */
  record Current(String json, EventInput.Stored stored, boolean deleted, int version) {}

  Optional<Current> findForUpdate(Connection c, UUID userId, UUID id) throws SQLException {
    try (var st = c.prepareStatement("SELECT " + EVENT_JSON + """
        , e.utc_offset_min, e.source_table, e.source_id, e.dedupe_key, e.deleted_at IS NOT NULL, e.version
        FROM health_events e WHERE e.user_id = ? AND e.id = ? FOR UPDATE""")) {
      st.setObject(1, userId);
      st.setObject(2, id);
      try (var rs = st.executeQuery()) {
        if (!rs.next()) return Optional.empty();
        var stored = new EventInput.Stored(id, rs.getShort(2), rs.getString(3), rs.getString(4), rs.getString(5));
        return Optional.of(new Current(rs.getString(1), stored, rs.getBoolean(6), rs.getInt(7)));
      }
    }
  }

  Optional<String> find(Connection c, UUID userId, UUID id, boolean includeDeleted) throws SQLException {
    try (var st = c.prepareStatement("SELECT " + EVENT_JSON + " FROM health_events e WHERE e.user_id = ? AND e.id = ?"
        + (includeDeleted ? "" : " AND e.deleted_at IS NULL"))) {
      st.setObject(1, userId);
      st.setObject(2, id);
      return optionalText(st);
    }
  }

  /** Every version of an event, oldest first, the current one last. */
  List<String> history(Connection c, UUID userId, UUID id) throws SQLException {
    try (var st = c.prepareStatement("""
        SELECT json FROM (
          SELECT v.version, json_build_object('id', v.event_id, 'user_id', v.user_id, 'type', v.type,
              'subtype', v.subtype, 'occurred_at', v.occurred_at, 'ended_at', v.ended_at,
              'utc_offset_minutes', v.utc_offset_min, 'data', v.data, 'session_id', v.session_id,
              'importance', v.importance, 'summary', v.summary, 'origin', v.origin,
              'record_version', v.record_version, 'version', v.version, 'recorded_at', v.recorded_at,
              'superseded_at', v.superseded_at)::text AS json
          FROM health_event_versions v WHERE v.user_id = ? AND v.event_id = ?
          UNION ALL
          SELECT e.version, """ + EVENT_JSON + """
           FROM health_events e WHERE e.user_id = ? AND e.id = ?
        ) all_versions ORDER BY version""")) {
      st.setObject(1, userId);
      st.setObject(2, id);
      st.setObject(3, userId);
      st.setObject(4, id);
      var out = new ArrayList<String>();
      try (var rs = st.executeQuery()) {
        while (rs.next()) out.add(rs.getString(1));
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
        + "WHERE e.user_id = ? AND e.id = ? AND e.deleted_at IS NOT NULL RETURNING " + EVENT_JSON)) {
      st.setObject(1, userId);
      st.setObject(2, id);
      return optionalText(st);
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
    String sql = "SELECT " + EVENT_JSON + ", e.occurred_at, e.id FROM health_events e WHERE " + where.sql
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
          items.add(rs.getString(1));
          lastCursor = new Cursor(rs.getObject(2, OffsetDateTime.class).toInstant(), rs.getObject(3, UUID.class), q.ascending());
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
  record Change(long seq, String op, String json) {}

  List<Change> changes(Connection c, UUID userId, long since, int limit) throws SQLException {
    try (var st = c.prepareStatement("""
        SELECT e.change_seq, e.version, e.deleted_at IS NOT NULL,
               CASE WHEN e.deleted_at IS NULL THEN """ + EVENT_JSON + """

               ELSE json_build_object('id', e.id, 'user_id', e.user_id, 'type', e.type,
                 'deleted_at', e.deleted_at, 'version', e.version, 'change_seq', e.change_seq)::text END
        FROM health_events e
        WHERE e.user_id = ? AND e.change_seq > ?
        ORDER BY e.change_seq
        LIMIT ?""")) {
      st.setObject(1, userId);
      st.setLong(2, since);
      st.setInt(3, limit);
      var out = new ArrayList<Change>();
      try (var rs = st.executeQuery()) {
        while (rs.next()) {
          String op = rs.getBoolean(3) ? "deleted" : rs.getInt(2) == 1 ? "created" : "updated";
          out.add(new Change(rs.getLong(1), op, rs.getString(4)));
        }
      }
      return out;
    }
  }

  private static void setTimestamp(PreparedStatement st, int i, Instant t) throws SQLException {
    if (t == null) st.setNull(i, Types.TIMESTAMP_WITH_TIMEZONE);
    else st.setObject(i, utc(t));
  }

  static OffsetDateTime utc(Instant t) {
    return OffsetDateTime.ofInstant(t, ZoneOffset.UTC);
  }

  private static Optional<String> optionalText(PreparedStatement st) throws SQLException {
    try (ResultSet rs = st.executeQuery()) {
      return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
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
