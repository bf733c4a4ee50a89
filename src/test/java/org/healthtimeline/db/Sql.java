package org.healthtimeline.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The few SQL steps the schema tests share. */
final class Sql {
  private Sql() {}

  /** Tables of the public schema with a user_id column: a person's data, read from the catalog. */
  static List<String> userDataTables(Connection c) throws SQLException {
    return strings(c, """
        SELECT c.table_name FROM information_schema.columns c
        JOIN information_schema.tables t USING (table_schema, table_name)
        WHERE c.table_schema = 'public' AND c.column_name = 'user_id' AND t.table_type = 'BASE TABLE'
        ORDER BY 1
        """);
  }

  static UUID newUser(Connection c) throws SQLException {
    try (var st = c.createStatement(); var rs = st.executeQuery("INSERT INTO users DEFAULT VALUES RETURNING id")) {
      rs.next();
      return rs.getObject(1, UUID.class);
    }
  }

  static Void execute(Connection c, String sql) throws SQLException {
    try (var st = c.createStatement()) {
      st.execute(sql);
    }
    return null;
  }

  static List<String> strings(Connection c, String sql) throws SQLException {
    var out = new ArrayList<String>();
    try (var st = c.createStatement(); var rs = st.executeQuery(sql)) {
      while (rs.next()) out.add(rs.getString(1));
    }
    return out;
  }
}
