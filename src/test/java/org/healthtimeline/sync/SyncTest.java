package org.healthtimeline.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.healthtimeline.App;
import org.healthtimeline.db.Database;
import org.healthtimeline.testing.DatabaseSnapshot;
import org.healthtimeline.testing.TestDatabases;
import org.healthtimeline.timeline.EventSchemas;
import org.healthtimeline.timeline.EventType;
import org.healthtimeline.web.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Rows that another program writes straight into the domain tables with SQL reach the timeline after one sync;
 * a second sync changes nothing; rows that cannot become events are reported by name, never dropped.
 */
class SyncTest {
  Database db;
  App app;
  SyncService sync;

  @BeforeEach
  void up() {
    db = TestDatabases.fresh();
    app = new App(db);
    sync = new SyncService(db.tx(), Sources.ALL);
  }

  @AfterEach
  void down() {
    app.close();
    db.close();
  }

  UUID user(String zone) {
    return app.users().create(Json.read("{\"time_zone\":\"" + zone + "\"}")).id();
  }

  /** Runs SQL as another program would, returning the first column of the first row if there is one. */
  Object sql(String sql, Object... params) {
    return db.tx().read(c -> {
      try (var st = c.prepareStatement(sql)) {
        for (int i = 0; i < params.length; i++) st.setObject(i + 1, params[i]);
        if (!st.execute()) return null;
        try (var rs = st.getResultSet()) {
          return rs.next() ? rs.getObject(1) : null;
        }
      }
    });
  }

  UUID meal(UUID user, String occurredAt, String mealType, String foods, Integer calories) {
    return (UUID) sql("""
        INSERT INTO food_entries (user_id, occurred_at, meal_type, foods, total_calories)
        VALUES (?, ?::timestamptz, ?, ?::jsonb, ?) RETURNING id""", user, occurredAt, mealType, foods, calories);
  }

  JsonNode event(UUID user, String table, UUID sourceId) {
    Object json = sql("""
        SELECT json_build_object('type', type, 'subtype', subtype, 'occurred_at', occurred_at, 'ended_at', ended_at,
          'utc_offset_min', utc_offset_min, 'data', data, 'source_table', source_table, 'source_id', source_id)::text
        FROM health_events WHERE user_id = ? AND source_table = ? AND source_id = ?""", user, table, sourceId.toString());
    return json == null ? null : Json.read((String) json);
  }

  static Map<String, Long> created(List<BackfillEngine.Summary> results) {
    return results.stream().collect(Collectors.toMap(BackfillEngine.Summary::table, BackfillEngine.Summary::migrated));
  }

  @Test
  void rows_written_with_plain_sql_are_on_the_timeline_after_one_sync_and_a_second_sync_changes_nothing() {
    UUID berlin = user("Europe/Berlin");
    UUID chicago = user("America/Chicago");
    UUID lunch = meal(berlin, "2024-03-10T12:30:00+01:00", "lunch",
        "[{\"name\":\"Chicken breast\",\"quantity\":\"200g\",\"calories\":330}]", 330);
    UUID untyped = meal(berlin, "2024-07-10T08:00:00+02:00", null, "[]", 400);
    UUID dinner = meal(chicago, "2024-03-10T19:00:00-05:00", "dinner", "[{\"name\":\"Soup\"}]", null);
    assertThat(event(berlin, "food_entries", lunch)).isNull();

    assertThat(created(sync.sync())).containsEntry("food_entries", 3L);

    JsonNode e = event(berlin, "food_entries", lunch);
    assertThat(e.get("type").asText()).isEqualTo("meal");
    assertThat(e.get("subtype").asText()).isEqualTo("lunch");
    assertThat(e.get("utc_offset_min").asInt()).isEqualTo(60);
    assertThat(e.get("data")).isEqualTo(Json.read("""
        {"meal_type":"lunch","total_calories":330,"foods":[{"name":"Chicken breast","quantity":"200g","calories":330}]}"""));
    assertThat(event(berlin, "food_entries", untyped).get("data").get("meal_type").asText()).isEqualTo("other");
    assertThat(event(berlin, "food_entries", untyped).get("utc_offset_min").asInt()).isEqualTo(120);
    assertThat(event(chicago, "food_entries", dinner).get("utc_offset_min").asInt()).isEqualTo(-300);
    // The event has the id its lineage derives, so the API finds the meal's event.
    assertThat(app.food().get(berlin, lunch).eventId()).isEqualTo(
        org.healthtimeline.timeline.EventKeys.forSource(berlin, "food_entries", lunch.toString()));

    var before = DatabaseSnapshot.of(db);
    assertThat(created(sync.sync())).containsEntry("food_entries", 0L);
    assertThat(DatabaseSnapshot.of(db)).isEqualTo(before);
  }

