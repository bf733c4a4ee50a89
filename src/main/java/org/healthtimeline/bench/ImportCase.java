package org.healthtimeline.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Optional;
import java.util.UUID;
import org.HdrHistogram.Histogram;
import org.healthtimeline.db.Database;
import org.healthtimeline.io.ImportFormat;
import org.healthtimeline.io.ImportService;
import org.healthtimeline.io.ImportSummary;
import org.healthtimeline.timeline.NewEvent;
import org.postgresql.PGConnection;

/**
 * {@code timeline import} of an NDJSON file of N synthetic events of one person from four devices (the demo's
 * generator, day after day; capped at 1,000,000), beside two baselines of the same events in the same run: COPY of them, as rows
 * already converted, into a table shaped like health_events (its columns, constraints and indexes, no trigger
 * and no foreign key: PostgreSQL's floor), and COPY into health_events itself (through its trigger and foreign
 * key: the floor of any write to the timeline). The import parses, validates and writes as {@code timeline import}
 * does (TimelineService.writeParsed), so its rate over the first is the figure the target (>= 0.8) is about.
 */
final class ImportCase implements BenchCase {
  private static final long MAX_EVENTS = 1_000_000;
  private static final int DEVICES = 4;
  private static final String COLUMNS = "user_id, id, type, subtype, occurred_at, ended_at, utc_offset_min, data, dedupe_key, origin, change_seq";

  @Override
  public String name() {
    return "io.import";
  }

  @Override
  public void run(Run run) throws Exception {
    long n = Math.min(run.settings().events(), MAX_EVENTS);
    Database bench = run.bench();
    UUID importer = user(bench, "bench-import");
    UUID copier = user(bench, "bench-import-copy");
    Path dir = Files.createTempDirectory("timeline-import-bench");
    Path ndjson = dir.resolve("events.ndjson");
    Path copyCsv = dir.resolve("events.copy.csv");
    try {
      long events = write(n, copier, ndjson, copyCsv);
      run.log().printf("import: %,d events, NDJSON %,d bytes; COPY baselines first%n", events, Files.size(ndjson));
      execute(bench, "DROP TABLE IF EXISTS import_copy_baseline");
      execute(bench, "CREATE TABLE import_copy_baseline (LIKE health_events INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING INDEXES)");
      Optional<ServerCpu> server = ServerCpu.of(bench);
      Timing copyRaw = time(server, () -> copy(bench, "import_copy_baseline", copyCsv));
      Timing copyTimeline = time(server, () -> copy(bench, "health_events", copyCsv));
      var imports = new ImportService(bench.tx(), run.app().users(), run.app().timeline());
      var summary = new ImportSummary[1];
      Timing imported = time(server, () -> {
        try (InputStream in = Files.newInputStream(ndjson)) {
          summary[0] = imports.run(importer, in, ImportFormat.NDJSON, false);
        }
      });
      ImportSummary s = summary[0];
      if (s.imported() != events) {
        throw new IllegalStateException(String.format("the import bench imported %d of %d events: %d duplicates, %d skipped %s,"
            + " %d bad %s", s.imported(), events, s.duplicates(), s.skipped(), s.skippedByReason(), s.bad(),
            s.problems().stream().limit(3).toList()));
      }
      String unit = "batch:" + events;
      run.report().add("import.copy.raw", unit, result(copyRaw.seconds()), null, null);
      run.report().add("import.copy.timeline", unit, result(copyTimeline.seconds()), "import.copy.raw", null);
      run.report().add("import.ndjson", unit, result(imported.seconds()), "import.copy.raw", ">= 100,000 events/s; import/COPY >= 0.8");
      run.report().setup("import file", String.format("%,d events, %,d bytes of NDJSON", events, Files.size(ndjson)));
      if (server.isPresent()) {
        run.report().setup("import CPU per event", String.format("server + bench JVM, us: COPY raw %s, COPY timeline %s, import %s",
            copyRaw.perEvent(events), copyTimeline.perEvent(events), imported.perEvent(events)));
      }
      execute(bench, "DROP TABLE import_copy_baseline");
    } finally {
      Files.deleteIfExists(ndjson);
      Files.deleteIfExists(copyCsv);
      Files.deleteIfExists(dir);
    }
  }

  private interface Timed {
    void run() throws Exception;
  }

  /** Wall seconds of a phase, and the CPU seconds the server and this JVM spent in it (NaN when unknown). */
  private record Timing(double seconds, double serverCpu, double jvmCpu) {
    String perEvent(long events) {
      return String.format("%.1f + %.1f", serverCpu * 1e6 / events, jvmCpu * 1e6 / events);
    }
  }

