package org.healthtimeline.bench;

import java.sql.DriverManager;
import java.sql.SQLException;
import org.HdrHistogram.Histogram;
import org.healthtimeline.db.Database;
import org.healthtimeline.food.FoodMapping;
import org.healthtimeline.sync.BackfillEngine;
import org.healthtimeline.sync.SourceMapping;

/**
 * {@code backfill}: the set-based backfill of N meal rows (N = --events) into an empty timeline, its re-run over
 * the migrated data, and seed 000's own algorithm over the same rows (on a sample, extrapolated: over a million rows
 * it would run for hours), all in a database of its own ({@value #DATABASE}) on the bench's server.
 */
final class BackfillCase implements BenchCase {
  static final String DATABASE = "timeline_backfill_bench";
  private static final int USERS = 1000;
  private static final int SEED_SAMPLE = 5000;
  private static final int BATCH = BackfillEngine.BATCH_SIZE;

  @Override
  public String name() {
    return "backfill";
  }

  @Override
  public void run(Run run) throws Exception {
    long rows = run.settings().events();
    SourceMapping meals = FoodMapping.FOOD_ENTRIES;
    String url = recreate(run.server().jdbcUrl());
    try (Database db = Database.connect(url, 4)) {
      db.migrate();
      run.log().printf("backfill: %,d meal rows of %,d people into %s%n", rows, USERS, DATABASE);
      sourceRows(db, rows);

      var seed = new SeedBackfill(db.dataSource(), meals);
      int sample = (int) Math.min(rows, SEED_SAMPLE);
      double perRow = seed.sample(sample) / 1e9 / sample;
      long[] offsets = {0, rows / 4, rows / 2, rows * 3 / 4, Math.max(0, rows - SeedBackfill.PAGE)};
      double[] pages = new double[offsets.length];
      for (int i = 0; i < offsets.length; i++) pages[i] = seed.pageCost(offsets[i]) / 1e9;
      double seedSeconds = SeedBackfill.extrapolate(rows, perRow, offsets, pages);
      exec(db, "TRUNCATE health_events CASCADE");
      exec(db, "VACUUM ANALYZE");

      var engine = new BackfillEngine(db.tx(), BATCH, BackfillEngine.Progress.NONE);
      BackfillEngine.Summary first = engine.backfill(meals, false);
      BackfillEngine.Summary again = engine.backfill(meals, false);
      if (first.migrated() != rows || again.present() != rows) {
        throw new IllegalStateException("backfill made " + first.migrated() + " events of " + rows + " rows; re-run found " + again.present());
      }
      Report report = run.report();
      report.setup("backfill rows", String.format("%,d meals of %,d people, batches of %,d", rows, USERS, BATCH));
      report.setup("backfill seed algorithm", String.format("%,d rows run (%.3f ms a row), OFFSET page %.1f ms at 0 to %.1f ms at %,d;"
          + " %.0f s extrapolated to %,d rows", sample, perRow * 1000, pages[0] * 1000, pages[pages.length - 1] * 1000,
          offsets[offsets.length - 1], seedSeconds, rows));
      report.setup("backfill first run", String.format("%.1f s (target: 1,000,000 rows < 30 s)", first.seconds()));
      report.setup("backfill re-run", String.format("%.1f s, nothing to do (target: 1,000,000 rows < 10 s)", again.seconds()));
      report.add("backfill.seed", "row", perRow(rows, seedSeconds), null, null);
      report.add("backfill.set", "row", perRow(rows, first.seconds()), "backfill.seed", "rate >= 30x seed");
      report.add("backfill.rerun", "row", perRow(rows, again.seconds()), null, null);
    }
  }

  /** A rate as the report shows it: p50 and p99 are the mean time per row. */
  private static Load.Result perRow(long rows, double seconds) {
    var h = new Histogram(3);
    h.recordValue(Math.max(1, Math.round(seconds * 1e6 / rows)));
    return new Load.Result(rows, seconds, h);
  }

  /** N meals of {@value #USERS} people, one every 7 hours each, in the order people would log them. */
  private static void sourceRows(Database db, long rows) {
    exec(db, "INSERT INTO users (id, time_zone) SELECT md5('bench-user' || u)::uuid,"
        + " (ARRAY['Europe/Berlin','America/Chicago','Asia/Tokyo','UTC'])[1 + u % 4] FROM generate_series(0, " + (USERS - 1) + ") u");
    exec(db, "INSERT INTO food_entries (user_id, occurred_at, meal_type, total_calories, total_macros, foods)"
        + " SELECT md5('bench-user' || (i % " + USERS + "))::uuid, '2024-01-01Z'::timestamptz + (i / " + USERS + ") * interval '7 hours',"
        + " (ARRAY['breakfast','lunch','dinner','snack'])[1 + i % 4], 300 + i % 700,"
        + " jsonb_build_object('protein', 20 + i % 30, 'carbs', 50 + i % 40, 'fat', 10 + i % 20),"
        + " jsonb_build_array(jsonb_build_object('name', 'Chicken breast', 'quantity', '200g', 'calories', 330),"
        + "                   jsonb_build_object('name', 'Rice', 'quantity', '150g', 'calories', 195))"
        + " FROM generate_series(0, " + (rows - 1) + ") i");
    exec(db, "VACUUM ANALYZE");
  }

  private static String recreate(String serverUrl) throws SQLException {
    String admin = serverUrl.replaceFirst("/[^/?]+(\\?|$)", "/postgres$1");
    try (var c = DriverManager.getConnection(admin); var st = c.createStatement()) {
      st.execute("DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
      st.execute("CREATE DATABASE " + DATABASE);
    }
    return serverUrl.replaceFirst("/[^/?]+(\\?|$)", "/" + DATABASE + "$1");
  }

  private static void exec(Database db, String sql) {
    db.tx().read(c -> {
      try (var st = c.createStatement()) {
        st.execute(sql);
      }
      return null;
    });
  }
}
