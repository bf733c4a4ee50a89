package org.healthtimeline.summary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.healthtimeline.summary.RollupCheck.assertRollupsEqualRecomputation;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.StringReader;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.healthtimeline.db.Database;
import org.healthtimeline.db.Migrations;
import org.healthtimeline.io.ImportFormat;
import org.healthtimeline.io.ImportService;
import org.healthtimeline.testing.TestApi;
import org.healthtimeline.testing.TestDatabases;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;

/**
 * The rollups stay equal to a recomputation from the events whatever writes them: creates, corrections (also
 * ones that move an event to another day or change its type), soft deletes, restores, late events, batches, imports,
 * the domain services (meal corrections, a dose recorded again, a tracker category renamed and deactivated), and
 * plain SQL (multi-row INSERT, UPDATE, DELETE, COPY, INSERT ... ON CONFLICT DO UPDATE, TRUNCATE).
 */
class RollupsTest {
  static TestApi api;

  @BeforeAll
  static void up() {
    api = TestApi.start();
  }

  @AfterAll
  static void down() {
    api.close();
  }

  @Test
  void a_day_of_every_kind_of_event_written_through_the_api_is_in_the_rollups_as_a_recomputation_has_it() {
    var u = api.newUser("Europe/Berlin");
    for (String e : Events.dayOfEverything("2024-02-05")) created(u, e);

    // One day; headache and nausea; Water glasses under its category_id and under its category_name; sertraline and
    // ibuprofen.
    assertThat(RollupCheck.rows(api.db)).filteredOn(r -> r.contains(u.id().toString())).hasSize(7);
    assertRollupsEqualRecomputation(api.db);
  }

  @Test
  void corrections_deletions_restores_and_late_events_keep_the_rollups_equal_to_a_recomputation() {
    var u = api.newUser("Europe/Berlin");
    List<String> ids = new ArrayList<>();
    for (String e : Events.dayOfEverything("2024-02-05")) ids.add(created(u, e));
    String meal = ids.getFirst();
    String symptom = ids.stream().filter(id -> type(u, id).equals("symptom")).findFirst().orElseThrow();
    String tracker = ids.stream().filter(id -> type(u, id).equals("tracker")).findFirst().orElseThrow();

    patch(u, meal, "{\"data\":{\"total_calories\":999}}");
    assertRollupsEqualRecomputation(api.db);
    patch(u, meal, "{\"occurred_at\":\"2024-02-09T12:00:00+01:00\"}");
    assertRollupsEqualRecomputation(api.db);
    patch(u, meal, "{\"type\":\"note\",\"data\":{\"text\":\"was a meal\"}}");
    assertRollupsEqualRecomputation(api.db);
    patch(u, symptom, "{\"data\":{\"symptom_type\":\"migraine\",\"severity\":2}}");
    assertRollupsEqualRecomputation(api.db);
    patch(u, tracker, "{\"data\":{\"data\":{\"glasses\":1}}}");
    assertRollupsEqualRecomputation(api.db);
    patch(u, tracker, "{\"occurred_at\":\"2024-02-06T09:00:00+01:00\"}");
    assertRollupsEqualRecomputation(api.db);

    for (String id : ids.subList(1, 6)) assertThat(api.delete(events(u) + "/" + id, u.token()).status()).isEqualTo(204);
    assertRollupsEqualRecomputation(api.db);
    for (String id : ids.subList(1, 4)) assertThat(api.post(events(u) + "/" + id + "/restore", u.token(), null).status()).isEqualTo(200);
    assertRollupsEqualRecomputation(api.db);

    // A late event for a day long past, and a correction sent as a create with a higher record_version.
    created(u, Events.meal("2023-11-02T13:00:00+01:00", 610, ",\"dedupe_key\":\"late\",\"record_version\":1"));
    var corrected = api.post(events(u), u.token(), Events.meal("2023-11-03T13:00:00+01:00", 640, ",\"dedupe_key\":\"late\",\"record_version\":2"));
    assertThat(corrected.status()).as(corrected.toString()).isEqualTo(200);
    assertRollupsEqualRecomputation(api.db);
  }

