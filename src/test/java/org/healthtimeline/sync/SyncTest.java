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

  static Map<String, Long> created(List<SyncService.TableResult> results) {
    return results.stream().collect(Collectors.toMap(SyncService.TableResult::table, SyncService.TableResult::eventsCreated));
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
  void a_row_that_cannot_become_an_event_is_counted_and_named_with_its_field_at_every_sync() {
    UUID u = user("UTC");
    UUID bad = meal(u, "2024-03-10T12:00:00Z", "lunch", "[{\"name\":\"Rice\",\"calories\":-5}]", null);
    UUID huge = meal(u, "2024-03-10T13:00:00Z", "lunch", "[]", 30000);
    UUID fine = meal(u, "2024-03-10T14:00:00Z", "lunch", "[]", 300);

    for (int run = 0; run < 2; run++) {
      var food = sync.sync().stream().filter(r -> r.table().equals("food_entries")).findFirst().orElseThrow();
      assertThat(food.eventsCreated()).isEqualTo(run == 0 ? 1 : 0);
      assertThat(food.problems().total()).isEqualTo(2);
      assertThat(food.problems().first()).extracting(SourceEvents.Problem::sourceId, SourceEvents.Problem::problem)
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
    assertThat(sql("SELECT count(*) FROM health_events")).isEqualTo(3L);
  }

  @Test
  void the_events_of_the_apis_own_writes_are_what_their_mapping_makes_of_the_rows_now() {
    UUID u = user("Europe/Berlin");
    var meal = app.food().log(u, Json.read("""
        {"occurred_at":"2024-03-10T12:30:00+01:00","meal_type":"lunch","photo_path":"/p.jpg",
         "foods":[{"name":"Rice","quantity":"1 cup","calories":205,"macros":{"protein":4,"carbs":45,"fat":0.4}}]}"""), null);
    app.food().correct(u, meal.id(), Json.read("{\"reason\":\"more rice\",\"foods\":[{\"name\":\"Rice\",\"calories\":300}]}"), "user");
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
