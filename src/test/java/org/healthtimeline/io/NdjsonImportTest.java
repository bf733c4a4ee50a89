package org.healthtimeline.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.util.Map;
import java.util.UUID;
import org.healthtimeline.testing.DatabaseSnapshot;
import org.healthtimeline.testing.TestApi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** shared/data/events.ndjson, with the counts of shared/data/README.md. */
class NdjsonImportTest {
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
  void the_sample_imports_35_distinct_events_and_reports_the_4_bad_lines_by_number() {
    UUID user = io.newUser();

    ImportSummary s = io.importSample(user, "events.ndjson", ImportFormat.NDJSON, false);

    assertThat(s.read()).isEqualTo(40);
    assertThat(s.imported()).isEqualTo(35);
    assertThat(s.duplicates()).as("line 38 re-sends line 1").isEqualTo(1);
    assertThat(s.bad()).isEqualTo(4);
    assertThat(s.problems()).extracting(ImportSummary.Problem::line).containsExactly(8L, 17L, 26L, 35L);
    assertThat(s.problems().get(0).toString()).startsWith("line 8: type: must be one of");
    assertThat(s.problems().get(1).toString()).startsWith("line 17: malformed JSON");
    assertThat(s.problems().get(2).toString()).contains("line 26: ").contains("calories").contains("minimum");
    assertThat(s.problems().get(3).toString()).isEqualTo("line 35: ended_at: must not be before occurred_at");
    assertThat(io.countsByType(user)).isEqualTo(Map.of("meal", 10L, "medication", 6L, "mood", 5L, "symptom", 4L,
        "tracker", 4L, "exercise", 4L, "sleep", 2L));
  }

  @Test
  void importing_the_same_file_again_adds_nothing() {
    UUID user = io.newUser();
    io.importSample(user, "events.ndjson", ImportFormat.NDJSON, false);
    var before = io.content(user);

    ImportSummary again = io.importSample(user, "events.ndjson", ImportFormat.NDJSON, false);

    assertThat(again.imported()).isZero();
    assertThat(again.duplicates()).isEqualTo(36);
    assertThat(again.bad()).isEqualTo(4);
    assertThat(io.content(user)).isEqualTo(before);
  }

  @Test
  void the_neutral_fields_become_our_data_shapes() {
    UUID user = io.newUser();
    io.importSample(user, "events.ndjson", ImportFormat.NDJSON, false);

    assertThat(io.rows(user, """
        SELECT (occurred_at + utc_offset_min * interval '1 minute')::date, sum((data->>'total_calories')::numeric)
        FROM health_events WHERE user_id = ? AND type = 'meal' GROUP BY 1 ORDER BY 1"""))
        .containsExactly("2024-03-09|2142", "2024-03-10|1356", "2024-03-11|1132");
    assertThat(io.rows(user, "SELECT sum(json_array_length(data->'foods')) FROM health_events WHERE user_id = ? AND type = 'meal'"))
        .containsExactly("19");
    assertThat(io.rows(user, """
        SELECT data->>'mood_rating', data->'original'->>'score' FROM health_events
        WHERE user_id = ? AND type = 'mood' ORDER BY occurred_at LIMIT 2"""))
        .as("a 1-5 score doubled onto our 1-10 rating").containsExactly("8|4", "4|2");
    assertThat(io.rows(user, """
        SELECT (occurred_at + utc_offset_min * interval '1 minute')::date FROM health_events
        WHERE user_id = ? AND type = 'symptom' AND data->>'symptom_type' = 'heartburn'"""))
        .as("line 37 at 03:40Z is the evening before in Chicago").containsExactly("2024-03-11");
    assertThat(io.rows(user, """
        SELECT extract(epoch FROM ended_at - occurred_at) / 60, data->>'sleep_quality_rating' FROM health_events
        WHERE user_id = ? AND type = 'sleep' ORDER BY occurred_at LIMIT 1"""))
        .as("the DST night: 435 real minutes").containsExactly("435.0000000000000000|6");
    assertThat(io.rows(user, """
        SELECT data->>'category_name', data->'data'->>'systolic', data->'units'->>'systolic', origin FROM health_events
        WHERE user_id = ? AND type = 'tracker' ORDER BY occurred_at LIMIT 1"""))
        .containsExactly("Blood Pressure|128|mmHg|withings");
  }

  @Test
  void strict_mode_refuses_the_file_at_its_first_bad_line_and_writes_nothing() {
    UUID user = io.newUser();
    var before = DatabaseSnapshot.of(io.api.db);

    assertThatThrownBy(() -> io.importSample(user, "events.ndjson", ImportFormat.NDJSON, true))
        .isInstanceOf(ImportRefused.class)
        .hasMessage("line 8: type: must be one of meal, sleep, exercise, symptom, mood, stress, tracker, custom, medication, "
            + "assessment, vital, treatment, appointment, note; nothing was imported (strict)");
    assertThat(DatabaseSnapshot.of(io.api.db)).isEqualTo(before);
  }