  @Test
  void writes_of_the_domain_services_and_deletions_of_their_events_keep_the_rollups_equal_to_a_recomputation() {
    var u = api.newUser("Europe/Berlin");
    JsonNode meal = domain(u, "/meals", """
        {"occurred_at":"2024-03-11T12:30:00+01:00","meal_type":"lunch",
         "foods":[{"name":"Chicken","calories":330,"macros":{"protein":62,"carbs":0,"fat":7}},{"name":"Rice","calories":205}]}""");
    String water = domain(u, "/tracking-categories", "{\"name\":\"Water\",\"fields\":[{\"name\":\"glasses\",\"type\":\"integer\"}]}")
        .get("id").asText();
    JsonNode glass = domain(u, "/tracking-categories/" + water + "/entries", "{\"occurred_at\":\"2024-03-11T09:00:00+01:00\",\"data\":{\"glasses\":3}}");
    domain(u, "/tracking-categories/" + water + "/entries", "{\"occurred_at\":\"2024-03-11T15:00:00+01:00\",\"data\":{\"glasses\":5}}");
    String med = domain(u, "/medications", "{\"name\":\"Metformin\",\"dose\":500,\"unit\":\"mg\",\"schedule\":{\"times\":[\"08:00\"]},\"start_date\":\"2024-03-01\"}")
        .get("id").asText();
    JsonNode dose = domain(u, "/medications/" + med + "/doses", "{\"status\":\"skipped\",\"scheduled_for\":\"2024-03-11T08:00:00+01:00\"}");
    JsonNode night = domain(u, "/sleep", "{\"bedtime\":\"2024-03-10T23:00:00+01:00\",\"wake_time\":\"2024-03-11T07:00:00+01:00\"}");
    domain(u, "/exercise", "{\"occurred_at\":\"2024-03-11T18:00:00+01:00\",\"duration_minutes\":30,\"activity_type\":\"yoga\"}");
    JsonNode symptom = domain(u, "/symptoms", "{\"occurred_at\":\"2024-03-11T10:00:00+01:00\",\"symptom_type\":\"headache\",\"severity\":4}");
    domain(u, "/stress", "{\"occurred_at\":\"2024-03-11T10:00:00+01:00\",\"stress_level\":6}");
    assertRollupsEqualRecomputation(api.db);

    // The meal corrections route: new foods, then another day.
    var r = api.post(path(u, "/meals/" + meal.get("id").asText() + "/corrections"), u.token(), """
        {"reason":"smaller","foods":[{"name":"Chicken","calories":248,"macros":{"protein":46,"carbs":0,"fat":5}}]}""");
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    assertRollupsEqualRecomputation(api.db);
    r = api.post(path(u, "/meals/" + meal.get("id").asText() + "/corrections"), u.token(), "{\"reason\":\"wrong day\",\"occurred_at\":\"2024-03-12T12:30:00+01:00\"}");
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    assertRollupsEqualRecomputation(api.db);
    // A skipped dose taken after all; a category renamed (its entries' events get the new name), then deactivated.
    r = api.post(path(u, "/medications/" + med + "/doses"), u.token(), "{\"status\":\"taken\",\"scheduled_for\":\"2024-03-11T08:00:00+01:00\"}");
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    assertRollupsEqualRecomputation(api.db);
    assertThat(api.patch(path(u, "/tracking-categories/" + water), u.token(), "{\"name\":\"Hydration\"}").status()).isEqualTo(200);
    assertRollupsEqualRecomputation(api.db);
    assertThat(api.patch(path(u, "/tracking-categories/" + water), u.token(), "{\"active\":false}").status()).isEqualTo(200);
    assertThat(RollupCheck.rows(api.db)).as("a deactivated category keeps its entries")
        .filteredOn(row -> row.contains(u.id().toString()) && row.contains("Hydration")).hasSize(1);
    assertRollupsEqualRecomputation(api.db);

    // Their events deleted on the timeline, and one restored.
    for (JsonNode written : List.of(meal, glass, dose, night, symptom)) {
      assertThat(api.delete(events(u) + "/" + eventOf(written), u.token()).status()).isEqualTo(204);
    }
    assertRollupsEqualRecomputation(api.db);
    assertThat(api.post(events(u) + "/" + eventOf(glass) + "/restore", u.token(), null).status()).isEqualTo(200);
    assertRollupsEqualRecomputation(api.db);
    assertThat(value(u, "meals", "2024-03-12")).isEqualByComparingTo("0");
    assertThat(value(u, "medication_adherence", "2024-03-11")).isNull();
  }

