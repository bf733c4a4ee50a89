package org.healthtimeline.testing;

import java.util.ArrayList;
import java.util.List;
import org.healthtimeline.db.Database;

/** Plain SQL for tests that look at rows directly: each row's columns joined by " | ". */
public final class TestSql {
  private TestSql() {}

  public static List<String> strings(Database db, String sql, Object... params) {
    return db.tx().read(c -> {
      var out = new ArrayList<String>();
      try (var st = c.prepareStatement(sql)) {
        for (int i = 0; i < params.length; i++) st.setObject(i + 1, params[i]);
        try (var rs = st.executeQuery()) {
          int n = rs.getMetaData().getColumnCount();
          while (rs.next()) {
            var row = new StringBuilder();
            for (int i = 1; i <= n; i++) row.append(i > 1 ? " | " : "").append(rs.getString(i));
            out.add(row.toString());
          }
        }
      }
      return out;
    });
  }

  public static long count(Database db, String sql, Object... params) {
    return Long.parseLong(strings(db, sql, params).getFirst());
  }

  /** Statements without results, e.g. to add a constraint that makes a write fail. */
  public static void execute(Database db, String sql) {
    db.tx().read(c -> {
      try (var st = c.createStatement()) {
        st.execute(sql);
      }
      return null;
    });
  }
}