  /**
   * {@code n} notes a minute apart, each with its own dedupe_key; {@code bad} maps a 1-based line number to the line
   * that replaces it.
   */
  private static String notes(int n, Map<Long, String> bad) {
    var sb = new StringBuilder();
    java.time.Instant start = java.time.Instant.parse("2024-01-01T00:00:00Z");
    for (long line = 1; line <= n; line++) {
      sb.append(bad.getOrDefault(line, "{\"type\":\"note\",\"occurred_at\":\"" + start.plusSeconds(60 * line)
          + "\",\"data\":{\"text\":\"note " + line + "\"},\"dedupe_key\":\"n-" + line + "\"}")).append('\n');
    }
    return sb.toString();
  }

  @Test
  void bad_records_in_every_batch_are_reported_by_line_while_the_good_ones_of_every_batch_are_imported() {
    UUID user = io.newUser();
    int n = 2 * ImportRun.BATCH + ImportRun.BATCH / 2;
    long lastLine = n;
    // A bad record early in the first batch, one in the second, and a key that names another event in the third,
    // which only the write finds.
    String conflict = "{\"type\":\"note\",\"occurred_at\":\"2024-01-01T00:01:00Z\",\"data\":{\"text\":\"other\"},\"dedupe_key\":\"n-1\"}";
    String file = notes(n, Map.of(3L, "{\"type\":\"nope\"}", ImportRun.BATCH + 5L, "not json", lastLine, conflict));

    ImportSummary s = io.importText(user, file, ImportFormat.NDJSON, false);

    assertThat(s.read()).isEqualTo(n);
    assertThat(s.imported()).isEqualTo(n - 3);
    assertThat(s.problems()).extracting(ImportSummary.Problem::line).containsExactly(3L, ImportRun.BATCH + 5L, lastLine);
    assertThat(s.problems().getLast().message()).contains("already names a different event");
    assertThat(io.count(user)).isEqualTo(n - 3);
  }

  @Test
  void strict_mode_over_several_batches_writes_all_of_a_good_file_and_nothing_of_a_bad_one() {
    UUID good = io.newUser();
    UUID bad = io.newUser();
    int n = 2 * ImportRun.BATCH + ImportRun.BATCH / 2;

    ImportSummary s = io.importText(good, notes(n, Map.of()), ImportFormat.NDJSON, true);
    var before = DatabaseSnapshot.of(io.api.db);
    assertThatThrownBy(() -> io.importText(bad, notes(n, Map.of((long) n, "{\"type\":\"nope\"}")), ImportFormat.NDJSON, true))
        .isInstanceOf(ImportRefused.class).hasMessageStartingWith("line " + n + ": type: must be one of");

    assertThat(s.imported()).isEqualTo(n);
    assertThat(io.count(good)).isEqualTo(n);
    assertThat(DatabaseSnapshot.of(io.api.db)).as("two batches were written before the bad line, and rolled back").isEqualTo(before);
  }

  @Test
  void over_http_the_body_is_the_file_and_the_answer_its_summary() throws Exception {
    TestApi.User user = io.api.newUser("America/Chicago");
    String file = Files.readString(org.healthtimeline.testing.SharedData.dir("events.ndjson"));

    TestApi.Response r = io.api.send("POST", "/v1/users/" + user.id() + "/imports", user.token(), file,
        Map.of("Content-Type", "application/x-ndjson"));

    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    assertThat(r.json().get("format").asText()).isEqualTo("ndjson");
    assertThat(r.json().get("imported").asLong()).isEqualTo(35);
    assertThat(r.json().get("bad").asLong()).isEqualTo(4);
    assertThat(r.json().get("problems").get(0).get("line").asLong()).isEqualTo(8);
    assertThat(r.json().get("problems").get(0).get("field").asText()).isEqualTo("type");
  }

  @Test
  void over_http_strict_refuses_a_bad_file_as_a_problem_naming_the_line_and_writes_nothing() throws Exception {
    TestApi.User user = io.api.newUser("America/Chicago");
    String file = Files.readString(org.healthtimeline.testing.SharedData.dir("events.ndjson"));
    var before = DatabaseSnapshot.of(io.api.db);

    TestApi.Response r = io.api.send("POST", "/v1/users/" + user.id() + "/imports?strict=true", user.token(), file,
        Map.of("Content-Type", "application/x-ndjson"));

    assertThat(r.status()).as(r.toString()).isEqualTo(400);
    assertThat(r.header("Content-Type")).startsWith("application/problem+json");
    assertThat(r.json().get("field").asText()).isEqualTo("body");
    assertThat(r.json().get("detail").asText()).startsWith("body: line 8: type: must be one of").endsWith("nothing was imported (strict)");
    assertThat(DatabaseSnapshot.of(io.api.db)).isEqualTo(before);
  }

  @Test
  void the_format_is_told_from_the_content_when_not_named() throws Exception {
    TestApi.User user = io.api.newUser("America/Chicago");
    String file = Files.readString(org.healthtimeline.testing.SharedData.dir("events.ndjson"));

    TestApi.Response r = io.api.post("/v1/users/" + user.id() + "/imports", user.token(), file);

    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    assertThat(r.json().get("format").asText()).isEqualTo("ndjson");
  }
}
