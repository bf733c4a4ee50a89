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
      var tables = new TreeMap<String, String>();
      for (String name : names) {
        // Table names come from the catalogue, never from a request.
        try (var st = c.createStatement(); var rs = st.executeQuery(
            "SELECT count(*) || ' rows, md5 ' || md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), ''))"
                + " FROM \"" + name + "\" t")) {
          rs.next();
          tables.put(name, rs.getString(1));
        }
      }
      return new DatabaseSnapshot(tables);
    });
  }
}
