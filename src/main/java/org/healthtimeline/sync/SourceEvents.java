package org.healthtimeline.sync;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;

/**
 * Writes the events of source rows with their {@link SourceMapping}'s SQL, so that a domain's own writes, sync,
 * backfill and the demo all make the same event of a row. Everything runs in the caller's connection (and
 * transaction); {@link BackfillEngine} builds its batches from the same statements.
 *
 * <p>{@code where} is a condition over the mapping's {@code s} with {@code ?} placeholders for {@code params},
 * e.g. {@code s.user_id = ? AND s.id = ?}; it is code, never client text. An event is inserted with the offset of
 * its user's time zone at the event, and with the id its lineage derives ({@code event_key_id}, as the timeline's
 * trigger would give it), so inserting it twice is a no-op by the primary key.
 */
public final class SourceEvents {
  /** The event of one source row as written: its id and version. */
  public record Written(UUID id, int version) {}

  private static final String RETURNING = " RETURNING id, version";

  /**
   * The person's UTC offset at the event, as the insert trigger would work it out for each event with a query of
   * its own; given by one join for all the rows of a statement, which took the trigger from ~88 to ~25 us an event.
   */
  private static final String OFFSET =
      "(extract(epoch FROM (m.occurred_at AT TIME ZONE u.time_zone) - (m.occurred_at AT TIME ZONE 'UTC')) / 60)::smallint";

  private SourceEvents() {}

  /**
   * Creates the event of one source row, or brings it up to date with the row (a new version, the previous one
   * kept in its history). Throws if the mapping finds the row unfit: the domain validated it before, so that
   * is a mistake in one of the two, never the client's.
   */
  public static Written write(Connection c, SourceMapping m, UUID userId, UUID sourceId, String origin) throws SQLException {
    String one = "s.user_id = ? AND s.id = ?";
    Optional<Written> w = returning(c, insertSql(m, one) + RETURNING, origin, userId, sourceId);
    if (w.isEmpty()) w = returning(c, updateSql(m, one) + RETURNING, userId, sourceId);
    if (w.isPresent()) return w.get();
    // Neither inserted nor changed: the event is up to date already, or the row cannot have one.
    try (var st = c.prepareStatement("SELECT m.problem, e.id, e.version FROM (" + m.select() + " WHERE " + one + ") m "
        + "LEFT JOIN health_events e ON e.user_id = m.user_id AND e.id = " + eventId(m))) {
      st.setObject(1, userId);
      st.setObject(2, sourceId);
      try (var rs = st.executeQuery()) {
        if (!rs.next()) throw new IllegalStateException(m.table() + " has no row " + sourceId + " of user " + userId);
        if (rs.getString(1) != null) {
          throw new IllegalStateException(m.table() + " row " + sourceId + " cannot become an event: " + rs.getString(1));
        }
        return new Written(rs.getObject(2, UUID.class), rs.getInt(3));
      }
    }
  }

  /** Gives every row matching {@code where} that has no event yet its event; returns how many were made. */
  public static int insertMissing(Connection c, SourceMapping m, String origin, String where, Object... params) throws SQLException {
    try (var st = c.prepareStatement(insertSql(m, where))) {
      bind(st, 1, origin);
      bind(st, 2, params);
      return st.executeUpdate();
    }
  }

  /**
   * Brings the stored events of the rows matching {@code where} up to date with their rows, e.g. after a
   * tracking category was renamed; returns how many changed (an event that is up to date gets no new version).
   */
  public static int refresh(Connection c, SourceMapping m, String where, Object... params) throws SQLException {
    try (var st = c.prepareStatement(updateSql(m, where))) {
      bind(st, 1, params);
      return st.executeUpdate();
    }
  }

  private static String insertSql(SourceMapping m, String where) {
    return insert(m, "(" + withoutEvent(m, where) + ")", "?::text");
  }

