package org.healthtimeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.healthtimeline.db.Database;
import org.healthtimeline.io.ImportFormat;
import org.healthtimeline.io.ImportService;
import org.healthtimeline.testing.TestDatabases;
import org.healthtimeline.timeline.EventSchemas;
import org.healthtimeline.timeline.TimelineService;
import org.healthtimeline.user.UserService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code timeline import} as its own process: a summary on stdout, bad files as one line on stderr and a
 * non-zero exit, and an import killed with SIGKILL mid-file that, run again, ends as an uninterrupted one.
 */
class ImportCliTest {
  static String url;
  static Database db;

  @TempDir Path tmp;

  @BeforeAll
  static void up() {
    url = TestDatabases.freshUrl();
    db = Database.connect(url, 4);
  }

  @AfterAll
  static void down() {
    db.close();
  }

  private static String newUser(String externalId) throws SQLException {
    try (Connection c = DriverManager.getConnection(url); var st = c.prepareStatement(
        "INSERT INTO users (external_id, time_zone) VALUES (?, 'America/Chicago') RETURNING id")) {
      st.setString(1, externalId);
      try (var rs = st.executeQuery()) {
        rs.next();
        return rs.getString(1);
      }
    }
  }

  private static long events(String user) throws SQLException {
    try (Connection c = DriverManager.getConnection(url); var st = c.prepareStatement("SELECT count(*) FROM health_events WHERE user_id = ?::uuid")) {
      st.setString(1, user);
      try (var rs = st.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  private static List<String> content(String user) throws SQLException {
    var out = new ArrayList<String>();
    try (Connection c = DriverManager.getConnection(url); var st = c.prepareStatement("""
        SELECT type::text || occurred_at || coalesce(ended_at::text, '') || data::jsonb || coalesce(dedupe_key, '') || version
        FROM health_events WHERE user_id = ?::uuid ORDER BY 1""")) {
      st.setString(1, user);
      try (var rs = st.executeQuery()) {
        while (rs.next()) out.add(rs.getString(1));
      }
    }
    return out;
  }

  private static CliRun importFile(Path file, String user, String... more) {
    var args = new ArrayList<>(List.of("import", file.toString(), "--user", user, "--database-url", url));
    args.addAll(List.of(more));
    return CliRun.of(args.toArray(String[]::new));
  }

  @Test
  void the_sample_file_prints_its_summary_and_exits_3_for_its_bad_lines() throws Exception {
    String user = newUser("cli-sample");
    Path file = tmp.resolve("events.ndjson");
    Files.copy(org.healthtimeline.testing.SharedData.dir("events.ndjson"), file);

    CliRun run = importFile(file, "cli-sample");

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(3);
    assertThat(run.stdoutLines().getFirst()).startsWith("ndjson: read 40 records: 35 imported, 0 corrected, 1 duplicates, 0 skipped, 4 bad");
    assertThat(run.stdout()).contains("  bad line 8: type: must be one of");
    assertThat(run.stderrLines()).containsExactly("timeline: 4 of 40 records in " + file + " were bad and not imported (listed above)");
    assertThat(events(user)).isEqualTo(35);
  }

  @Test
  void a_utf16_file_is_one_line_on_stderr_and_exit_1() throws Exception {
    newUser("cli-utf16");
    Path file = tmp.resolve("utf16.ndjson");
    Files.write(file, "{\"type\":\"note\",\"occurred_at\":\"2024-03-10T12:00:00Z\",\"data\":{\"text\":\"hi\"}}\n".getBytes(StandardCharsets.UTF_16));

    CliRun run = importFile(file, "cli-utf16");

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
    assertThat(run.stdout()).isEmpty();
    assertThat(run.stderrLines()).containsExactly("timeline: " + file
        + ": line 1: the file is UTF-16 (it starts with a UTF-16 byte order mark); save it as UTF-8; 0 events were imported before it (0 duplicates)");
  }

  @Test
  void latin1_bytes_in_strict_mode_are_one_line_naming_the_line_and_nothing_is_written() throws Exception {
    String user = newUser("cli-latin1");
    Path file = tmp.resolve("latin1.csv");
    // The good rows before the first bad one, then the snack whose name is not ASCII: at line 18 of this file.
    List<String> rows = Files.readAllLines(org.healthtimeline.testing.SharedData.dir("events.csv"));
    String csv = String.join("\n", rows.subList(0, 17)) + "\n" + String.join("\n", rows.subList(30, 35)) + "\n";
    Files.write(file, csv.getBytes(StandardCharsets.ISO_8859_1));

    CliRun run = importFile(file, "cli-latin1", "--strict");

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
    assertThat(run.stderrLines()).containsExactly("timeline: " + file + ": line 18: is not UTF-8 (byte 0xE8 at column 41; "
        + "a Latin-1 or Windows-1252 file?): save the file as UTF-8; nothing was imported (strict)");
    assertThat(events(user)).isZero();
  }

  @Test
  void a_10_mb_single_line_is_a_bad_record_without_a_stack_trace() throws Exception {
    String user = newUser("cli-long-line");
    Path file = tmp.resolve("long.ndjson");
    try (OutputStream out = Files.newOutputStream(file)) {
      out.write("{\"type\":\"note\",\"occurred_at\":\"2024-03-10T12:00:00Z\",\"data\":{\"text\":\"".getBytes(StandardCharsets.UTF_8));
      byte[] chunk = "a".repeat(1 << 16).getBytes(StandardCharsets.UTF_8);
      for (int i = 0; i < 160; i++) out.write(chunk);
      out.write("\"}}".getBytes(StandardCharsets.UTF_8));
    }

    CliRun run = importFile(file, "cli-long-line");

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(3);
    assertThat(run.stdout()).contains("bad line 1: is longer than 1 MiB, the limit of one event");
    assertThat(run.stderrLines()).hasSize(1);
    assertThat(run.stderr()).doesNotContain("Exception");
    assertThat(events(user)).isZero();
  }

  @Test
  void a_csv_without_a_needed_column_and_a_truncated_export_are_one_line_each() throws Exception {
    newUser("cli-bad-files");
    Path csv = tmp.resolve("no-unit.csv");
    Files.writeString(csv, "occurred_at,ended_at,type,subtype,item,field,value,note\n");
    Path xml = tmp.resolve("export.xml");
    String export = Files.readString(org.healthtimeline.testing.SharedData.dir("apple-health-export.xml"));
    Files.writeString(xml, export.substring(0, export.length() / 2));

    CliRun noUnit = importFile(csv, "cli-bad-files");
    CliRun truncated = importFile(xml, "cli-bad-files", "--strict");

    assertThat(noUnit.exitCode()).isEqualTo(1);
    assertThat(noUnit.stderrLines()).hasSize(1).first().asString().contains("line 1: the header lacks the column unit");
    assertThat(truncated.exitCode()).isEqualTo(1);
    assertThat(truncated.stderrLines()).hasSize(1).first().asString()
        .contains("the XML ends before its elements are closed (a truncated export?); nothing was imported (strict)");
  }

  /** 100,000 events of one person, a third with dedupe keys of their own, the rest keyed by their content. */
  private static void writeEvents(Path file, int n) throws IOException {
    try (var out = Files.newBufferedWriter(file)) {
      long start = java.time.Instant.parse("2020-01-01T00:00:00Z").getEpochSecond();
      for (int i = 0; i < n; i++) {
        String at = java.time.Instant.ofEpochSecond(start + i * 600L).toString();
        String key = i % 3 == 0 ? ",\"dedupe_key\":\"k-" + i + "\"" : "";
        out.write(switch (i % 4) {
          case 0 -> "{\"type\":\"meal\",\"occurred_at\":\"" + at + "\",\"data\":{\"meal\":\"snack\",\"foods\":[{\"name\":\"apple " + i
              + "\",\"calories\":" + (50 + i % 90) + ",\"protein_g\":0.5}]}" + key + "}";
          case 1 -> "{\"type\":\"mood\",\"occurred_at\":\"" + at + "\",\"data\":{\"score\":" + (1 + i % 5) + ",\"scale\":\"1-5\",\"tags\":[\"t" + i + "\"]}" + key + "}";
          case 2 -> "{\"type\":\"symptom\",\"occurred_at\":\"" + at + "\",\"data\":{\"name\":\"headache\",\"severity\":" + (i % 11) + ",\"scale\":\"0-10\"}" + key + "}";
          default -> "{\"type\":\"note\",\"occurred_at\":\"" + at + "\",\"data\":{\"text\":\"note " + i + "\"},\"source\":\"test\"" + key + "}";
        });
        out.write('\n');
      }
    }
  }

  @Test
  @Timeout(value = 600, unit = TimeUnit.SECONDS)
  void an_import_killed_mid_file_and_run_again_ends_as_an_uninterrupted_one_without_duplicates() throws Exception {
    int n = 100_000;
    Path file = tmp.resolve("big.ndjson");
    writeEvents(file, n);
    String killed = newUser("cli-killed");
    String whole = newUser("cli-whole");

    Process p = CliRun.command("import", file.toString(), "--user", "cli-killed", "--database-url", url)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    long before;
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(150);
      while (events(killed) == 0 && p.isAlive() && System.nanoTime() < deadline) Thread.sleep(20);
      p.destroyForcibly();
      p.waitFor(30, TimeUnit.SECONDS);
      before = events(killed);
    } finally {
      p.destroyForcibly();
    }
    assertThat(before).as("killed mid-file: some batches committed, not all").isBetween(1L, n - 1L);

    CliRun again = importFile(file, "cli-killed");
    var users = new UserService(db.tx());
    new ImportService(db.tx(), users, new TimelineService(db.tx(), users, new EventSchemas()))
        .run(UUID.fromString(whole), Files.newInputStream(file), ImportFormat.NDJSON, false);

    assertThat(again.exitCode()).as(again.toString()).isZero();
    assertThat(again.stdoutLines().getFirst()).contains(String.format("%,d imported", n - before))
        .contains(String.format("%,d duplicates", before));
    assertThat(events(killed)).isEqualTo(n);
    assertThat(content(killed)).isEqualTo(content(whole));
  }
}
