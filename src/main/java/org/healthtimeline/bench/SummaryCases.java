package org.healthtimeline.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.healthtimeline.db.Database;
import org.healthtimeline.summary.Rollups;
import org.healthtimeline.timeline.EventRepository;
import org.healthtimeline.timeline.NewEvent;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;

/**
 * The summaries' cases: a year of daily buckets per user (over HTTP, beside the same figures from the rollups
 * over JDBC and from the raw events by SQL), and what the rollup trigger costs writers (single inserts, batches
 * of 1,000 and COPY, each with the trigger and without it in the same run).
 */
final class SummaryCases {
  private static final int BATCH = 1000;
  private static final int COPY_ROWS = 10_000;
  private static final String TRIGGER = "summary_rollup_insert";
  private static final int USERS = 50;
  /** Without and with the trigger alternately, so that a busy moment of the machine does not favour either. */
  private static final int ROUNDS = 3;

  private SummaryCases() {}

  /** What the API reads for a year of calories: a row a day of summary_days. */
  private static final String ROLLUP_YEAR = """
      SELECT day, meals, calories FROM summary_days WHERE user_id = ? AND day BETWEEN ? AND ? ORDER BY day""";

  /** The same figures from the raw events: each live meal's calories summed per local day. */
  private static final String RAW_YEAR = """
      SELECT f.day, sum(f.meals), sum(f.calories)
      FROM health_events e CROSS JOIN LATERAL summary_day_facts(e) f
      WHERE e.user_id = ? AND e.occurred_at >= ? AND e.occurred_at < ? AND f.day BETWEEN ? AND ?
      GROUP BY f.day ORDER BY f.day""";

  static final class Aggregates implements BenchCase {
    @Override
    public String name() {
      return "summary.aggregates";
    }

    @Override
    public void run(Run run) throws Exception {
      Database bench = run.bench();
      Bench.Settings settings = run.settings();
      PrintStream log = run.log();
      LocalDate to = LocalDate.ofInstant(run.loaded().end(), ZoneOffset.UTC);
      LocalDate from = to.minusDays(364);
      int queries = settings.queries();
      int rawQueries = Math.max(50, queries / 5);
      List<UUID> users = TimelineCases.sample(run.loaded().users(), queries + 300, 3);
      log.println("warming the cache: every user's year of rollups once");
      for (UUID u : run.loaded().users()) bench.tx().read(c -> rollupYear(c, u, from, to));
      String query = "/aggregates?metric=calories&bucket=day&from=" + from + "&to=" + to;
      log.println("a year of daily calories: " + queries + " calls over HTTP, the same over JDBC from the rollups, "
          + rawQueries + " from the raw events");
      Load.Result api = Load.run(1, 300, queries, i -> {
        Http.Answer r = run.http().get(run.base() + "/v1/users/" + users.get(i) + query);
        if (r.status() != 200) throw new IllegalStateException("aggregates answered " + r.status());
      });
      Load.Result rollup = Load.run(1, 300, queries, i -> bench.tx().read(c -> rollupYear(c, users.get(i), from, to)));
      Load.Result raw = Load.run(1, 30, rawQueries, i -> bench.tx().read(c -> rawYear(c, users.get(i), from, to)));
      run.report().add("summary.year.raw-sql", "query", raw, null, null);
      run.report().add("summary.year.rollup-jdbc", "query", rollup, "summary.year.raw-sql", null);
      run.report().add("summary.year.api", "query", api, "summary.year.raw-sql", "p99 <= 20 ms at 10M");
      rollupSize(bench, run.report());
    }
  }

  /**
   * The rollup trigger's cost to writers: the same inserts with it and without it, alternately. Events written
   * without it are not rolled up; their users' rollups are rebuilt afterwards, which also times what catching
   * up on writes costs (the work a change-feed consumer would do instead of the trigger).
   */
  static final class WriteCost implements BenchCase {
    private final EventRepository repo = new EventRepository();

    @Override
    public String name() {
      return "summary.write-cost";
    }

    @Override
    public void run(Run run) throws Exception {
      Database bench = run.bench();
      // Days far after anything the timeline's create cases write (their dedupe keys would collide), for a few
      // users only, so that rolling up what was written without the trigger stays short at any scale.
      BenchLoader.Loaded loaded = run.loaded();
      var few = new BenchLoader.Loaded(loaded.users().subList(0, Math.min(USERS, loaded.users().size())), loaded.zones(),
          loaded.end(), loaded.latest().plus(Duration.ofDays(3650)), loaded.events(), loaded.meanJsonBytes(), loaded.describe());
      var fresh = new FreshEvents(few, 11);
      Set<UUID> unrolled = new HashSet<>();
      int singles = Math.max(1, run.settings().creates() / ROUNDS);
      int batches = Math.max(1, run.settings().batches() / ROUNDS);
      run.log().println("rollup trigger cost: single inserts, batches of " + BATCH + " and COPY of " + COPY_ROWS
          + " events, without and with the trigger, " + ROUNDS + " rounds of each");
      var results = new LinkedHashMap<String, Load.Result>();
      try {
        for (int round = 0; round < ROUNDS; round++) {
          for (boolean on : new boolean[] {false, true}) {
            String suffix = on ? ".on" : ".off";
            trigger(bench, on);
            List<NewEvent> single = fresh.take(singles + 100);
            List<List<NewEvent>> batch = fresh.batches(batches + 1, BATCH);
            List<NewEvent> copied = fresh.take(COPY_ROWS);
            if (!on) {
              single.forEach(e -> unrolled.add(fresh.owner(e)));
              batch.forEach(b -> unrolled.add(fresh.owner(b.getFirst())));
              copied.forEach(e -> unrolled.add(fresh.owner(e)));
            }
            results.merge("single" + suffix, Load.run(1, 100, singles, i -> insert(bench, fresh, List.of(single.get(i)))), Load.Result::plus);
            results.merge("batch1000" + suffix, Load.run(1, 1, batches, i -> insert(bench, fresh, batch.get(i))), Load.Result::plus);
            results.merge("copy" + suffix, Load.run(1, 0, 1, i -> copy(bench, copied, fresh)), Load.Result::plus);
          }
        }
      } finally {
        trigger(bench, true);
      }
      Report report = run.report();
      for (String kind : List.of("single", "batch1000", "copy")) {
        String unit = switch (kind) {
          case "single" -> "event";
          case "batch1000" -> "batch:" + BATCH;
          default -> "batch:" + COPY_ROWS;
        };
        report.add("summary.trigger." + kind + ".off", unit, results.get(kind + ".off"), null, null);
        report.add("summary.trigger." + kind + ".on", unit, results.get(kind + ".on"), "summary.trigger." + kind + ".off", null);
      }
      long start = System.nanoTime();
      bench.tx().inTransaction(c -> {
        Rollups.rebuild(c, unrolled);
        return null;
      });
      report.setup("rollup catch-up", String.format("%,d users written without the trigger rebuilt in %.2f s",
          unrolled.size(), (System.nanoTime() - start) / 1e9));
    }

