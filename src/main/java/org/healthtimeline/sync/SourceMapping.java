package org.healthtimeline.sync;

/**
 * How the rows of one source table become timeline events, written once in SQL so that every path that turns
 * rows into events agrees on it: the domain's own writes, {@code timeline sync} (and its periodic task in
 * {@code serve}), and {@code timeline backfill} with its {@code --verify}.
 *
 * <p>Every source table has the primary key {@code (user_id, id)}. {@code from} names the table as {@code s}
 * (and may join what the event needs, e.g. {@code tracking_categories c}); {@code columns} is the select list
 * over it, yielding exactly, in this order and with these names:
 * <pre>
 *   user_id uuid, source_id text, type event_type, subtype text, occurred_at timestamptz, ended_at timestamptz,
 *   data json, problem text
 * </pre>
 * where {@code source_id} is {@code s.id::text} (the event's lineage is {@code (table, source_id)}, and its id
 * derives from that key: {@code event_key_id(user_id, 'source', table || E'\n' || source_id)}), and
 * {@code problem} is null when the row can become a valid event, else why not, naming the field
 * ({@code 'total_calories: must not be negative'}). A mapping never filters rows out: a row that cannot become
 * an event comes with its problem, so that it is reported, never silently dropped.
 *
 * <p>Callers add their own {@code WHERE} on {@code s.user_id} and {@code s.id} (one row, one user, a keyset
 * batch) and their own {@code ORDER BY}/{@code LIMIT}; the primary key serves them.
 */
public record SourceMapping(String table, String from, String columns) {
  public SourceMapping {
    if (!table.matches("[a-z][a-z0-9_]{0,62}")) throw new IllegalArgumentException("not a table name: " + table);
  }

  /** The mapped rows, to which the caller appends {@code WHERE ...}. */
  public String select() {
    return "SELECT " + columns + " FROM " + from;
  }
}
