package org.healthtimeline.sync;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Writes the events of given source rows with their table's {@link SourceMapping}, inside the caller's
 * transaction: how a domain write puts its row on the timeline, so that its event is by construction the one
 * {@code timeline sync} and {@code timeline backfill} would make of the same row. A row's event is created, or
 * brought up to date when the row changed (the timeline keeps the previous version in its history); a deleted
 * event stays deleted.
 */
public final class SourceEvents {
  private SourceEvents() {}

  /**
   * The events of the rows {@code (userIds[i], ids[i])} of the mapping's table. Returns the rows that cannot
   * become an event, by source id, with the mapping's problem; their events are not written.
   */
  public static Map<String, String> write(Connection c, SourceMapping m, List<UUID> userIds, List<UUID> ids) throws SQLException {
    if (userIds.size() != ids.size()) throw new IllegalArgumentException("one user id per row id");
    var problems = new LinkedHashMap<String, String>();
    if (ids.isEmpty()) return problems;
    try (var st = c.prepareStatement("""
        WITH m AS (%s WHERE (s.user_id, s.id) IN (SELECT * FROM unnest(?::uuid[], ?::uuid[]))),
        written AS (
          INSERT INTO health_events AS e (user_id, source_table, source_id, type, subtype, occurred_at, ended_at, data)
          SELECT m.user_id, ?, m.source_id, m.type, m.subtype, m.occurred_at, m.ended_at, m.data FROM m
          WHERE m.problem IS NULL
          ON CONFLICT (user_id, id) DO UPDATE SET type = excluded.type, subtype = excluded.subtype,
            occurred_at = excluded.occurred_at, ended_at = excluded.ended_at, utc_offset_min = excluded.utc_offset_min,
            data = excluded.data
          RETURNING 1)
        SELECT m.source_id, m.problem FROM m WHERE m.problem IS NOT NULL""".formatted(m.select()))) {
      st.setArray(1, c.createArrayOf("uuid", userIds.toArray()));
      st.setArray(2, c.createArrayOf("uuid", ids.toArray()));
      st.setString(3, m.table());
      try (var rs = st.executeQuery()) {
        while (rs.next()) problems.put(rs.getString(1), rs.getString(2));
      }
    }
    return problems;
  }

  /** {@link #write(Connection, SourceMapping, List, List)} for rows of one user; any problem is a bug of the caller. */
  public static void writeValid(Connection c, SourceMapping m, UUID userId, UUID id) throws SQLException {
    Map<String, String> problems = write(c, m, List.of(userId), List.of(id));
    if (!problems.isEmpty()) {
      throw new IllegalStateException(m.table() + " row " + id + " cannot become an event: " + problems.get(id.toString()));
    }
  }
}