    /** One user's events in one INSERT statement, as the API writes them. */
    private void insert(Database bench, FreshEvents fresh, List<NewEvent> events) {
      UUID owner = fresh.owner(events.getFirst());
      List<NewEvent> bound = events.stream().map(e -> e.forUser(owner)).toList();
      bench.tx().inTransaction(c -> repo.insertNew(c, owner, bound, false));
    }

    private static void trigger(Database bench, boolean enabled) {
      bench.tx().read(c -> {
        try (var st = c.createStatement()) {
          st.execute("ALTER TABLE health_events " + (enabled ? "ENABLE" : "DISABLE") + " TRIGGER " + TRIGGER);
        }
        return null;
      });
    }

    /** The events in one COPY through the triggers, as an importer would load them. */
    private static void copy(Database bench, List<NewEvent> events, FreshEvents fresh) throws SQLException {
      bench.tx().inTransaction(c -> {
        String sql = "COPY health_events (user_id, type, subtype, occurred_at, ended_at, utc_offset_min, data, dedupe_key, origin) "
            + "FROM STDIN WITH (FORMAT csv)";
        try (OutputStream out = new PGCopyOutputStream(c.unwrap(PGConnection.class), sql, 1 << 16)) {
          var line = new StringBuilder(1024);
          for (NewEvent e : events) {
            line.setLength(0);
            line.append(fresh.owner(e)).append(',').append(e.type().wire()).append(',');
            BenchLoader.csv(line, e.subtype()).append(',').append(e.occurredAt()).append(',');
            if (e.endedAt() != null) line.append(e.endedAt());
            line.append(',').append(e.utcOffsetMin()).append(',');
            BenchLoader.csv(line, e.data()).append(',');
            BenchLoader.csv(line, e.dedupeKey()).append(',');
            BenchLoader.csv(line, e.origin()).append('\n');
            out.write(line.toString().getBytes(StandardCharsets.UTF_8));
          }
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        return null;
      });
    }
  }

  private static int rollupYear(Connection c, UUID user, LocalDate from, LocalDate to) throws SQLException {
    try (var st = c.prepareStatement(ROLLUP_YEAR)) {
      st.setObject(1, user);
      st.setObject(2, from);
      st.setObject(3, to);
      return rows(st);
    }
  }

  private static int rawYear(Connection c, UUID user, LocalDate from, LocalDate to) throws SQLException {
    try (var st = c.prepareStatement(RAW_YEAR)) {
      st.setObject(1, user);
      // Local days lie within 18 hours of the UTC day of the same date.
      st.setObject(2, from.minusDays(1).atStartOfDay().atOffset(ZoneOffset.UTC));
      st.setObject(3, to.plusDays(2).atStartOfDay().atOffset(ZoneOffset.UTC));
      st.setObject(4, from);
      st.setObject(5, to);
      return rows(st);
    }
  }

  private static int rows(java.sql.PreparedStatement st) throws SQLException {
    int n = 0;
    try (var rs = st.executeQuery()) {
      while (rs.next()) n++;
    }
    return n;
  }

  private static void rollupSize(Database bench, Report report) {
    bench.tx().read(c -> {
      try (var st = c.createStatement(); var rs = st.executeQuery("""
          SELECT (SELECT count(*) FROM summary_days), (SELECT count(*) FROM summary_day_symptoms),
                 (SELECT count(*) FROM summary_day_trackers), (SELECT count(*) FROM summary_day_medications),
                 pg_total_relation_size('summary_days') + pg_total_relation_size('summary_day_symptoms')
                   + pg_total_relation_size('summary_day_trackers') + pg_total_relation_size('summary_day_medications'),
                 pg_total_relation_size('health_events')""")) {
        rs.next();
        report.setup("rollup rows", String.format("%,d days, %,d symptom days, %,d tracker field days, %,d medication days",
            rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)));
        report.setup("rollup bytes", String.format("%,d MB (%.1f %% of health_events with its indexes)",
            rs.getLong(5) >> 20, 100.0 * rs.getLong(5) / rs.getLong(6)));
      }
      return null;
    });
  }

}
