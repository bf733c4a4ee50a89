package org.healthtimeline.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.healthtimeline.db.Database;
import org.healthtimeline.summary.Rollups;
import org.healthtimeline.timeline.NewEvent;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;

/**
 * Fills timeline_bench the way a year of real use would have: day after day, every user's events of that
 * day, so that users interleave on disk as they do in production (PERFORMANCE.md measured that layout).
 * Rows go in with COPY, secondary indexes are built afterwards (1.7-1.9x faster, PERFORMANCE.md).
 */
final class BenchLoader {
  static final int DAYS = 365;
  static final long SEED = 42;
  private static final ZoneId[] ZONES = {
      ZoneId.of("Europe/Berlin"), ZoneId.of("America/New_York"), ZoneId.of("Asia/Tokyo"),
      ZoneId.of("America/Chicago"), ZoneId.of("Europe/London"), ZoneId.of("Australia/Sydney")};

  /**
   * What is in timeline_bench: its users, now (the end of the 30-day query), the latest event stored (new
   * events for the create cases come after it, also after an earlier run's), and the mean create-body size.
   */
  record Loaded(List<UUID> users, Map<UUID, ZoneId> zones, Instant end, Instant latest, long events, double meanJsonBytes,
      String describe) {}

  private final Database db;
  private final PrintStream log;

  BenchLoader(Database db, PrintStream log) {
    this.db = db;
    this.log = log;
  }

  Loaded load(long events) throws SQLException {
    int users = (int) Math.max(1, Math.round(events / (SyntheticPeople.EVENTS_PER_DAY * DAYS)));
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    LocalDate first = today.minusDays(DAYS - 1);
    var zones = new LinkedHashMap<UUID, ZoneId>();
    for (int i = 0; i < users; i++) zones.put(new UUID(0x0b00L << 48 | i, 0xbe4c4L + i), ZONES[i % ZONES.length]);
    insertUsers(zones);
    var people = new SyntheticPeople(zones, SEED);
    long start = System.nanoTime();
    long written = 0;
    var jsonBytes = new long[1];
    List<String[]> dropped = dropSecondaryIndexes();
    try (Connection c = DriverManager.getConnection(db.jdbcUrl());
        ProgressBar bar = new ProgressBarBuilder().setTaskName("load").setInitialMax(events)
            .setStyle(ProgressBarStyle.ASCII).setUnit(" events", 1).showSpeed().setConsumer(
                new me.tongfei.progressbar.InteractiveConsoleProgressBarConsumer(log)).build()) {
      c.createStatement().execute("SET TIME ZONE 'UTC'");
      boolean fast = skipTriggers(c);
      for (LocalDate day = first; !day.isAfter(today); day = day.plusDays(1)) {
        written += copyDay(c, people, day, jsonBytes, written);
        bar.stepTo(written);
      }
      // The rows carry change_seq values of their own when the trigger did not number them.
      if (fast) c.createStatement().execute("SELECT setval('health_event_change_seq', (SELECT max(change_seq) FROM health_events))");
    }
    double copySeconds = (System.nanoTime() - start) / 1e9;
    long indexStart = System.nanoTime();
    log.println("building " + dropped.size() + " indexes");
    recreate(dropped);
    double indexSeconds = (System.nanoTime() - indexStart) / 1e9;
    vacuumAnalyze();
    // The rows went in without the triggers that keep the summaries' daily rollups: build those now.
    long rollupStart = System.nanoTime();
    log.println("rolling up the days");
    db.tx().inTransaction(c -> {
      Rollups.rebuild(c);
      return null;
    });
    double rollupSeconds = (System.nanoTime() - rollupStart) / 1e9;
    remember(jsonBytes[0] / (double) written);
    return loaded(String.format("%,d events in %.1f s by COPY (%,.0f events/s) + %.1f s to build indexes"
        + " + %.1f s to build the daily rollups (%,.0f events/s)",
        written, copySeconds, written / copySeconds, indexSeconds, rollupSeconds, written / rollupSeconds));
  }

  Loaded existing() throws SQLException {
    return loaded("reused the events of an earlier run (--reuse)");
  }

  static boolean hasEvents(String url, long events) throws SQLException {
    try (var c = DriverManager.getConnection(url); var st = c.createStatement();
        var rs = st.executeQuery("SELECT to_regclass('health_events') IS NOT NULL")) {
      rs.next();
      if (!rs.getBoolean(1)) return false;
      try (var count = st.executeQuery("SELECT count(*) FROM health_events")) {
        count.next();
        return count.getLong(1) >= events * 0.95;
      }
    }
  }