  @Test
  void a_correction_that_moves_an_event_takes_it_from_its_old_day_to_its_new_one() {
    var u = api.newUser("Europe/Berlin");
    String lunch = created(u, Events.meal("2024-04-10T12:00:00+02:00", 700));
    created(u, Events.meal("2024-04-10T19:00:00+02:00", 500));

    patch(u, lunch, "{\"occurred_at\":\"2024-04-12T12:00:00+02:00\"}");

    assertThat(calories(u, "2024-04-10")).isEqualByComparingTo("500");
    assertThat(calories(u, "2024-04-12")).isEqualByComparingTo("700");
    assertRollupsEqualRecomputation(api.db);
  }

  @Test
  void a_batch_and_its_replay_with_corrections_keep_the_rollups_equal_to_a_recomputation() {
    var u = api.newUser("America/New_York");
    var items = new ArrayList<String>();
    for (int d = 1; d <= 28; d++) {
      String day = "2024-02-%02d".formatted(d);
      for (String e : Events.dayOfEverything(day)) items.add(e);
    }
    var batch = api.post(events(u) + "/batch", u.token(), "{\"events\":[" + String.join(",", items) + "]}");
    assertThat(batch.status()).as(batch.toString()).isEqualTo(200);
    assertThat(batch.json().get("created").asInt()).isEqualTo(items.size());
    assertRollupsEqualRecomputation(api.db);

    var replay = new ArrayList<String>();
    for (int d = 1; d <= 28; d++) {
      replay.add(Events.meal("2024-02-%02dT08:00:00-05:00".formatted(d), 100 + d, ",\"dedupe_key\":\"b-%d\",\"record_version\":%d".formatted(d % 5, d)));
    }
    assertThat(api.post(events(u) + "/batch", u.token(), "{\"events\":[" + String.join(",", replay) + "]}").status()).isEqualTo(200);
    assertRollupsEqualRecomputation(api.db);
  }

  @Test
  void an_import_and_its_replay_with_corrections_keep_the_rollups_equal_to_a_recomputation() {
    var u = api.newUser("America/Chicago");
    var imports = new ImportService(api.db.tx(), api.app.users(), api.app.timeline());
    var lines = new ArrayList<String>();
    for (int d = 1; d <= 28; d++) lines.addAll(Events.dayOfEverything("2024-03-%02d".formatted(d)));
    var replay = new ArrayList<String>();
    for (int d = 1; d <= 28; d++) {
      replay.add(Events.meal("2024-03-%02dT08:00:00-05:00".formatted(d), 100 + d, ",\"dedupe_key\":\"i-%d\",\"record_version\":%d".formatted(d % 5, d)));
    }

    var first = imports.run(u.id(), ndjson(lines), ImportFormat.NDJSON, false);
    assertThat(first.imported()).isEqualTo(lines.size());
    assertRollupsEqualRecomputation(api.db);
    imports.run(u.id(), ndjson(replay), ImportFormat.NDJSON, true);
    assertRollupsEqualRecomputation(api.db);
  }

