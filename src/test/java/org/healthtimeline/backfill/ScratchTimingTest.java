package org.healthtimeline.backfill;

import org.healthtimeline.db.Database;
import org.healthtimeline.testing.TestDatabases;
import org.junit.jupiter.api.Test;

class ScratchTimingTest {
  @Test
  void time() throws Exception {
    try (Database db = TestDatabases.fresh()) {
      db.tx().inTransaction(c -> {
        try (var st = c.createStatement()) {
          st.execute("INSERT INTO users (id, time_zone) SELECT md5('user' || u)::uuid, 'Europe/Berlin' FROM generate_series(1, 200) u");
          st.execute("INSERT INTO food_entries (user_id, id, occurred_at, meal_type, total_calories, foods)"
              + " SELECT md5('user' || u)::uuid, gen_random_uuid(), '2024-01-01Z'::timestamptz + i * interval '7 hours',"
              + " 'dinner', 300 + i % 500, '[{\"name\":\"stew\"}]' FROM generate_series(1, 200) u, generate_series(1, 1000) i");
          st.execute("ANALYZE");
        }
        return null;
      });
      var engine = new BackfillEngine(db.dataSource(), 10000, BackfillEngine.Progress.NONE);
      long t0 = System.nanoTime();
      var s = engine.backfill(TestMappings.FOOD, false);
      System.out.println("FIRST " + s + " " + (System.nanoTime() - t0) / 1e6 + " ms");
      t0 = System.nanoTime();
      s = engine.backfill(TestMappings.FOOD, false);
      System.out.println("AGAIN " + s + " " + (System.nanoTime() - t0) / 1e6 + " ms");
      var sql = new BackfillSql(TestMappings.FOOD);
      db.tx().inTransaction(c -> {
        try (var st = c.createStatement()) {
          st.execute("DELETE FROM health_events WHERE user_id IN (SELECT md5('user' || u)::uuid FROM generate_series(1,20) u)");
        }
        try (var st = c.prepareStatement("EXPLAIN (ANALYZE, BUFFERS) " + sql.write(true))) {
          st.setObject(1, java.util.UUID.fromString("ffffffff-ffff-ffff-ffff-ffffffffffff"));
          st.setObject(2, java.util.UUID.fromString("ffffffff-ffff-ffff-ffff-ffffffffffff"));
          try (var rs = st.executeQuery()) { while (rs.next()) System.out.println(rs.getString(1)); }
        }
        c.rollback();
        return null;
      });
    }
  }
}