  private long copyDay(Connection c, SyntheticPeople people, LocalDate day, long[] jsonBytes, long seqBefore) throws SQLException {
    long rows = 0;
    String sql = "COPY health_events (user_id, id, type, subtype, occurred_at, ended_at, utc_offset_min, data, dedupe_key, origin, change_seq) "
        + "FROM STDIN WITH (FORMAT csv)";
    try (OutputStream out = new PGCopyOutputStream(c.unwrap(PGConnection.class), sql, 1 << 16)) {
      var line = new StringBuilder(1024);
      for (var person : people.all()) {
        for (NewEvent unbound : people.day(person, day)) {
          NewEvent e = unbound.forUser(person);
          line.setLength(0);
          line.append(person).append(',').append(e.id()).append(',').append(e.type().wire()).append(',');
          csv(line, e.subtype()).append(',').append(e.occurredAt()).append(',');
          if (e.endedAt() != null) line.append(e.endedAt());
          line.append(',');
          if (e.utcOffsetMin() != null) line.append(e.utcOffsetMin());
          line.append(',');
          csv(line, e.data()).append(',');
          csv(line, e.dedupeKey()).append(',');
          csv(line, e.origin()).append(',').append(seqBefore + rows + 1).append('\n');
          out.write(line.toString().getBytes(StandardCharsets.UTF_8));
          jsonBytes[0] += RequestJson.event(e).getBytes(StandardCharsets.UTF_8).length;
          rows++;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return rows;
  }

  /**
   * Synthetic rows need neither the per-row trigger (their offsets and change_seq are given, and no other
   * writer runs) nor the foreign-key check against users made a moment ago; without them COPY is several
   * times faster. Only a superuser may switch them off: elsewhere the rows load through the triggers.
   */
  private boolean skipTriggers(Connection c) {
    try (var st = c.createStatement()) {
      st.execute("SET session_replication_role = replica");
      return true;
    } catch (SQLException notSuperuser) {
      log.println("loading through the triggers: " + notSuperuser.getMessage());
      return false;
    }
  }

  /** A CSV field: empty for null (COPY's NULL in CSV), otherwise quoted with inner quotes doubled. */
  static StringBuilder csv(StringBuilder sb, String value) {
    if (value == null) return sb;
    sb.append('"');
    for (int i = 0; i < value.length(); i++) {
      char ch = value.charAt(i);
      if (ch == '"') sb.append('"');
      sb.append(ch);
    }
    return sb.append('"');
  }

  private void insertUsers(Map<UUID, ZoneId> zones) {
    db.tx().inTransaction(c -> {
      try (var st = c.prepareStatement("INSERT INTO users (id, external_id, time_zone) VALUES (?, ?, ?)")) {
        int i = 0;
        for (var e : zones.entrySet()) {
          st.setObject(1, e.getKey());
          st.setString(2, "bench-" + i++);
          st.setString(3, e.getValue().getId());
          st.addBatch();
        }
        st.executeBatch();
      }
      return null;
    });
  }

  private List<String[]> dropSecondaryIndexes() {
    return db.tx().inTransaction(c -> {
      var defs = new ArrayList<String[]>();
      try (var st = c.createStatement(); var rs = st.executeQuery("""
          SELECT i.indexname, i.indexdef FROM pg_indexes i
          WHERE i.tablename = 'health_events' AND i.indexname <> 'health_events_pkey'""")) {
        while (rs.next()) defs.add(new String[] {rs.getString(1), rs.getString(2)});
      }
      try (var st = c.createStatement()) {
        for (String[] d : defs) st.execute("DROP INDEX " + d[0]);
      }
      return defs;
    });
  }

  private void recreate(List<String[]> indexes) {
    db.tx().read(c -> {
      try (var st = c.createStatement()) {
        for (String[] d : indexes) st.execute(d[1]);
      }
      return null;
    });
  }

  private void vacuumAnalyze() {
    db.tx().read(c -> {
      try (var st = c.createStatement()) {
        st.execute("VACUUM (ANALYZE) health_events");
      }
      return null;
    });
  }

  /** The mean create-request size is kept with the data, for a later --reuse run. */
  private void remember(double meanJsonBytes) {
    db.tx().read(c -> {
      try (var st = c.createStatement()) {
        st.execute("COMMENT ON TABLE health_events IS 'bench mean_json_bytes=" + meanJsonBytes + "'");
      }
      return null;
    });
  }

  /** Users, the loaded period's end and the mean size of a create request, read back from the database. */
  private Loaded loaded(String describe) {
    return db.tx().read(c -> {
      var zones = new LinkedHashMap<UUID, ZoneId>();
      try (var st = c.createStatement(); var rs = st.executeQuery("SELECT id, time_zone FROM users ORDER BY external_id")) {
        while (rs.next()) zones.put(rs.getObject(1, UUID.class), ZoneId.of(rs.getString(2)));
      }
      try (var st = c.createStatement(); var rs = st.executeQuery("""
          SELECT (SELECT count(*) FROM health_events), (SELECT max(occurred_at) FROM health_events),
                 substring(obj_description('health_events'::regclass) FROM 'mean_json_bytes=([0-9.]+)')::float8""")) {
        rs.next();
        Instant latest = rs.getObject(2, java.time.OffsetDateTime.class).toInstant();
        return new Loaded(List.copyOf(zones.keySet()), zones, Instant.now(), latest, rs.getLong(1), rs.getDouble(3), describe);
      }
    });
  }
}
