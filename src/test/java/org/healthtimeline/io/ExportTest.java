package org.healthtimeline.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.healthtimeline.testing.TestApi;
import org.healthtimeline.timeline.EventType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ExportTest {
  static ImportTesting io;

  @BeforeAll
  static void up() {
    io = new ImportTesting();
  }

  @AfterAll
  static void down() {
    io.close();
  }

  private static byte[] export(UUID user, ExportFormat format, Instant from, Instant to, Set<EventType> types) {
    var out = new ByteArrayOutputStream();
    io.exports.export(user, format, from, to, types, out);
    return out.toByteArray();
  }

  @Test
  void an_ndjson_export_imports_back_to_the_same_events_for_another_user_and_adds_nothing_to_the_same_one() {
    UUID alice = io.newUser();
    io.importSample(alice, "events.ndjson", ImportFormat.NDJSON, false);
    io.importSample(alice, "events.csv", ImportFormat.CSV, false);
    // An event with a source row, and one without any key, made through the API.
    var token = io.api.app.tokens().createServiceToken("t");
    io.api.post("/v1/users/" + alice + "/events", token, """
        {"type":"note","occurred_at":"2024-03-12T10:00:00Z","data":{"text":"no key"},"session_id":"s1","importance":0.5}""");
    io.api.post("/v1/users/" + alice + "/events", token, """
        {"type":"sleep","occurred_at":"2024-03-12T01:00:00Z","data":{"total_sleep_hours":6},"source_table":"sleep_entries",
         "source_id":"42","record_version":3}""");
    byte[] file = export(alice, ExportFormat.NDJSON, null, null, Set.of());
    assertThat(new String(file, StandardCharsets.UTF_8).lines()).hasSize((int) io.count(alice));

    ImportSummary same = io.imports.run(alice, new ByteArrayInputStream(file), ImportFormat.NDJSON, true);
    UUID bob = io.newUser();
    ImportSummary other = io.imports.run(bob, new ByteArrayInputStream(file), ImportFormat.NDJSON, true);

    assertThat(same.imported()).isZero();
    assertThat(same.duplicates()).isEqualTo(io.count(alice));
    assertThat(other.imported()).isEqualTo(io.count(alice));
    assertThat(io.content(bob)).isEqualTo(io.content(alice));
  }

  @Test
  void an_export_can_be_limited_to_a_range_and_types_and_comes_oldest_first() {
    UUID user = io.newUser();
    io.importSample(user, "events.ndjson", ImportFormat.NDJSON, false);

    String text = new String(export(user, ExportFormat.NDJSON, Instant.parse("2024-03-10T00:00:00Z"),
        Instant.parse("2024-03-11T00:00:00Z"), Set.of(EventType.MEDICATION, EventType.MOOD)), StandardCharsets.UTF_8);

    assertThat(text.lines()).extracting(l -> l.substring(0, l.indexOf(",\"")))
        .containsExactly("{\"type\":\"mood\"", "{\"type\":\"medication\"", "{\"type\":\"medication\"", "{\"type\":\"mood\"");
    assertThat(text.lines().findFirst().orElseThrow()).contains("\"occurred_at\":\"2024-03-10T07:40:00-05:00\"");
  }

  @Test
  void a_csv_export_is_the_long_format_the_csv_import_reads() {
    UUID user = io.newUser();
    io.importSample(user, "events.csv", ImportFormat.CSV, false);

    byte[] csv = export(user, ExportFormat.CSV, null, null, Set.of());
    UUID copy = io.newUser();
    ImportSummary s = io.imports.run(copy, new ByteArrayInputStream(csv), ImportFormat.CSV, true);

    assertThat(new String(csv, StandardCharsets.UTF_8)).startsWith(CsvWriter.HEADER + "\n")
        .contains("2024-03-09T19:20:00-06:00,,meal,dinner,Spaghetti bolognese,quantity,1.5,cup,\"Ate late, \"\"starving\"\", skipped lunch\"");
    assertThat(s.imported()).isEqualTo(16);
    assertThat(io.countsByType(copy)).isEqualTo(io.countsByType(user));
    assertThat(io.rows(copy, "SELECT sum((data->>'total_calories')::numeric) FROM health_events WHERE user_id = ?"))
        .isEqualTo(io.rows(user, "SELECT sum((data->>'total_calories')::numeric) FROM health_events WHERE user_id = ?"));
  }

  @Test
  void over_http_the_export_streams_with_the_media_type_of_its_format() {
    TestApi.User user = io.api.newUser("America/Chicago");
    io.importSample(user.id(), "events.ndjson", ImportFormat.NDJSON, false);

    TestApi.Response ndjson = io.api.get("/v1/users/" + user.id() + "/export?type=meal", user.token());
    TestApi.Response csv = io.api.get("/v1/users/" + user.id() + "/export?format=csv&from=2024-03-11T00:00:00-05:00", user.token());
    TestApi.Response bad = io.api.get("/v1/users/" + user.id() + "/export?format=pdf", user.token());

    assertThat(ndjson.status()).isEqualTo(200);
    assertThat(ndjson.header("Content-Type")).startsWith("application/x-ndjson");
    assertThat(ndjson.body().lines()).hasSize(10).allMatch(l -> l.startsWith("{\"type\":\"meal\""));
    assertThat(csv.header("Content-Type")).startsWith("text/csv");
    assertThat(csv.body()).startsWith(CsvWriter.HEADER).doesNotContain("2024-03-10T");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.json().get("field").asText()).isEqualTo("format");
  }
}
