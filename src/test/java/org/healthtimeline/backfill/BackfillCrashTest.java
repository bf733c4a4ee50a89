package org.healthtimeline.backfill;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.healthtimeline.cli.Main;
import org.healthtimeline.db.Database;
import org.healthtimeline.testing.TestDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code timeline backfill} killed with SIGKILL mid-run and run again ends with the same timeline as one that ran
 * without a break, and nothing twice: each batch commits whole or not at all, and the next run starts over from the
 * rows that still have no event. The rows are written with plain SQL, as the customer's bot writes them, and become
 * events by the sources' own mappings.
 */
class BackfillCrashTest {
  private static final int USERS = 20;
  private static final int MEALS_EACH = 1500;
  private static final int NIGHTS_EACH = 500;
  private static final int BATCH = 250;
  private static final Map<String, Long> ROWS = Map.of("food_entries", (long) USERS * MEALS_EACH, "sleep_entries", (long) USERS * NIGHTS_EACH);
  private static final long ALL = USERS * (MEALS_EACH + NIGHTS_EACH);
  /** A source's line of the summary: table, rows, migrated, present, failed, seconds. */
  private static final Pattern SUMMARY = Pattern.compile("(\\w+)\\s+([\\d,]+)\\s+([\\d,]+)\\s+([\\d,]+)\\s+([\\d,]+)\\s+[\\d.]+");

  @Test
  @Timeout(value = 240, unit = TimeUnit.SECONDS)
  void a_backfill_killed_mid_run_and_run_again_makes_the_timeline_of_an_uninterrupted_run() throws Exception {
    String crashedUrl = TestDatabases.freshUrl();
    String wholeUrl = TestDatabases.freshUrl();
    try (Database crashed = Database.connect(crashedUrl, 2); Database whole = Database.connect(wholeUrl, 2)) {
      sourceRows(crashed);
      sourceRows(whole);

      Process first = start(crashedUrl);
      long seen = awaitEvents(crashed, first);
      first.destroyForcibly();
      assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
      Map<String, Long> afterKill = eventsBySource(crashed);
      long killedAt = afterKill.values().stream().mapToLong(Long::longValue).sum();
      assertThat(killedAt).as("killed mid-run: some batches committed, not all").isBetween(seen, ALL - 1);
      afterKill.forEach((table, n) -> assertThat(n % BATCH).as("only whole batches of %s are there", table).isZero());

      Map<String, long[]> again = run(crashedUrl);
      Map<String, long[]> uninterrupted = run(wholeUrl);
      ROWS.forEach((table, rows) -> {
        long before = afterKill.getOrDefault(table, 0L);
        assertThat(again.get(table)).as(table).containsExactly(rows, rows - before, before, 0);
        assertThat(uninterrupted.get(table)).as(table).containsExactly(rows, rows, 0, 0);
      });

      assertThat(eventsBySource(crashed)).isEqualTo(ROWS);
      assertThat(count(crashed, "SELECT count(DISTINCT (source_table, source_id)) FROM health_events")).isEqualTo(ALL);
      assertThat(timeline(crashed)).isEqualTo(timeline(whole));
    }
  }

  /** The same rows, ids included, in both databases, written with plain SQL. */
  private static void sourceRows(Database db) {
    db.tx().inTransaction(c -> {
      try (var st = c.createStatement()) {
        st.execute("INSERT INTO users (id, time_zone) SELECT md5('user' || u)::uuid, 'Europe/Berlin' FROM generate_series(1, " + USERS + ") u");
        st.execute("INSERT INTO food_entries (user_id, id, occurred_at, meal_type, total_calories, foods)"
            + " SELECT md5('user' || u)::uuid, md5('meal' || u || '-' || i)::uuid, '2024-01-01Z'::timestamptz + i * interval '7 hours',"
            + " 'dinner', 300 + i % 500, '[{\"name\":\"stew\",\"calories\":300}]' FROM generate_series(1, " + USERS + ") u,"
            + " generate_series(1, " + MEALS_EACH + ") i");
        st.execute("INSERT INTO sleep_entries (user_id, id, bedtime, wake_time, sleep_quality_rating)"
            + " SELECT md5('user' || u)::uuid, md5('night' || u || '-' || i)::uuid, '2024-01-01 22:30Z'::timestamptz + i * interval '1 day',"
            + " '2024-01-02 06:30Z'::timestamptz + i * interval '1 day', 1 + i % 10 FROM generate_series(1, " + USERS + ") u,"
            + " generate_series(1, " + NIGHTS_EACH + ") i");
      }
      return null;
    });
  }

  /** {@code timeline backfill} as a process of its own, as a shell would start it. */
  private static Process start(String url) throws Exception {
    var cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow(), "--enable-native-access=ALL-UNNAMED",
        "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), Main.class.getName(),
        "backfill", "--database-url", url, "--batch-size", Integer.toString(BATCH)));
    return new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
  }

  /** Waits until the running backfill has committed a tenth of the events, and returns how many it has. */
  private static long awaitEvents(Database db, Process p) throws InterruptedException {
    long target = ALL / 10;
    while (true) {
      long n = count(db, "SELECT count(*) FROM health_events");
      if (n >= target) return n;
      assertThat(p.isAlive()).as("the backfill ended before it could be killed").isTrue();
      Thread.sleep(5);
    }
  }

  /** Runs the backfill to its end; each source's summary: rows, migrated, present, failed. */
  private static Map<String, long[]> run(String url) throws Exception {
    Process p = start(url);
    var summary = new HashMap<String, long[]>();
    try (var out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = out.readLine()) != null; ) {
        var m = SUMMARY.matcher(line);
        if (!m.matches()) continue;
        long[] counts = new long[4];
        for (int i = 0; i < 4; i++) counts[i] = Long.parseLong(m.group(i + 2).replace(",", ""));
        summary.put(m.group(1), counts);
      }
    }
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isZero();
    return summary;
  }

  private static Map<String, Long> eventsBySource(Database db) {
    return db.tx().read(c -> {
      var out = new HashMap<String, Long>();
      try (var st = c.createStatement(); var rs = st.executeQuery("SELECT source_table, count(*) FROM health_events GROUP BY 1")) {
        while (rs.next()) out.put(rs.getString(1), rs.getLong(2));
      }
      return out;
    });
  }

  /** Everything of the events but when they were written. */
  private static String timeline(Database db) {
    return db.tx().read(c -> {
      try (var st = c.createStatement(); var rs = st.executeQuery("""
          SELECT count(*) || ' ' || md5(string_agg(concat_ws('|', user_id, id, type, subtype, occurred_at, ended_at,
                 utc_offset_min, data::text, source_table, source_id, version, deleted_at), E'\\n' ORDER BY user_id, id))
          FROM health_events""")) {
        rs.next();
        return rs.getString(1);
      }
    });
  }

  private static long count(Database db, String sql) {
    return db.tx().read(c -> {
      try (var st = c.createStatement(); var rs = st.executeQuery(sql)) {
        rs.next();
        return rs.getLong(1);
      }
    });
  }
}