  private static Timing time(Optional<ServerCpu> server, Timed work) throws Exception {
    double server0 = server.map(ServerCpu::seconds).orElse(Double.NaN);
    double jvm0 = ServerCpu.jvmSeconds();
    long start = System.nanoTime();
    work.run();
    double seconds = (System.nanoTime() - start) / 1e9;
    double server1 = server.map(ServerCpu::seconds).orElse(Double.NaN);
    return new Timing(seconds, server1 - server0, ServerCpu.jvmSeconds() - jvm0);
  }

  /** One run of a whole file: its time is the one "operation" of the row; the unit makes its rate events/s. */
  private static Load.Result result(double seconds) {
    var h = new Histogram(3);
    h.recordValue(Math.max(1, (long) (seconds * 1e6)));
    return new Load.Result(1, seconds, h);
  }

  /** The same events as NDJSON create bodies and as COPY rows of {@code copier}; returns how many. */
  private static long write(long n, UUID copier, Path ndjson, Path copyCsv) throws IOException {
    // One person's devices: a million events of one generated day-by-day life would run past 2200, which the
    // timeline refuses. Each device's dedupe keys are its own, as an export's would be.
    var zones = new LinkedHashMap<UUID, ZoneId>();
    for (int d = 0; d < DEVICES; d++) zones.put(new UUID(0x1b00L << 48, 0x1b + d), ZoneId.of("America/Chicago"));
    var people = new SyntheticPeople(zones, BenchLoader.SEED);
    long written = 0;
    try (BufferedWriter json = Files.newBufferedWriter(ndjson); BufferedWriter csv = Files.newBufferedWriter(copyCsv)) {
      var line = new StringBuilder(1024);
      for (LocalDate day = LocalDate.of(2000, 1, 1); written < n; day = day.plusDays(1)) {
        int device = 0;
        for (UUID source : zones.keySet()) {
          device++;
          for (NewEvent generated : people.day(source, day)) {
            if (written == n) return written;
            NewEvent unbound = withDedupeKey(generated, "device" + device + ":" + generated.dedupeKey());
            json.write(RequestJson.event(unbound));
            json.write('\n');
            NewEvent e = unbound.forUser(copier);
            line.setLength(0);
            line.append(copier).append(',').append(e.id()).append(',').append(e.type().wire()).append(',');
            BenchLoader.csv(line, e.subtype()).append(',').append(e.occurredAt()).append(',');
            if (e.endedAt() != null) line.append(e.endedAt());
            line.append(',').append(e.utcOffsetMin() == null ? "" : e.utcOffsetMin()).append(',');
            BenchLoader.csv(line, e.data()).append(',');
            BenchLoader.csv(line, e.dedupeKey()).append(',');
            BenchLoader.csv(line, e.origin()).append(',').append(written + 1).append('\n');
            csv.append(line);
            written++;
          }
        }
      }
    }
    return written;
  }

  private static NewEvent withDedupeKey(NewEvent e, String key) {
    return new NewEvent(e.id(), e.type(), e.subtype(), e.occurredAt(), e.endedAt(), e.utcOffsetMin(), e.data(),
        e.sessionId(), e.importance(), e.summary(), e.origin(), e.sourceTable(), e.sourceId(), e.recordVersion(), key);
  }

  /** On a connection of the pool, as the import's writes are: a backend that ends would take its CPU time out of sight. */
  private static void copy(Database db, String table, Path csv) {
    db.tx().read(c -> {
      try (Reader in = Files.newBufferedReader(csv)) {
        return c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY " + table + " (" + COLUMNS + ") FROM STDIN WITH (FORMAT csv)", in, 1 << 16);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }

  private static UUID user(Database db, String externalId) {
    return db.tx().inTransaction(c -> {
      try (var del = c.prepareStatement("DELETE FROM users WHERE external_id = ?")) {
        del.setString(1, externalId);
        del.executeUpdate();
      }
      try (var st = c.prepareStatement("INSERT INTO users (external_id, time_zone) VALUES (?, 'America/Chicago') RETURNING id")) {
        st.setString(1, externalId);
        try (var rs = st.executeQuery()) {
          rs.next();
          return rs.getObject(1, UUID.class);
        }
      }
    });
  }

  private static void execute(Database db, String sql) {
    db.tx().read(c -> {
      try (var st = c.createStatement()) {
        st.execute(sql);
      }
      return null;
    });
  }
}
