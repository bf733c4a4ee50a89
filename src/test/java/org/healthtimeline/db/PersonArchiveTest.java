package org.healthtimeline.db;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipInputStream;
import org.healthtimeline.archive.ArchiveService;
import org.healthtimeline.archive.PersonalData;
import org.healthtimeline.testing.TestApi;
import org.healthtimeline.web.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The complete export of a person holds every table of the catalog that has their rows; beside
 * {@link UserDeletionTest}, whose person with a row in every table it archives.
 */
class PersonArchiveTest {
  static TestApi api;
  static ArchiveService archives;

  @BeforeAll
  static void up() {
    api = TestApi.start();
    archives = new ArchiveService(api.db.tx(), api.app.users());
  }

  @AfterAll
  static void down() {
    api.close();
  }

  @Test
  void the_archive_holds_every_table_of_the_catalog_with_a_persons_rows_and_its_manifest_counts_them() throws IOException {
    UUID person = api.db.tx().inTransaction(UserDeletionTest::userWithOneRowEverywhere);
    UUID other = api.db.tx().inTransaction(UserDeletionTest::userWithOneRowEverywhere);

    Map<String, String> zip = unzip(archive(person));

    JsonNode manifest = Json.read(zip.get("manifest.json"));
    assertThat(manifest.get("format").asText()).isEqualTo("health-timeline-archive");
    assertThat(manifest.get("user_id").asText()).isEqualTo(person.toString());
    var archived = new ArrayList<String>();
    for (JsonNode t : manifest.get("tables")) {
      archived.add(t.get("table").asText());
      String file = zip.get(t.get("file").asText());
      assertThat(file).as(t.get("file").asText()).isNotNull();
      assertThat(file.lines().count()).as(t.get("table").asText()).isEqualTo(t.get("rows").asLong()).isPositive();
    }
    assertThat(archived).containsAll(tablesWithUserIdInTheCatalog()).contains("users", "invite_codes");
    assertThat(zip.keySet()).hasSize(archived.size() + 1);
    assertThat(String.join("\n", zip.values())).doesNotContain(other.toString()).doesNotContain("token_hash");
  }

  @Test
  void the_timeline_and_its_history_come_as_json_objects_per_row() throws IOException {
    UUID person = api.db.tx().inTransaction(UserDeletionTest::userWithOneRowEverywhere);

    Map<String, String> zip = unzip(archive(person));

    assertThat(zip.get("tables/health_events.ndjson").lines().map(Json::read))
        .anySatisfy(event -> assertThat(event.path("data").path("total_calories").asInt()).isEqualTo(550));
    assertThat(zip.get("tables/health_event_versions.ndjson").lines().map(Json::read))
        .anySatisfy(previous -> assertThat(previous.path("data").path("total_calories").asInt()).isEqualTo(500));
    JsonNode profile = Json.read(zip.get("tables/user_profiles.ndjson").strip());
    assertThat(profile.get("user_id").asText()).isEqualTo(person.toString());
  }

  @Test
  void over_http_the_archive_streams_as_a_zip_and_an_unknown_person_is_a_404() throws Exception {
    TestApi.User alice = api.newUser();
    api.post("/v1/users/" + alice.id() + "/events", alice.token(),
        "{\"type\":\"note\",\"occurred_at\":\"2024-03-10T12:30:00Z\",\"data\":{\"text\":\"hello\"}}");

    HttpResponse<byte[]> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create(api.base() + "/v1/users/" + alice.id() + "/archive"))
        .header("Authorization", "Bearer " + alice.token()).build(), HttpResponse.BodyHandlers.ofByteArray());

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/zip");
    assertThat(r.headers().firstValue("Content-Disposition")).hasValue("attachment; filename=\"health-timeline-" + alice.id() + ".zip\"");
    assertThat(unzip(r.body()).get("tables/health_events.ndjson")).contains("\"text\":\"hello\"");
    var missing = api.get("/v1/users/" + UUID.randomUUID() + "/archive", api.serviceToken);
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.json().get("field").asText()).isEqualTo("userId");
  }

  private static byte[] archive(UUID person) {
    var out = new ByteArrayOutputStream();
    archives.write(person, out);
    return out.toByteArray();
  }

  private static Map<String, String> unzip(byte[] bytes) throws IOException {
    var files = new LinkedHashMap<String, String>();
    try (var zip = new ZipInputStream(new ByteArrayInputStream(bytes))) {
      for (var e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
        files.put(e.getName(), new String(zip.readAllBytes(), StandardCharsets.UTF_8));
      }
    }
    return files;
  }

  /** Read here independently of {@link PersonalData}, so that the test does not trust the code it checks. */
  private static List<String> tablesWithUserIdInTheCatalog() {
    return api.db.tx().read(c -> {
      var names = new ArrayList<String>();
      try (var st = c.createStatement(); var rs = st.executeQuery("""
          SELECT c.table_name FROM information_schema.columns c
          JOIN information_schema.tables t USING (table_schema, table_name)
          WHERE c.table_schema = 'public' AND c.column_name = 'user_id' AND t.table_type = 'BASE TABLE'""")) {
        while (rs.next()) names.add(rs.getString(1));
      }
      return names;
    });
  }
}
