package org.healthtimeline.summary;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.healthtimeline.db.Database;

/** Compares the maintained rollups with a recomputation from the events, in a transaction that is rolled back. */
final class RollupCheck {
  static final List<String> TABLES = List.of("summary_days", "summary_day_symptoms", "summary_day_trackers",
      "summary_day_medications");

  private RollupCheck() {}

  /** Every rollup row as text, table by table. */
  static List<String> rows(Database db) {
    return db.tx().read(c -> {
      var out = new ArrayList<String>();
      for (String table : TABLES) out.addAll(strings(c, "SELECT '" + table + " ' || t::text FROM " + table + " t ORDER BY 1"));
      return out;
    });
  }

  /**
   * The rollups equal summary_rebuild()'s recomputation from the live events, row for row. Compared as values
   * (EXCEPT ALL both ways), so that 8.0000 - 8.0000 equals a sum of nothing.
   */
  static void assertRollupsEqualRecomputation(Database db) {
    try (Connection c = db.dataSource().getConnection()) {
      c.setAutoCommit(false);
      try {
        for (String table : TABLES) execute(c, "CREATE TEMP TABLE kept_" + table + " ON COMMIT DROP AS SELECT * FROM " + table);
        Rollups.rebuild(c);
        var differences = new ArrayList<String>();
        for (String table : TABLES) {
          differences.addAll(strings(c, "SELECT 'kept by the triggers: " + table + " ' || t::text FROM (SELECT * FROM kept_" + table
              + " EXCEPT ALL SELECT * FROM " + table + ") t"));
          differences.addAll(strings(c, "SELECT 'recomputed: " + table + " ' || t::text FROM (SELECT * FROM " + table
              + " EXCEPT ALL SELECT * FROM kept_" + table + ") t"));
        }
        assertThat(differences).as("rollups kept by the triggers against a recomputation from the events").isEmpty();
      } finally {
        c.rollback();
        c.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void execute(Connection c, String sql) throws SQLException {
    try (var st = c.createStatement()) {
      st.execute(sql);
    }
  }

  private static List<String> strings(Connection c, String sql) throws SQLException {
    var out = new ArrayList<String>();
    try (var st = c.createStatement(); var rs = st.executeQuery(sql)) {
      while (rs.next()) out.add(rs.getString(1));
    }
    return out;
  }
}