  @Test
  void nights_and_workouts_written_with_sql_become_interval_events_after_one_sync() {
    UUID u = user("America/Chicago");
    UUID night = (UUID) sql("""
        INSERT INTO sleep_entries (user_id, bedtime, wake_time, total_sleep_hours, sleep_quality_rating, disruptions)
        VALUES (?, '2024-03-09T23:10:00-06:00', '2024-03-10T06:40:00-05:00', 6.25, 7, '["dst"]') RETURNING id""", u);
    UUID quiz = (UUID) sql("INSERT INTO sleep_entries (user_id, logged_at, sleep_quality_rating) VALUES (?, '2024-03-11T09:00:00Z', 4) RETURNING id", u);
    UUID run = (UUID) sql("""
        INSERT INTO exercise_entries (user_id, occurred_at, ended_at, duration_minutes, activity_type, intensity)
        VALUES (?, '2024-03-11T07:00:00-05:00', '2024-03-11T07:36:30-05:00', 36.5, 'running', 'high') RETURNING id""", u);

    assertThat(created(sync.sync())).containsEntry("sleep_entries", 2L).containsEntry("exercise_entries", 1L);

    JsonNode e = event(u, "sleep_entries", night);
    assertThat(e.get("occurred_at").asText()).startsWith("2024-03-10T05:10:00");
    assertThat(e.get("ended_at").asText()).startsWith("2024-03-10T11:40:00");
    assertThat(e.get("data")).isEqualTo(Json.read("""
        {"bedtime":"23:10","wake_time":"06:40","total_sleep_hours":6.25,"sleep_quality_rating":7,"disruptions":["dst"]}"""));
    JsonNode q = event(u, "sleep_entries", quiz);
    assertThat(q.get("occurred_at").asText()).startsWith("2024-03-11T09:00:00");
    assertThat(q.get("ended_at").isNull()).isTrue();
    JsonNode w = event(u, "exercise_entries", run);
    assertThat(w.get("subtype").asText()).isEqualTo("running");
    assertThat(w.get("ended_at").asText()).startsWith("2024-03-11T12:36:30");
    assertThat(w.get("data")).isEqualTo(Json.read("{\"activity_type\":\"running\",\"duration_minutes\":36.5,\"intensity\":\"high\"}"));
    assertThat(created(sync.sync())).containsEntry("sleep_entries", 0L).containsEntry("exercise_entries", 0L);
  }

