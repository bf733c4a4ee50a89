package org.healthtimeline.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.healthtimeline.db.Database;

/**
 * The row count and a digest of the content of every table, so that a test can show that a refused request
 * wrote nothing at all: no row added, changed or removed anywhere. Rolled-back sequence values do not count.
 */
public record DatabaseSnapshot(Map<String, String> tables) {
  /**
   * What of a row counts, where not all of it: db-scheduler moves its tasks' execution times and heartbeats on its
   * own while a test's server runs, so a task counts by what it is, not by when it runs next.
   */
  private static final Map<String, String> ROW = Map.of("scheduled_tasks", "(t.task_name, t.task_instance, t.task_data)::text");

  public static DatabaseSnapshot of(Database db) {
    return db.tx().read(c -> {
      List<String> names = new ArrayList<>();
      try (var st = c.createStatement(); var rs = st.executeQuery("""
          SELECT table_name FROM information_schema.tables
          WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> 'flyway_schema_history'
          ORDER BY table_name""")) {
        while (rs.next()) names.add(rs.getString(1));
      }
      // One statement for all tables; the names come from the catalogue, never from a request.
      var sql = new StringBuilder();
      for (String name : names) {
        if (!sql.isEmpty()) sql.append(" UNION ALL ");
        String row = ROW.getOrDefault(name, "t::text");
        sql.append("SELECT '").append(name).append("', count(*) || ' rows, md5 ' || ")
            .append("md5(coalesce(string_agg(").append(row).append(", E'\\n' ORDER BY ").append(row)
            .append("), '')) FROM \"").append(name).append("\" t");
      }
      var tables = new TreeMap<String, String>();
      try (var st = c.createStatement(); var rs = st.executeQuery(sql.toString())) {
        while (rs.next()) tables.put(rs.getString(1), rs.getString(2));
      }
      return new DatabaseSnapshot(tables);
    });
  }
}
