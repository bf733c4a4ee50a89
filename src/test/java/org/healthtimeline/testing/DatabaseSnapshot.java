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
        sql.append("SELECT '").append(name).append("', count(*) || ' rows, md5 ' || ")
            .append("md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), '')) FROM \"").append(name).append("\" t");
      }
      var tables = new TreeMap<String, String>();
      try (var st = c.createStatement(); var rs = st.executeQuery(sql.toString())) {
        while (rs.next()) tables.put(rs.getString(1), rs.getString(2));
      }
      return new DatabaseSnapshot(tables);
    });
  }
}