  @Test
  void tracker_entries_written_with_sql_become_events_of_their_category_after_one_sync() {
    UUID u = user("UTC");
    UUID water = (UUID) sql("""
        INSERT INTO tracking_categories (user_id, name, fields)
        VALUES (?, 'Water', '{"fields":[{"name":"glasses","type":"number","required":true,"min":0,"max":20}]}') RETURNING id""", u);
    UUID entry = (UUID) sql("""
        INSERT INTO tracking_entries (user_id, category_id, occurred_at, data, notes)
        VALUES (?, ?, '2024-03-10T09:00:00Z', '{"glasses":8}', 'felt hydrated') RETURNING id""", u, water);

    assertThat(created(sync.sync())).containsEntry("tracking_entries", 1L);
    JsonNode e = event(u, "tracking_entries", entry);
    assertThat(e.get("subtype").asText()).isEqualTo("Water");
    assertThat(e.get("data")).isEqualTo(Json.read("""
        {"category_id":"%s","category_name":"Water","data":{"glasses":8},"notes":"felt hydrated"}""".formatted(water)));
    // A category in seed 003's shape ({"fields": [...]}) checks the entries logged through the API too.
    assertThat(app.tracking().log(u, water, Json.read("{\"data\":{\"glasses\":2.5}}"), null).eventVersion()).isEqualTo(1);
    assertThat(created(sync.sync())).containsEntry("tracking_entries", 0L);
  }

  @Test
  void a_row_that_cannot_become_an_event_is_counted_and_named_with_its_field_at_every_sync() {
    UUID u = user("UTC");
    UUID bad = meal(u, "2024-03-10T12:00:00Z", "lunch", "[{\"name\":\"Rice\",\"calories\":-5}]", null);
    UUID huge = meal(u, "2024-03-10T13:00:00Z", "lunch", "[]", 30000);
    UUID fine = meal(u, "2024-03-10T14:00:00Z", "lunch", "[]", 300);

    UUID longLatency = (UUID) sql("INSERT INTO sleep_entries (user_id, sleep_latency_minutes) VALUES (?, 2000) RETURNING id", u);
    UUID extreme = (UUID) sql("INSERT INTO exercise_entries (user_id, activity_type, intensity) VALUES (?, 'run', 'extreme') RETURNING id", u);

    for (int run = 0; run < 2; run++) {
      var results = sync.sync();
      assertThat(results).filteredOn(r -> !r.table().equals("food_entries"))
          .flatExtracting(BackfillEngine.Summary::examples).extracting(BackfillEngine.Failure::sourceId, BackfillEngine.Failure::reason)
          .containsExactlyInAnyOrder(
              org.assertj.core.groups.Tuple.tuple(longLatency.toString(), "sleep_latency_minutes: must be at most 1440"),
              org.assertj.core.groups.Tuple.tuple(extreme.toString(), "intensity: must be one of low, moderate, high, very_high"));
      var food = results.stream().filter(r -> r.table().equals("food_entries")).findFirst().orElseThrow();
      assertThat(food.migrated()).isEqualTo(run == 0 ? 1 : 0);
      assertThat(food.failed()).isEqualTo(2);
      assertThat(food.examples()).extracting(BackfillEngine.Failure::sourceId, BackfillEngine.Failure::reason)
          .containsExactlyInAnyOrder(
              org.assertj.core.groups.Tuple.tuple(bad.toString(), "foods[0].calories: must be a number from 0 to 20000"),
              org.assertj.core.groups.Tuple.tuple(huge.toString(), "total_calories: must be at most 20000"));
    }
    assertThat(event(u, "food_entries", bad)).isNull();
    assertThat(event(u, "food_entries", fine)).isNotNull();
  }

