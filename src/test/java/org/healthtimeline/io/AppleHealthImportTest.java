package org.healthtimeline.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.util.Map;
import java.util.UUID;
import org.healthtimeline.testing.DatabaseSnapshot;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** shared/data/apple-health-export.xml, with the counts of shared/data/README.md. */
class AppleHealthImportTest {
  static ImportTesting io;

  @BeforeAll
  static void up() {
    io = new ImportTesting();
  }

  @AfterAll
  static void down() {
    io.close();
  }

  @Test
  void the_58_distinct_measurements_become_events_with_bp_once_and_the_duplicate_collapsed() {
    UUID user = io.newUser();

    ImportSummary s = io.importSample(user, "apple-health-export.xml", ImportFormat.APPLE_HEALTH, false);

    assertThat(s.read()).as("59 top-level records, 2 correlations, 1 workout").isEqualTo(62);
    assertThat(s.imported()).isEqualTo(54);
    assertThat(s.duplicates()).as("the body mass Health Mate and MyFitnessPal both report").isEqualTo(1);
    assertThat(s.bad()).isZero();
    assertThat(s.skippedByReason()).isEqualTo(Map.of("unknown type HKQuantityTypeIdentifierActiveEnergyBurned", 3L,
        "blood-pressure record that its correlation holds", 4L));
    // The 58 distinct top-level records: the events less the workout, each BP reading as its 2 halves, and the
    // 3 of an unknown type.
    long distinctRecords = io.count(user) - 1 - 2 + 4 + 3;
    assertThat(distinctRecords).isEqualTo(58);
    assertThat(io.countsByType(user)).isEqualTo(Map.of("vital", 20L, "tracker", 16L, "sleep", 17L, "exercise", 1L));
    assertThat(io.rows(user, "SELECT data->>'measure', count(*) FROM health_events WHERE user_id = ? AND type = 'vital' GROUP BY 1 ORDER BY 1"))
        .containsExactly("blood_pressure|2", "heart_rate|14", "weight|4");
  }

  @Test
  void times_are_instants_so_the_dst_night_and_the_steps_per_local_day_come_out_right() {
    UUID user = io.newUser();
    io.importSample(user, "apple-health-export.xml", ImportFormat.APPLE_HEALTH, false);

    assertThat(io.rows(user, """
        SELECT extract(epoch FROM ended_at - occurred_at)::int / 60 FROM health_events
        WHERE user_id = ? AND type = 'sleep' AND data->>'stage' = 'in_bed' ORDER BY occurred_at""")).containsExactly("435", "455");
    assertThat(io.rows(user, """
        SELECT sum(extract(epoch FROM ended_at - occurred_at)::int / 60) FROM health_events
        WHERE user_id = ? AND type = 'sleep' AND data->>'stage' IN ('core', 'deep', 'rem') GROUP BY occurred_at < timestamptz '2024-03-10 18:00Z'
        ORDER BY 1""")).containsExactly("407", "436");
    assertThat(io.rows(user, """
        SELECT (occurred_at + utc_offset_min * interval '1 minute')::date, sum((data->'data'->>'steps')::int) FROM health_events
        WHERE user_id = ? AND type = 'tracker' GROUP BY 1 ORDER BY 1"""))
        .containsExactly("2024-03-09|4290", "2024-03-10|3880", "2024-03-11|3542");
  }

  @Test
  void each_event_keeps_its_source_and_unit() {
    UUID user = io.newUser();
    io.importSample(user, "apple-health-export.xml", ImportFormat.APPLE_HEALTH, false);

    assertThat(io.rows(user, """
        SELECT origin, data->>'value', data->>'unit', data->'original'->>'value', data->'original'->>'unit'
        FROM health_events WHERE user_id = ? AND data->>'measure' = 'weight' ORDER BY occurred_at""")).containsExactly(
        "Health Mate|82.37|kg|181.6|lb", "Health Mate|82.19|kg|181.2|lb", "Health Mate|82.01|kg|180.8|lb", "Health Mate|81.83|kg|180.4|lb");
    assertThat(io.rows(user, """
        SELECT origin, data->'source'->>'version', data->>'systolic', data->>'diastolic' FROM health_events
        WHERE user_id = ? AND data->>'measure' = 'blood_pressure' ORDER BY occurred_at"""))
        .containsExactly("Health Mate|6.12.0|128|82", "Health Mate|6.12.0|124|79");
    assertThat(io.rows(user, """
        SELECT origin, data->>'activity_type', data->>'duration_minutes', data->>'distance_km', data->>'calories',
               data->>'avg_heart_rate', utc_offset_min FROM health_events WHERE user_id = ? AND type = 'exercise'"""))
        .containsExactly("Jordan’s Apple Watch|running|36.5|5.83|412.39|148.6|-300");
  }

