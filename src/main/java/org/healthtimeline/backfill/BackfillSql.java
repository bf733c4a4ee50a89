package org.healthtimeline.backfill;

import org.healthtimeline.sync.SourceMapping;

/**
 * The statements of one source's backfill, built from its {@link SourceMapping}. A batch is a range of the
 * source table's primary key {@code (user_id, id)}: {@link #nextRange} finds where the next one ends, and the
 * others work on the rows in {@code (after, last]}. A source row's event is found by its primary key, whose id
 * derives from the row's lineage ({@code event_key_id}), so neither "has it an event?" nor the insert needs an
 * index of its own.
 */
final class BackfillSql {
  /**
   * The person's UTC offset at the event, as the insert trigger would work it out for each event with a query of
   * its own; given here for the whole batch by one join, which took the trigger from ~88 to ~25 us an event.
   */
  private static final String OFFSET =
      "(extract(epoch FROM (m.occurred_at AT TIME ZONE u.time_zone) - (m.occurred_at AT TIME ZONE 'UTC')) / 60)::smallint";

  private final SourceMapping m;
  private final String lineage;

  BackfillSql(SourceMapping m) {
    this.m = m;
    this.lineage = "'" + m.table() + "'";
  }

  /** Rows of the source: the progress bar's total. */
  String count() {
    return "SELECT count(*) FROM " + m.table();
  }

  /**
   * The last key of the next batch of at most {@code ?} keys of at most {@code ?} people, and how many keys the batch
   * has. With {@code first}, from the start; else after {@code (?, ?)}. The people are bounded because the
   * timeline's trigger takes an advisory lock per person until commit, and PostgreSQL's lock table is finite.
   */
  String nextRange(boolean first) {
    return "SELECT k.user_id, k.id, k.n FROM (SELECT s.user_id, s.id, row_number() OVER (ORDER BY s.user_id, s.id) AS n,"
        + " dense_rank() OVER (ORDER BY s.user_id) AS person"
        + " FROM " + m.table() + " s" + (first ? "" : " WHERE (s.user_id, s.id) > (?, ?)")
        + " ORDER BY s.user_id, s.id LIMIT ?) k WHERE k.person <= ? ORDER BY k.n DESC LIMIT 1";
  }

  /** {@code (after, last]}: two parameters for the end, two more before them unless {@code first}. */
  private static String range(boolean first) {
    return (first ? "" : "(s.user_id, s.id) > (?, ?) AND ") + "(s.user_id, s.id) <= (?, ?)";
  }

  /** The mapped rows of a range that have no event yet; the mapping's JSON is built for these rows only. */
  private String missing(String where) {
    return m.select() + " WHERE " + where + " AND NOT EXISTS (SELECT 1 FROM health_events e WHERE e.user_id = s.user_id"
        + " AND e.id = event_key_id(s.user_id, 'source', " + lineage + " || E'\\n' || s.id::text))";
  }

  /**
   * Inserts the events of the range's rows that have none and can have one; answers how many rows had none,
   * how many events it made, and the rows that cannot become events with why ({@code [[source_id, problem]]}).
   */
  String write(boolean first) {
    return write(range(first));
  }

  /** The same for one row, {@code (s.user_id, s.id) = (?, ?)}: what a batch that a bad row broke is redone with. */
  String writeOne() {
    return write("(s.user_id, s.id) = (?, ?)");
  }

  private String write(String where) {
    return "WITH mapped AS MATERIALIZED (" + missing(where) + "), written AS ("
        + " INSERT INTO health_events (user_id, type, subtype, occurred_at, ended_at, utc_offset_min, data, source_table, source_id)"
        + " SELECT m.user_id, m.type, m.subtype, m.occurred_at, m.ended_at, " + OFFSET + ", m.data, " + lineage + ", m.source_id"
        + " FROM mapped m JOIN users u ON u.id = m.user_id"
        + " WHERE m.problem IS NULL ON CONFLICT DO NOTHING RETURNING 1)"
        + " SELECT (SELECT count(*) FROM mapped), (SELECT count(*) FROM written),"
        + " (SELECT json_agg(json_build_array(source_id, problem)) FROM mapped WHERE problem IS NOT NULL)";
  }

  /** What {@link #write} would do, writing nothing: rows without an event, those that can have one, the problems. */
  String dryRun(boolean first) {
    return "SELECT count(*), count(*) FILTER (WHERE problem IS NULL),"
        + " json_agg(json_build_array(source_id, problem)) FILTER (WHERE problem IS NOT NULL)"
        + " FROM (" + missing(range(first)) + ") mapped";
  }

  /** The keys of a range's rows that have no event yet, for redoing a broken batch row by row. */
  String missingKeys(boolean first) {
    return "SELECT s.user_id, s.id FROM " + m.table() + " s WHERE " + range(first)
        + " AND NOT EXISTS (SELECT 1 FROM health_events e WHERE e.user_id = s.user_id"
        + " AND e.id = event_key_id(s.user_id, 'source', " + lineage + " || E'\\n' || s.id::text))"
        + " ORDER BY s.user_id, s.id";
  }

  /**
   * Each mapped row of a range beside its event, where they differ: one row per source row that has not exactly
   * one live event equal in type, subtype, time and data to what its mapping makes of it now.
   */
  String verify(boolean first) {
    return "SELECT m.source_id, m.problem, e.id IS NULL, e.deleted_at IS NOT NULL,"
        + " e.type::text IS DISTINCT FROM m.type::text, e.subtype IS DISTINCT FROM m.subtype,"
        + " e.occurred_at IS DISTINCT FROM m.occurred_at, e.ended_at IS DISTINCT FROM m.ended_at,"
        + " e.data::jsonb IS DISTINCT FROM m.data::jsonb"
        + " FROM (" + m.select() + " WHERE " + range(first) + ") m"
        + " LEFT JOIN health_events e ON e.user_id = m.user_id"
        + " AND e.id = event_key_id(m.user_id, 'source', " + lineage + " || E'\\n' || m.source_id)"
        + " WHERE e.id IS NULL OR e.deleted_at IS NOT NULL OR e.type::text IS DISTINCT FROM m.type::text"
        + " OR e.subtype IS DISTINCT FROM m.subtype OR e.occurred_at IS DISTINCT FROM m.occurred_at"
        + " OR e.ended_at IS DISTINCT FROM m.ended_at OR e.data::jsonb IS DISTINCT FROM m.data::jsonb"
        + " OR e.source_table IS DISTINCT FROM " + lineage + " OR e.source_id IS DISTINCT FROM m.source_id"
        + " ORDER BY m.user_id, m.source_id";
  }

  /** How many rows of a range the mapping returns: fewer than the range holds means it filtered some out. */
  String mappedCount(boolean first) {
    return "SELECT count(*) FROM (" + m.select() + " WHERE " + range(first) + ") m";
  }
}