  @Test
  void every_event_a_mapping_makes_is_valid_against_its_types_schema() {
    UUID u = user("Asia/Tokyo");
    meal(u, "2024-03-10T12:00:00Z", null, "[]", null);
    meal(u, "2024-03-10T12:00:00Z", "snack", "[{\"name\":\"Nuts\",\"quantity\":30,\"macros\":{\"fat\":15,\"fibre\":3}}]", 180);
    meal(u, "2024-03-10T12:00:00Z", "dinner", "[{\"name\":\"Soup\",\"calories\":120.5,\"extra\":null}]", 121);
    sql("UPDATE food_entries SET total_macros = '{\"protein\":3}', notes = 'n', photo_path = 'p' WHERE meal_type = 'snack'");
    sql("""
        INSERT INTO sleep_entries (user_id, bedtime, wake_time, sleep_latency_minutes, total_sleep_hours, night_wakings,
          sleep_quality_rating, alertness_rating, phone_usage, phone_duration_minutes, disruptions)
        VALUES (?, '2024-03-09T23:00:00Z', '2024-03-10T07:00:00Z', 10, 7.5, 2, 8, 7, true, 20, '["noise","bathroom"]')""", u);
    sql("INSERT INTO sleep_entries (user_id) VALUES (?)", u);
    sql("INSERT INTO exercise_entries (user_id, activity_type, duration_minutes, notes) VALUES (?, 'yoga', 30, 'calm')", u);
    UUID water = (UUID) sql("INSERT INTO tracking_categories (user_id, name, fields) VALUES (?, 'Water', '[]') RETURNING id", u);
    sql("INSERT INTO tracking_entries (user_id, category_id, data) VALUES (?, ?, '{\"glasses\":null,\"x\":[1]}')", u, water);
    sync.sync();

    var schemas = new EventSchemas();
    var problems = new ArrayList<String>();
    db.tx().read(c -> {
      try (var st = c.createStatement(); var rs = st.executeQuery("SELECT type, data, source_id FROM health_events")) {
        while (rs.next()) {
          var type = EventType.fromWire(rs.getString(1)).orElseThrow();
          schemas.validate(type, Json.read(rs.getString(2)), "data").forEach(p -> problems.add(p.field() + ": " + p.message()));
        }
      }
      return null;
    });
    assertThat(problems).isEmpty();
    assertThat(sql("SELECT count(*) FROM health_events")).isEqualTo(7L);
  }

  @Test
  void the_events_of_the_apis_own_writes_are_what_their_mapping_makes_of_the_rows_now() {
    UUID u = user("Europe/Berlin");
    var meal = app.food().log(u, Json.read("""
        {"occurred_at":"2024-03-10T12:30:00+01:00","meal_type":"lunch","photo_path":"/p.jpg",
         "foods":[{"name":"Rice","quantity":"1 cup","calories":205,"macros":{"protein":4,"carbs":45,"fat":0.4}}]}"""), null);
    app.food().correct(u, meal.id(), Json.read("{\"reason\":\"more rice\",\"foods\":[{\"name\":\"Rice\",\"calories\":300}]}"), "user");
    app.sleep().log(u, Json.read("""
        {"bedtime":"2024-10-26T23:00:00+02:00","wake_time":"2024-10-27T07:00:00+01:00","sleep_latency_minutes":5,
         "disruptions":["noise"],"phone_duration_minutes":4,"sleep_quality_rating":8,"alertness_rating":7,"night_wakings":0}"""), null);
    app.exercise().log(u, Json.read("{\"occurred_at\":\"2024-03-11T07:00:00Z\",\"duration_minutes\":20.25,\"activity_type\":\"hiit\"}"), null);
    var water = app.tracking().createCategory(u, Json.read("{\"name\":\"Water\",\"fields\":[{\"name\":\"glasses\",\"type\":\"integer\"}]}"));
    app.tracking().log(u, water.id(), Json.read("{\"data\":{\"glasses\":4},\"notes\":\"tea\"}"), null);
    app.tracking().updateCategory(u, water.id(), Json.read("{\"name\":\"Hydration\"}"));
    int changed = db.tx().inTransaction(c -> {
      int n = 0;
      for (SourceMapping m : Sources.ALL) n += SourceEvents.refresh(c, m, "true");
      return n;
    });
    assertThat(changed).isZero();
  }

  @Test
  void serve_runs_the_sync_in_the_background() throws InterruptedException {
    UUID u = user("UTC");
    UUID row = meal(u, "2024-03-10T12:00:00Z", "lunch", "[]", 300);
    app.background().start(Duration.ofMillis(100));
    for (int i = 0; i < 200 && event(u, "food_entries", row) == null; i++) Thread.sleep(100);
    assertThat(event(u, "food_entries", row)).isNotNull();
  }
}
