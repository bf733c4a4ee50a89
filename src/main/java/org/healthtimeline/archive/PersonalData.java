package org.healthtimeline.archive;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Where a person's data is, read from PostgreSQL's catalog rather than listed by hand, so that a table another
 * feature adds later is exported and counted without a change here: {@code users} (the person's own row), every
 * table of the public schema with a {@code user_id} column (a child such as {@code food_entry_audit} carries the
 * {@code user_id} of its {@code (user_id, entry_id)} key, so it is found the same way), and every other column
 * that references {@code users(id)} ({@code invite_codes.created_by}).
 *
 * <p>Columns left out of an export: generated ones (derived, e.g. a {@code tsvector}) and those whose name ends
 * in {@code _hash} (credentials: a token's hash proves nothing to its owner and helps only an attacker).
 */
public final class PersonalData {
  /** A table holding rows of a person: the column that names them, the columns exported, its key for order. */
  public record Table(String name, String personColumn, List<String> columns, List<String> key) {
    /** This table's rows of one person ({@code ?}), in key order, each as one JSON object. */
    String selectJson() {
      return "SELECT row_to_json(r)::text FROM (SELECT " + String.join(", ", columns.stream().map(PersonalData::quote).toList())
          + " FROM " + quote(name) + " WHERE " + quote(personColumn) + " = ?"
          + (key.isEmpty() ? "" : " ORDER BY " + String.join(", ", key.stream().map(PersonalData::quote).toList())) + ") r";
    }

    String count() {
      return "SELECT count(*) FROM " + quote(name) + " WHERE " + quote(personColumn) + " = ?";
    }
  }

  private static final String TABLES = """
      WITH person_columns AS (
        SELECT 'users'::regclass AS rel, 'id'::name AS col
        UNION
        SELECT a.attrelid, a.attname FROM pg_attribute a
        JOIN pg_class t ON t.oid = a.attrelid AND t.relkind IN ('r', 'p') AND NOT t.relispartition
        WHERE t.relnamespace = 'public'::regnamespace AND a.attname = 'user_id' AND NOT a.attisdropped
        UNION
        SELECT con.conrelid, a.attname FROM pg_constraint con
        JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = con.conkey[1]
        WHERE con.contype = 'f' AND con.confrelid = 'users'::regclass AND cardinality(con.conkey) = 1
      )
      SELECT p.rel::regclass::text, p.col,
             (SELECT string_agg(a.attname, ',' ORDER BY a.attnum) FROM pg_attribute a
              WHERE a.attrelid = p.rel AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
                AND a.attname NOT LIKE '%\\_hash'),
             (SELECT string_agg(a.attname, ',' ORDER BY k.ord) FROM pg_index i
              CROSS JOIN unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord)
              JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
              WHERE i.indrelid = p.rel AND i.indisprimary)
      FROM person_columns p
      ORDER BY p.rel::regclass::text = 'users' DESC, 1, 2
      """;

  private PersonalData() {}

  public static List<Table> tables(Connection c) throws SQLException {
    var out = new ArrayList<Table>();
    try (var st = c.createStatement(); var rs = st.executeQuery(TABLES)) {
      while (rs.next()) {
        out.add(new Table(rs.getString(1), rs.getString(2), split(rs.getString(3)), split(rs.getString(4))));
      }
    }
    return out;
  }

  /** Rows of the person per table, named {@code table} or {@code table.column} when a table names them twice. */
  public static Map<String, Long> count(Connection c, UUID user) throws SQLException {
    var rows = new LinkedHashMap<String, Long>();
    List<Table> tables = tables(c);
    for (Table t : tables) {
      try (var st = c.prepareStatement(t.count())) {
        st.setObject(1, user);
        try (var rs = st.executeQuery()) {
          rs.next();
          rows.put(label(t, tables), rs.getLong(1));
        }
      }
    }
    return rows;
  }

  /** A table's name, with the column when another column of the same table also names people. */
  static String label(Table t, List<Table> all) {
    boolean twice = all.stream().filter(o -> o.name().equals(t.name())).count() > 1;
    return twice ? t.name() + "." + t.personColumn() : t.name();
  }

  static String quote(String identifier) {
    return '"' + identifier.replace("\"", "\"\"") + '"';
  }

  private static List<String> split(String csv) {
    return csv == null ? List.of() : Arrays.asList(csv.split(","));
  }
}