  /**
   * Inserts the events of the rows of {@code mapped} (a relation of the mapping's columns) that can have one, with
   * {@code origin} (SQL); a row whose event is there already is skipped by the primary key.
   *
   * <p>In the order of the timeline's index (user, time): a person's events then lie in the table in time order, so
   * that a range of their days is a few pages. Measured on 200,000 backfilled meals, a 30-day query of one person
   * had 9 buffer hits instead of 106, and the backfill was no slower.
   */
  static String insert(SourceMapping m, String mapped, String origin) {
    return "INSERT INTO health_events (user_id, type, subtype, occurred_at, ended_at, utc_offset_min, data, source_table,"
        + " source_id, origin) SELECT m.user_id, m.type, m.subtype, m.occurred_at, m.ended_at, " + OFFSET + ", m.data, '"
        + m.table() + "', m.source_id, " + origin + " FROM " + mapped + " m JOIN users u ON u.id = m.user_id"
        + " WHERE m.problem IS NULL ORDER BY m.user_id, m.occurred_at ON CONFLICT DO NOTHING";
  }

  /**
   * The mapped rows matching {@code where} that have no event yet. Which ones is decided from the table's key
   * alone (an index-only scan and a primary-key probe of the timeline per row), before any row is read and mapped:
   * over rows that have their events (a re-run of backfill, every sync), EXPLAIN ANALYZE of a batch of 10,000 went
   * from ~800 to ~250 ms.
   * So {@code where} may name only the table's own columns ({@code s}), not those of a mapping's joins.
   */
  static String withoutEvent(SourceMapping m, String where) {
    return m.select() + " WHERE (s.user_id, s.id) IN (SELECT s.user_id, s.id FROM " + m.table() + " s WHERE (" + where
        + ") AND " + noEvent(m) + ")";
  }

  /** A condition over the table's row {@code s}: it has no event. */
  static String noEvent(SourceMapping m) {
    return "NOT EXISTS (SELECT 1 FROM health_events e WHERE e.user_id = s.user_id AND e.id = " + eventId(m, "s.user_id", "s.id::text") + ")";
  }

  /** The offset is kept unless the event moves in time; then the trigger takes it from the user's zone again. */
  private static String updateSql(SourceMapping m, String where) {
    return "UPDATE health_events e SET type = m.type, subtype = m.subtype, occurred_at = m.occurred_at, "
        + "ended_at = m.ended_at, data = m.data, "
        + "utc_offset_min = CASE WHEN e.occurred_at = m.occurred_at THEN e.utc_offset_min END "
        + "FROM (" + m.select() + " WHERE " + where + ") m "
        + "WHERE m.problem IS NULL AND e.user_id = m.user_id AND e.id = " + eventId(m);
  }

  /**
   * SQL that joins the event of each row of the mapping's table (named {@code s}) as {@code e}, for a domain that
   * shows its rows with their event's id and version; both are null while a row waits for its event.
   */
  public static String joinEvent(SourceMapping m) {
    return "LEFT JOIN health_events e ON e.user_id = s.user_id AND e.id = " + eventId(m, "s.user_id", "s.id::text");
  }

  /** The id an event of the mapped row {@code m} has (the table name is checked by {@link SourceMapping}). */
  static String eventId(SourceMapping m) {
    return eventId(m, "m.user_id", "m.source_id");
  }

  /** The id the event of a row of the table has, from SQL for its user and its id as text. */
  static String eventId(SourceMapping m, String userId, String sourceId) {
    return "event_key_id(" + userId + ", 'source', '" + m.table() + "' || E'\\n' || " + sourceId + ")";
  }

  private static Optional<Written> returning(Connection c, String sql, Object... params) throws SQLException {
    try (var st = c.prepareStatement(sql)) {
      bind(st, 1, params);
      try (var rs = st.executeQuery()) {
        return rs.next() ? Optional.of(new Written(rs.getObject(1, UUID.class), rs.getInt(2))) : Optional.empty();
      }
    }
  }

  private static void bind(PreparedStatement st, int first, Object... params) throws SQLException {
    for (int i = 0; i < params.length; i++) st.setObject(first + i, params[i]);
  }
}
