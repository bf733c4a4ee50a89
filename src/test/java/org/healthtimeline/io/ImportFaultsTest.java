package org.healthtimeline.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.healthtimeline.testing.DatabaseSnapshot;
import org.healthtimeline.testing.TestApi;
import org.healthtimeline.web.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Bad files over HTTP are a problem naming the body and the line, never a 500, and nothing is half-written. */
class ImportFaultsTest {
  static ImportTesting io;

  @BeforeAll
  static void up() {
    io = new ImportTesting();
  }

  @AfterAll
  static void down() {
    io.close();
  }

  private static TestApi.Response post(TestApi.User user, String query, byte[] body, String contentType) throws Exception {
    var request = HttpRequest.newBuilder(URI.create(io.api.base() + "/v1/users/" + user.id() + "/imports" + query))
        .header("Authorization", "Bearer " + user.token()).header("Content-Type", contentType)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
    HttpResponse<String> r = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    return new TestApi.Response(r.statusCode(), r, Json.MAPPER.readTree(r.body()));
  }

  /** The file is refused as a problem naming the body, whose detail says this, and the database is unchanged. */
  private static void refused(String query, byte[] body, String contentType, String detail) throws Exception {
    TestApi.User user = io.api.newUser("America/Chicago");
    var before = DatabaseSnapshot.of(io.api.db);

    TestApi.Response r = post(user, query, body, contentType);

    assertThat(r.status()).as(r.toString()).isEqualTo(400);
    assertThat(r.header("Content-Type")).startsWith("application/problem+json");
    assertThat(r.json().get("field").asText()).isEqualTo("body");
    assertThat(r.json().get("detail").asText()).contains(detail);
    assertThat(r.body()).doesNotContain("Exception");
    assertThat(DatabaseSnapshot.of(io.api.db)).isEqualTo(before);
  }

  @Test
  void a_utf16_file_is_refused_before_anything_is_written() throws Exception {
    refused("", "{\"type\":\"note\",\"occurred_at\":\"2024-03-10T12:00:00Z\",\"data\":{\"text\":\"hi\"}}\n".getBytes(StandardCharsets.UTF_16),
        "application/x-ndjson", "line 1: the file is UTF-16");
  }

  @Test
  void latin1_bytes_in_strict_mode_are_refused_naming_the_line() throws Exception {
    byte[] csv = (String.join(",", CsvReader.COLUMNS) + "\n2024-03-09T21:45:00-06:00,,meal,snack,Crème brûlée,calories,330,kcal,\n")
        .getBytes(StandardCharsets.ISO_8859_1);
    refused("?strict=true", csv, "text/csv", "line 2: is not UTF-8 (byte 0xE8");
  }

  @Test
  void a_10_mb_single_line_in_strict_mode_is_refused_without_being_held() throws Exception {
    byte[] line = ("{\"type\":\"note\",\"occurred_at\":\"2024-03-10T12:00:00Z\",\"data\":{\"text\":\"" + "a".repeat(10 << 20) + "\"}}\n")
        .getBytes(StandardCharsets.UTF_8);
    refused("?strict=true", line, "application/x-ndjson", "line 1: is longer than 1 MiB");
  }

  @Test
  void a_csv_without_a_needed_column_is_refused_naming_it() throws Exception {
    refused("", "occurred_at,type,subtype,item,field,value,unit,note\n".getBytes(StandardCharsets.UTF_8), "text/csv",
        "line 1: the header lacks the column ended_at");
  }

  @Test
  void a_truncated_export_in_strict_mode_is_refused_and_nothing_of_it_is_written() throws Exception {
    String xml = Files.readString(org.healthtimeline.testing.SharedData.dir("apple-health-export.xml"));
    refused("?strict=true", xml.substring(0, xml.length() - 200).getBytes(StandardCharsets.UTF_8), "application/xml",
        "the XML ends before its elements are closed (a truncated export?); nothing was imported (strict)");
  }

  @Test
  void an_unknown_fhir_code_in_strict_mode_is_refused_naming_the_entry() throws Exception {
    String bundle = Files.readString(org.healthtimeline.testing.SharedData.dir("fhir-observations.json")).replace("\"2339-0\"", "\"9999-9\"");
    refused("?strict=true", bundle.getBytes(StandardCharsets.UTF_8), "application/fhir+json", "code: has no LOINC code");
  }

  @Test
  void a_json_document_that_is_not_a_bundle_is_refused() throws Exception {
    refused("?format=fhir", "{\"resourceType\":\"Patient\",\"id\":\"p\"}".getBytes(StandardCharsets.UTF_8), "application/json",
        "line 1: is a FHIR Patient, not a Bundle of Observations");
  }

  @Test
  void an_unknown_format_or_an_empty_body_names_what_is_wrong() throws Exception {
    TestApi.User user = io.api.newUser("America/Chicago");

    TestApi.Response format = post(user, "?format=pdf", "x".getBytes(StandardCharsets.UTF_8), "application/json");
    TestApi.Response empty = post(user, "", new byte[0], "application/json");

    assertThat(format.status()).isEqualTo(400);
    assertThat(format.json().get("field").asText()).isEqualTo("format");
    assertThat(empty.status()).isEqualTo(400);
    assertThat(empty.json().get("field").asText()).isEqualTo("body");
  }

  // ---- transient database errors: db.TransientErrors (its rule is tested in BackfillEngineTest) ----

  @Test
  void an_import_whose_connections_are_cut_mid_file_retries_and_ends_complete() throws Exception {
    TestApi.User user = io.api.newUser("America/Chicago");
    var lines = new StringBuilder();
    for (int i = 0; i < 20_000; i++) {
      lines.append("{\"type\":\"note\",\"occurred_at\":\"2024-03-10T12:00:00Z\",\"data\":{\"text\":\"n").append(i).append("\"}}\n");
    }
    var cutter = Thread.ofPlatform().start(() -> {
      // Ends every other connection of this database once the first batches are in, as a failover would.
      while (io.count(user.id()) == 0) Thread.onSpinWait();
      io.rows(user.id(), """
          SELECT pg_terminate_backend(pid) FROM pg_stat_activity
          WHERE datname = current_database() AND pid <> pg_backend_pid() AND application_name = 'health-timeline'
            AND ?::uuid IS NOT NULL""");
    });

    ImportSummary s = io.imports.run(user.id(), new java.io.ByteArrayInputStream(lines.toString().getBytes(StandardCharsets.UTF_8)),
        ImportFormat.NDJSON, false);
    cutter.join();

    assertThat(s.imported() + s.duplicates()).isEqualTo(20_000);
    assertThat(io.count(user.id())).isEqualTo(20_000);
  }
}
