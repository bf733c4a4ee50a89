package org.healthtimeline.sync;

import java.util.List;

/**
 * The statements of one source's backfill, built from its {@link SourceMapping}. A batch is a range of the
 * source table's primary key {@code (user_id, id)}: {@link #nextRange} finds where the next one ends, and the
 * others work on the rows in {@code (after, last]}. A source row's event is found by its primary key, whose id
 * derives from the row's lineage ({@code event_key_id}), so neither "has it an event?" nor the insert needs an
 * index of its own.
 */
final class BackfillSql {
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
   * The last key of the next batch of at most {@code ?} keys of at most {@code ?} people, how many keys the batch
   * has, and how many of them have no event yet (from the keys alone: a batch that has none is done without
   * reading its rows, and without an INSERT, whose statement triggers cost even when it inserts nothing). With
   * {@code first}, from the start; else after {@code (?, ?)}. The people are bounded because the timeline's
   * trigger takes an advisory lock per person until commit, and PostgreSQL's lock table is finite.
   */
  String nextRange(boolean first) {
    return "SELECT k.user_id, k.id, k.n, k.missing FROM (SELECT s.user_id, s.id, row_number() OVER w AS n,"
        + " dense_rank() OVER (ORDER BY s.user_id) AS person,"
        + " count(*) FILTER (WHERE e.id IS NULL) OVER w AS missing"
        // A join, not NOT EXISTS: in an expression that would be planned as a hash of the whole timeline.
        + " FROM " + m.table() + " s LEFT JOIN health_events e ON e.user_id = s.user_id AND e.id = "
        + SourceEvents.eventId(m, "s.user_id", "s.id::text") + (first ? "" : " WHERE (s.user_id, s.id) > (?, ?)")
        + " WINDOW w AS (ORDER BY s.user_id, s.id)"
        + " ORDER BY s.user_id, s.id LIMIT ?) k WHERE k.person <= ? ORDER BY k.n DESC LIMIT 1";
  }

  /** {@code (after, last]}: two parameters for the end, two more before them unless {@code first}. */
  private static String range(boolean first) {
    return (first ? "" : "(s.user_id, s.id) > (?, ?) AND ") + "(s.user_id, s.id) <= (?, ?)";
  }

  /**
   * Inserts the events of the range's rows that have none and can have one; answers as {@link #answer} says.
   */
  String write(boolean first) {
    return write(range(first));
  }

  /** The same for one row, {@code (s.user_id, s.id) = (?, ?)}: what a batch that a bad row broke is redone with. */
  String writeOne() {
    return write("(s.user_id, s.id) = (?, ?)");
  }

  private String write(String where) {
    return "WITH mapped AS MATERIALIZED (" + SourceEvents.withoutEvent(m, where) + "),"
        + " written AS (" + SourceEvents.insert(m, "mapped", "NULL") + " RETURNING user_id)" + answer("written");
  }

  /** What {@link #write} would do, writing nothing: the same answer, counting the rows that can have an event. */
  String dryRun(boolean first) {
    return "WITH mapped AS MATERIALIZED (" + SourceEvents.withoutEvent(m, range(first)) + ")"
        + answer("mapped WHERE problem IS NULL");
  }

  /**
   * The events {@code made}, for how many people, the first and last of them (in key order: a uuid's text sorts as
   * the uuid does, so that the people of consecutive batches add up without counting twice the one two of them
   * share), and the rows that cannot become events with why ({@code [[user_id, source_id, problem], ...]}).
   */
  private static String answer(String made) {
    return " SELECT count(*), count(DISTINCT user_id), min(user_id::text), max(user_id::text),"
        + " (SELECT json_agg(json_build_array(user_id, source_id, problem)) FROM mapped WHERE problem IS NOT NULL)"
        + " FROM " + made;
  }

  /** The keys of a range's rows that have no event yet, for redoing a broken batch row by row. */
  String missingKeys(boolean first) {
    return "SELECT s.user_id, s.id FROM " + m.table() + " s WHERE " + range(first) + " AND " + SourceEvents.noEvent(m)
        + " ORDER BY s.user_id, s.id";
  }

  /**
   * Each mapped row of a range beside its event, where they differ: one row per source row that has not exactly
   * one live event equal in type, subtype, time and data to what its mapping makes of it now.
   */
  String verify(boolean first) {
    return "SELECT m.user_id, m.source_id, m.problem, e.id IS NULL, e.deleted_at IS NOT NULL,"
        + " e.type::text IS DISTINCT FROM m.type::text, e.subtype IS DISTINCT FROM m.subtype,"
        + " e.occurred_at IS DISTINCT FROM m.occurred_at, e.ended_at IS DISTINCT FROM m.ended_at,"
        + " e.data::jsonb IS DISTINCT FROM m.data::jsonb"
        + " FROM (" + m.select() + " WHERE " + range(first) + ") m"
        + " LEFT JOIN health_events e ON e.user_id = m.user_id"
        + " AND e.id = " + SourceEvents.eventId(m)
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

  /**
   * The events with the lineage of one of the sources whose source row is gone: source table, user and source id
   * of the first {@code ?} of each table in key order, with the count of all of that table's and their place in
   * it. The source rows are matched by their id's text, as the lineage holds it, so that a source id that is no key
   * of the table (written with plain SQL) is an orphan too rather than a failed cast.
   */
  static String orphans(List<SourceMapping> mappings) {
    var keys = new StringBuilder();
    var tables = new StringBuilder();
    for (SourceMapping m : mappings) {
      if (!keys.isEmpty()) {
        keys.append(" UNION ALL ");
        tables.append(", ");
      }
      keys.append("SELECT '").append(m.table()).append("' AS source_table, s.user_id, s.id::text AS source_id FROM ")
          .append(m.table()).append(" s");
      tables.append('\'').append(m.table()).append('\'');
    }
    return "SELECT * FROM (SELECT e.source_table, e.user_id, e.source_id, count(*) OVER (PARTITION BY e.source_table),"
        + " row_number() OVER (PARTITION BY e.source_table ORDER BY e.user_id, e.source_id) AS k FROM health_events e"
        + " WHERE e.source_table IN (" + tables + ") AND NOT EXISTS (SELECT 1 FROM (" + keys + ") s"
        + " WHERE s.source_table = e.source_table AND s.user_id = e.user_id AND s.source_id = e.source_id)) o"
        + " WHERE k <= ? ORDER BY source_table, k";
  }
}