  @Test
  void importing_the_export_again_adds_nothing() {
    UUID user = io.newUser();
    io.importSample(user, "apple-health-export.xml", ImportFormat.APPLE_HEALTH, false);
    var before = io.content(user);

    ImportSummary again = io.importSample(user, "apple-health-export.xml", ImportFormat.APPLE_HEALTH, false);

    assertThat(again.imported()).isZero();
    assertThat(again.duplicates()).isEqualTo(55);
    assertThat(io.content(user)).isEqualTo(before);
  }

  @Test
  void a_truncated_export_in_strict_mode_is_refused_naming_the_line_and_writes_nothing() throws Exception {
    UUID user = io.newUser();
    String xml = Files.readString(org.healthtimeline.testing.SharedData.dir("apple-health-export.xml"));
    String truncated = xml.substring(0, xml.indexOf("<!-- SleepAnalysis"));
    var before = DatabaseSnapshot.of(io.api.db);

    assertThatThrownBy(() -> io.importText(user, truncated, ImportFormat.APPLE_HEALTH, true))
        .isInstanceOf(ImportRefused.class)
        .hasMessageMatching("line \\d+: the XML ends before its elements are closed \\(a truncated export\\?\\); nothing was imported \\(strict\\)");
    assertThat(DatabaseSnapshot.of(io.api.db)).isEqualTo(before);
  }

  @Test
  void a_truncated_export_keeps_the_batches_committed_before_the_cut_and_says_so() {
    UUID user = io.newUser();
    var xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<HealthData locale=\"en_US\">\n");
    for (int i = 0; i < 2 * ImportRun.BATCH + ImportRun.BATCH / 2; i++) {
      String at = java.time.LocalDateTime.of(2024, 1, 1, 0, 0).plusMinutes(i).toString().replace('T', ' ') + ":00 -0600";
      xml.append(" <Record type=\"HKQuantityTypeIdentifierHeartRate\" sourceName=\"Watch\" unit=\"count/min\" startDate=\"")
          .append(at).append("\" endDate=\"").append(at).append("\" value=\"").append(60 + i % 40).append("\"/>\n");
    }

    assertThatThrownBy(() -> io.importText(user, xml.toString(), ImportFormat.APPLE_HEALTH, false))
        .isInstanceOf(ImportRefused.class).hasMessageContaining("truncated export")
        .hasMessageEndingWith(String.format("%,d events were imported before it (0 duplicates)", 2 * ImportRun.BATCH));
    assertThat(io.count(user)).as("two batches of " + ImportRun.BATCH).isEqualTo(2 * ImportRun.BATCH);
  }

  @Test
  void external_entities_and_external_dtds_are_never_loaded() throws Exception {
    UUID user = io.newUser();
    var secret = Files.createTempFile("secret", ".txt");
    Files.writeString(secret, "TOP-SECRET");
    String xml = """
        <?xml version="1.0" encoding="UTF-8"?>
        <!DOCTYPE HealthData SYSTEM "http://127.0.0.1:9/healthkit.dtd" [
          <!ENTITY leak SYSTEM "%s">
        ]>
        <HealthData locale="en_US">
         <Record type="HKQuantityTypeIdentifierHeartRate" sourceName="&leak;" unit="count/min"
           startDate="2024-03-09 08:05:20 -0600" endDate="2024-03-09 08:05:20 -0600" value="74"/>
        </HealthData>
        """.formatted(secret.toUri());

    try {
      io.importText(user, xml, ImportFormat.APPLE_HEALTH, false);
    } catch (ImportRefused refused) {
      assertThat(refused.getMessage()).doesNotContain("TOP-SECRET");
    }
    assertThat(io.rows(user, "SELECT count(*) FROM health_events WHERE user_id = ? AND data::text LIKE '%TOP-SECRET%'"))
        .containsExactly("0");
  }
}