  /** The events as NDJSON: each on one line. */
  private static java.io.InputStream ndjson(List<String> events) {
    var file = new StringBuilder();
    for (String e : events) file.append(e.replace('\n', ' ')).append('\n');
    return new java.io.ByteArrayInputStream(file.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  @Test
  void plain_sql_writes_keep_the_rollups_equal_to_a_recomputation() throws Exception {
    var u = api.newUser("Asia/Tokyo");
    UUID id = u.id();
    sql("""
        INSERT INTO health_events (user_id, type, occurred_at, ended_at, data) VALUES
          ('%1$s', 'meal', '2024-05-01 12:00+09', NULL, '{"meal_type":"lunch","total_calories":500.25}'),
          ('%1$s', 'meal', '2024-05-01 19:00+09', NULL, '{"meal_type":"dinner","foods":[{"name":"rice","calories":200,"macros":{"carbs":45}}]}'),
          ('%1$s', 'sleep', '2024-05-01 23:00+09', '2024-05-02 06:00+09', '{"sleep_quality_rating":8}'),
          ('%1$s', 'tracker', '2024-05-01 09:00+09', NULL, '{"category_name":"Weight","data":{"kg":70.5}}'),
          ('%1$s', 'tracker', '2024-05-01 21:00+09', NULL, '{"category_name":"Weight","data":{"kg":70.1}}'),
          ('%1$s', 'symptom', '2024-05-01 10:00+09', NULL, '{"symptom_type":"cough","severity":3}'),
          ('%1$s', 'mood', '2024-05-01 10:00+09', NULL, '{"mood_rating":"seven","note":"a string where a number belongs"}'),
          ('%1$s', 'medication', '2024-05-01 08:00+09', NULL, '{"name":"vitamin d","status":"taken"}'),
          ('%1$s', 'meal', '2024-05-01 15:00+09', NULL, '{"meal_type":"snack","total_calories":90,"notes":"nul \\u0000 in text"}')
        """.formatted(id));
    assertRollupsEqualRecomputation(api.db);

    assertThat(value(u, "meals", "2024-05-01")).isEqualByComparingTo("3");
    assertThat(calories(u, "2024-05-01")).as("a snack whose data jsonb cannot hold counts, without its calories")
        .isEqualByComparingTo("700.25");
    // The timeline's own trigger compares data as jsonb on every update, so that snack can only be deleted.
    sql("DELETE FROM health_events WHERE user_id = '" + id + "' AND occurred_at = '2024-05-01 15:00+09'");
    assertRollupsEqualRecomputation(api.db);

    sql("UPDATE health_events SET data = '{\"category_name\":\"Weight\",\"data\":{\"kg\":69.9}}' WHERE user_id = '" + id
        + "' AND type = 'tracker' AND occurred_at = '2024-05-01 21:00+09'");
    sql("UPDATE health_events SET occurred_at = occurred_at + interval '1 day', ended_at = ended_at + interval '1 day' "
        + "WHERE user_id = '" + id + "' AND type IN ('sleep', 'symptom')");
    assertRollupsEqualRecomputation(api.db);

    sql("DELETE FROM health_events WHERE user_id = '" + id + "' AND type = 'tracker' AND occurred_at = '2024-05-01 09:00+09'");
    sql("UPDATE health_events SET deleted_at = now() WHERE user_id = '" + id + "' AND type = 'meal'");
    assertRollupsEqualRecomputation(api.db);

    try (var c = api.db.dataSource().getConnection()) {
      String rows = """
          %1$s,meal,2024-05-03 12:00+09,"{""meal_type"":""lunch"",""total_calories"":450}"
          %1$s,exercise,2024-05-03 18:00+09,"{""activity_type"":""run"",""duration_minutes"":30}"
          %1$s,tracker,2024-05-03 07:00+09,"{""category_name"":""Weight"",""data"":{""kg"":70}}"
          """.formatted(id);
      c.unwrap(PGConnection.class).getCopyAPI()
          .copyIn("COPY health_events (user_id, type, occurred_at, data) FROM STDIN WITH (FORMAT csv)", new StringReader(rows));
    }
    assertRollupsEqualRecomputation(api.db);

    // An upsert that corrects one stored event and creates another, in one statement.
    sql("""
        INSERT INTO health_events (user_id, type, occurred_at, data, dedupe_key) VALUES
          ('%1$s', 'meal', '2024-05-04 12:00+09', '{"meal_type":"lunch","total_calories":300}', 'sql-upsert')""".formatted(id));
    sql("""
        INSERT INTO health_events AS e (user_id, type, occurred_at, data, dedupe_key) VALUES
          ('%1$s', 'meal', '2024-05-05 12:00+09', '{"meal_type":"lunch","total_calories":333}', 'sql-upsert'),
          ('%1$s', 'meal', '2024-05-05 19:00+09', '{"meal_type":"dinner","total_calories":444}', 'sql-new')
        ON CONFLICT (user_id, id) DO UPDATE SET occurred_at = EXCLUDED.occurred_at, data = EXCLUDED.data""".formatted(id));
    assertThat(calories(u, "2024-05-04")).isNull();
    assertThat(calories(u, "2024-05-05")).isEqualByComparingTo("777");
    assertRollupsEqualRecomputation(api.db);
  }

  @Test
  void deleting_a_user_removes_their_rollups_and_leaves_everybody_elses_as_they_were() {
    var leaving = api.newUser();
    var staying = api.newUser();
    for (String e : Events.dayOfEverything("2024-03-01")) {
      created(leaving, e);
      created(staying, e);
    }
    assertThat(api.delete("/v1/users/" + leaving.id(), api.serviceToken).status()).isEqualTo(204);

    assertThat(RollupCheck.rows(api.db)).noneMatch(r -> r.contains(leaving.id().toString()));
    assertThat(RollupCheck.rows(api.db)).anyMatch(r -> r.contains(staying.id().toString()));
    assertRollupsEqualRecomputation(api.db);
  }

  @Test
  void truncating_the_timeline_empties_the_rollups() throws SQLException {
    try (Database db = TestDatabases.fresh(); var c = db.dataSource().getConnection(); var st = c.createStatement()) {
      st.execute("INSERT INTO users (id) VALUES ('00000000-0000-0000-0000-000000000001')");
      st.execute("INSERT INTO health_events (user_id, type, occurred_at, data) VALUES "
          + "('00000000-0000-0000-0000-000000000001', 'meal', now(), '{\"meal_type\":\"lunch\",\"total_calories\":1}')");
      assertThat(RollupCheck.rows(db)).isNotEmpty();

      st.execute("TRUNCATE health_events, health_event_versions");

      assertThat(RollupCheck.rows(db)).isEmpty();
    }
  }

  @Test
  void after_undo_of_the_timeline_and_migrate_the_rollups_are_rebuilt_and_kept_again() throws SQLException {
    try (Database db = TestDatabases.fresh(); var c = db.dataSource().getConnection(); var st = c.createStatement()) {
      st.execute("INSERT INTO users (id) VALUES ('00000000-0000-0000-0000-000000000002')");
      st.execute("INSERT INTO health_events (user_id, type, occurred_at, data) VALUES "
          + "('00000000-0000-0000-0000-000000000002', 'meal', now(), '{\"meal_type\":\"lunch\",\"total_calories\":1}')");

      Migrations.undo(db.dataSource(), "2");
      Migrations.migrate(db.dataSource());

      assertThat(RollupCheck.rows(db)).as("the events went with the timeline").isEmpty();
      st.execute("INSERT INTO health_events (user_id, type, occurred_at, data) VALUES "
          + "('00000000-0000-0000-0000-000000000002', 'meal', now(), '{\"meal_type\":\"lunch\",\"total_calories\":2}')");
      assertThat(RollupCheck.rows(db)).hasSize(1);
      assertRollupsEqualRecomputation(db);
    }
  }

  // ---- helpers ----

  static String events(TestApi.User u) {
    return "/v1/users/" + u.id() + "/events";
  }

  static String path(TestApi.User u, String rest) {
    return "/v1/users/" + u.id() + rest;
  }

  /** Writes through a domain route; what it answered (with the {@code event_id} of the event it made, if any). */
  private static JsonNode domain(TestApi.User u, String route, String body) {
    var r = api.post(path(u, route), u.token(), body);
    assertThat(r.status()).as(route + " " + r).isEqualTo(201);
    return r.json();
  }

  /** The event a domain write made: its {@code event_id}, or its {@code id} for the logs, whose answer is the event. */
  private static String eventOf(JsonNode written) {
    return (written.has("event_id") ? written.get("event_id") : written.get("id")).asText();
  }

  private static String created(TestApi.User u, String event) {
    var r = api.post(events(u), u.token(), event);
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    return r.json().get("id").asText();
  }

  private static void patch(TestApi.User u, String id, String patch) {
    var r = api.patch(events(u) + "/" + id, u.token(), patch);
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
  }

  private static String type(TestApi.User u, String id) {
    return api.get(events(u) + "/" + id, u.token()).json().get("type").asText();
  }

  private static BigDecimal calories(TestApi.User u, String day) {
    return value(u, "calories", day);
  }

  private static BigDecimal value(TestApi.User u, String metric, String day) {
    var r = api.get("/v1/users/" + u.id() + "/aggregates?metric=" + metric + "&from=" + day + "&to=" + day, u.token());
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    JsonNode value = r.json().get("buckets").get(0).get("value");
    return value.isNull() ? null : value.decimalValue();
  }

  private static void sql(String statement) {
    api.db.tx().inTransaction(c -> {
      try (var st = c.createStatement()) {
        st.execute(statement);
      }
      return null;
    });
  }
}
