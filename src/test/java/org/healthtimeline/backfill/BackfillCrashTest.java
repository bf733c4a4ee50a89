package org.healthtimeline.backfill;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.healthtimeline.db.Database;
import org.healthtimeline.testing.TestDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A backfill killed with SIGKILL mid-run and run again ends with the same timeline as one that ran without a
 * break, and nothing twice: each batch commits whole or not at all, and the next run starts over from the rows
 * that still have no event.
 */
class BackfillCrashTest {
  private static final int USERS = 20;
  private static final int MEALS_EACH = 1500;
  private static final int BATCH = 250;

  @Test
  @Timeout(value = 180, unit = TimeUnit.SECONDS)
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
      long afterKill = count(crashed, "SELECT count(*) FROM health_events");
      assertThat(afterKill).as("killed mid-run: some batches committed, not all").isBetween(seen, USERS * MEALS_EACH - 1L);
      assertThat(afterKill % BATCH).as("only whole batches are there").isZero();

      assertThat(run(crashedUrl)).startsWith("done " + (USERS * MEALS_EACH - afterKill) + " " + afterKill);
      assertThat(run(wholeUrl)).startsWith("done " + USERS * MEALS_EACH + " 0");

      assertThat(count(crashed, "SELECT count(*) FROM health_events")).isEqualTo(USERS * MEALS_EACH);
      assertThat(count(crashed, "SELECT count(DISTINCT (source_table, source_id)) FROM health_events")).isEqualTo(USERS * MEALS_EACH);
      assertThat(timeline(crashed)).isEqualTo(timeline(whole));
    }
  }

  /** The same rows, ids included, in both databases. */
  private static void sourceRows(Database db) {
    db.tx().inTransaction(c -> {
      try (var st = c.createStatement()) {
        st.execute("INSERT INTO users (id, time_zone) SELECT md5('user' || u)::uuid, 'Europe/Berlin' FROM generate_series(1, " + USERS + ") u");
        st.execute("INSERT INTO food_entries (user_id, id, occurred_at, meal_type, total_calories, foods)"
            + " SELECT md5('user' || u)::uuid, md5('meal' || u || '-' || i)::uuid, '2024-01-01Z'::timestamptz + i * interval '7 hours',"
            + " 'dinner', 300 + i % 500, '[{\"name\":\"stew\"}]' FROM generate_series(1, " + USERS + ") u, generate_series(1, " + MEALS_EACH + ") i");
      }
      return null;
    });
  }

  private static Process start(String url) throws Exception {
    var cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow(), "-XX:TieredStopAtLevel=1",
        "-cp", System.getProperty("java.class.path"), BackfillProcess.class.getName(), url, Integer.toString(BATCH)));
    return new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
  }

  /** Waits until the running backfill has committed a tenth of the events, and returns how many it has. */
  private static long awaitEvents(Database db, Process p) throws InterruptedException {
    long target = USERS * MEALS_EACH / 10;
    while (true) {
      long n = count(db, "SELECT count(*) FROM health_events");
      if (n >= target) return n;
      assertThat(p.isAlive()).as("the backfill ended before it could be killed").isTrue();
      Thread.sleep(5);
    }
  }

  private static String run(String url) throws Exception {
    Process p = start(url);
    String last = "";
    try (var out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = out.readLine()) != null; ) last = line;
    }
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isZero();
    return last;
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
