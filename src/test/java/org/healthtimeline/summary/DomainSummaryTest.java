package org.healthtimeline.summary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.healthtimeline.summary.AggregatesApiTest.buckets;
import static org.healthtimeline.summary.RollupCheck.assertRollupsEqualRecomputation;

import com.fasterxml.jackson.databind.JsonNode;
import org.healthtimeline.sync.Sources;
import org.healthtimeline.sync.SyncService;
import org.healthtimeline.testing.TestApi;
import org.healthtimeline.testing.TestSql;
import org.healthtimeline.web.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Each metric from what the domain services write (meals and their corrections, nights, workouts, custom trackers,
 * moods, stress and symptoms), through their own routes, read back by the aggregates and the daily summary.
 */
class DomainSummaryTest {
  static TestApi api;

  @BeforeAll
  static void up() {
    api = TestApi.start();
  }

  @AfterAll
  static void down() {
    api.close();
  }

  @AfterEach
  void rollupsStillEqualARecomputation() {
    assertRollupsEqualRecomputation(api.db);
  }

  @Test
  void meals_count_once_with_their_corrected_figures_on_the_day_a_correction_moves_them_to() {
    var u = api.newUser("Europe/Berlin");
    String lunch = created(u, "/meals", """
        {"occurred_at":"2024-03-11T12:30:00+01:00","meal_type":"lunch",
         "foods":[{"name":"Chicken breast","quantity":"200g","calories":330,"macros":{"protein":62,"carbs":0,"fat":7}},
                  {"name":"Rice","quantity":"1 cup","calories":205,"macros":{"protein":4,"carbs":45,"fat":0.4}}]}""");
    created(u, "/meals", "{\"occurred_at\":\"2024-03-11T19:00:00+01:00\",\"meal_type\":\"dinner\",\"total_calories\":700}");
    String breakfast = created(u, "/meals", """
        {"occurred_at":"2024-03-12T08:00:00+01:00","meal_type":"breakfast","total_calories":400,
         "total_macros":{"protein":20,"carbs":50,"fat":10}}""");
    assertThat(buckets(aggregates(u, "metric=calories&from=2024-03-11&to=2024-03-12")))
        .containsExactly("2024-03-11..2024-03-11 1235 (2)", "2024-03-12..2024-03-12 400 (1)");

    corrected(u, lunch, """
        {"reason":"the portion was smaller",
         "foods":[{"name":"Chicken breast","quantity":"150g","calories":248,"macros":{"protein":46,"carbs":0,"fat":5}}]}""");
    corrected(u, breakfast, "{\"reason\":\"logged a day late\",\"occurred_at\":\"2024-03-11T08:00:00+01:00\"}");

    assertThat(buckets(aggregates(u, "metric=calories&from=2024-03-11&to=2024-03-12")))
        .containsExactly("2024-03-11..2024-03-11 1348 (3)", "2024-03-12..2024-03-12 null (0)");
    assertThat(buckets(aggregates(u, "metric=meals&from=2024-03-11&to=2024-03-12")))
        .containsExactly("2024-03-11..2024-03-11 3 (3)", "2024-03-12..2024-03-12 0 (0)");
    JsonNode m = daily(u, "2024-03-11");
    assertThat(m.get("calories")).isEqualTo(Json.read("{\"value\":1348,\"count\":3}"));
    assertThat(m.get("protein")).isEqualTo(Json.read("{\"value\":66,\"count\":3}"));
    assertThat(m.get("carbs")).isEqualTo(Json.read("{\"value\":50,\"count\":3}"));
    assertThat(m.get("fat")).isEqualTo(Json.read("{\"value\":15,\"count\":3}"));
  }

  @Test
  void nights_count_on_the_day_of_waking_with_their_real_length_across_both_dst_changes() {
    var u = api.newUser("Europe/Berlin");
    // Across midnight: 7.5 hours in bed, 15 minutes to fall asleep.
    created(u, "/sleep", """
        {"bedtime":"2024-03-29T23:10:00+01:00","wake_time":"2024-03-30T06:40:00+01:00","sleep_latency_minutes":15,
         "sleep_quality_rating":6}""");
    // The clocks go forward at 02:00: 23:10 to 06:40 is 6.5 hours in bed. And a nap that afternoon.
    created(u, "/sleep", """
        {"bedtime":"2024-03-30T23:10:00+01:00","wake_time":"2024-03-31T06:40:00+02:00","sleep_latency_minutes":15,
         "sleep_quality_rating":8}""");
    created(u, "/sleep", "{\"bedtime\":\"2024-03-31T14:00:00+02:00\",\"wake_time\":\"2024-03-31T15:00:00+02:00\"}");
    // The clocks go back at 03:00: 23:00 to 07:00 is 9 hours in bed.
    created(u, "/sleep", "{\"bedtime\":\"2024-10-26T23:00:00+02:00\",\"wake_time\":\"2024-10-27T07:00:00+01:00\"}");

    assertThat(buckets(aggregates(u, "metric=sleep_hours&from=2024-03-29&to=2024-03-31"))).containsExactly(
        "2024-03-29..2024-03-29 null (0)", "2024-03-30..2024-03-30 7.25 (1)", "2024-03-31..2024-03-31 7.25 (2)");
    assertThat(buckets(aggregates(u, "metric=sleep_quality&from=2024-03-30&to=2024-03-31")))
        .containsExactly("2024-03-30..2024-03-30 6 (1)", "2024-03-31..2024-03-31 8 (1)");
    assertThat(buckets(aggregates(u, "metric=sleep_hours&from=2024-10-26&to=2024-10-27")))
        .containsExactly("2024-10-26..2024-10-26 null (0)", "2024-10-27..2024-10-27 9 (1)");
    assertThat(daily(u, "2024-03-31").get("sleep_hours")).isEqualTo(Json.read("{\"value\":7.25,\"count\":2}"));
  }

  @Test
  void a_night_the_bot_logged_without_a_bedtime_counts_on_the_day_it_was_logged_not_the_next() {
    var u = api.newUser("Europe/Berlin");
    // Seed 000's bot writes a row when the quiz is answered, with the wake time and no bedtime; sync makes its
    // event at logged_at, with the wake time's clock (06:30) earlier than the clock of the event (08:15).
    TestSql.execute(api.db, """
        INSERT INTO sleep_entries (user_id, logged_at, wake_time, total_sleep_hours, sleep_quality_rating)
        VALUES ('%s', '2024-04-02 08:15+02', '2024-04-02 06:30+02', 7, 7)""".formatted(u.id()));
    new SyncService(api.db.tx(), Sources.ALL).sync();

    assertThat(buckets(aggregates(u, "metric=sleep_hours&from=2024-04-02&to=2024-04-03")))
        .containsExactly("2024-04-02..2024-04-02 7 (1)", "2024-04-03..2024-04-03 null (0)");
  }

  @Test
  void workouts_count_their_minutes_as_given_or_from_their_end_on_the_day_they_began() {
    var u = api.newUser("America/New_York");
    created(u, "/exercise", """
        {"occurred_at":"2024-03-11T07:00:00-04:00","duration_minutes":45,"activity_type":"running","distance_km":8.2}""");
    created(u, "/exercise", """
        {"occurred_at":"2024-03-11T18:00:00-04:00","ended_at":"2024-03-11T18:30:00-04:00","activity_type":"yoga"}""");
    created(u, "/exercise", """
        {"occurred_at":"2024-03-11T23:30:00-04:00","ended_at":"2024-03-12T00:20:00-04:00","activity_type":"walking"}""");

    assertThat(buckets(aggregates(u, "metric=exercise_minutes&from=2024-03-11&to=2024-03-12")))
        .containsExactly("2024-03-11..2024-03-11 125 (3)", "2024-03-12..2024-03-12 0 (0)");
    assertThat(daily(u, "2024-03-11").get("exercise_minutes")).isEqualTo(Json.read("{\"value\":125,\"count\":3}"));
  }

  @Test
  void moods_stress_and_symptoms_logged_through_their_routes_are_averaged_and_counted_per_type() {
    var u = api.newUser("Europe/Berlin");
    created(u, "/moods", "{\"occurred_at\":\"2024-03-11T09:00:00+01:00\",\"mood_rating\":7,\"emotions\":[\"calm\"]}");
    created(u, "/moods", "{\"occurred_at\":\"2024-03-11T21:00:00+01:00\",\"mood_rating\":4}");
    created(u, "/stress", "{\"occurred_at\":\"2024-03-11T10:00:00+01:00\",\"stress_level\":7,\"triggers\":[\"deadline\"]}");
    created(u, "/stress", "{\"occurred_at\":\"2024-03-11T18:00:00+01:00\",\"stress_level\":2.5}");
    created(u, "/symptoms", "{\"occurred_at\":\"2024-03-11T11:00:00+01:00\",\"symptom_type\":\"Headache\",\"severity\":6}");
    created(u, "/symptoms", "{\"occurred_at\":\"2024-03-11T16:00:00+01:00\",\"symptom_type\":\"headache\",\"severity\":3}");
    created(u, "/symptoms", "{\"occurred_at\":\"2024-03-12T08:00:00+01:00\",\"symptom_type\":\"nausea\",\"severity\":2}");

    assertThat(buckets(aggregates(u, "metric=mood&from=2024-03-11&to=2024-03-12")))
        .containsExactly("2024-03-11..2024-03-11 5.5 (2)", "2024-03-12..2024-03-12 null (0)");
    assertThat(buckets(aggregates(u, "metric=stress&from=2024-03-11&to=2024-03-12")))
        .containsExactly("2024-03-11..2024-03-11 4.75 (2)", "2024-03-12..2024-03-12 null (0)");
    JsonNode week = aggregates(u, "metric=symptoms&bucket=week&from=2024-03-11&to=2024-03-17").get("buckets").get(0);
    assertThat(week.get("value").asInt()).isEqualTo(3);
    assertThat(week.get("by_type")).isEqualTo(Json.read("""
        {"headache":{"count":2,"max_severity":6},"nausea":{"count":1,"max_severity":2}}"""));
    JsonNode m = daily(u, "2024-03-11");
    assertThat(m.get("mood")).isEqualTo(Json.read("{\"value\":5.5,\"count\":2}"));
    assertThat(m.get("stress")).isEqualTo(Json.read("{\"value\":4.75,\"count\":2}"));
    assertThat(m.get("symptoms").get("by_type")).isEqualTo(Json.read("{\"headache\":{\"count\":2,\"max_severity\":6}}"));
  }

  @Test
  void tracker_entries_keep_their_figures_when_their_category_is_renamed_and_deactivated() {
    var u = api.newUser("Europe/Berlin");
    String water = created(u, "/tracking-categories",
        "{\"name\":\"Water\",\"fields\":[{\"name\":\"glasses\",\"type\":\"integer\",\"required\":true,\"min\":0,\"max\":30}]}");
    String bp = created(u, "/tracking-categories", """
        {"name":"Blood Pressure","fields":[{"name":"systolic","type":"integer","required":true},
          {"name":"diastolic","type":"integer","required":true},{"name":"arm","type":"choice","choices":["left","right"]}]}""");
    created(u, "/tracking-categories/" + water + "/entries", "{\"occurred_at\":\"2024-03-11T09:00:00+01:00\",\"data\":{\"glasses\":3}}");
    created(u, "/tracking-categories/" + water + "/entries", "{\"occurred_at\":\"2024-03-11T15:00:00+01:00\",\"data\":{\"glasses\":5}}");
    created(u, "/tracking-categories/" + bp + "/entries",
        "{\"occurred_at\":\"2024-03-11T07:30:00+01:00\",\"data\":{\"systolic\":121,\"diastolic\":79,\"arm\":\"left\"}}");

    patched(u, "/tracking-categories/" + water, "{\"name\":\"Hydration\"}");
    patched(u, "/tracking-categories/" + water, "{\"active\":false}");

    String glasses = "field=glasses&stat=sum&from=2024-03-11&to=2024-03-11&category=";
    assertThat(buckets(aggregates(u, "metric=tracker&" + glasses + "Hydration"))).containsExactly("2024-03-11..2024-03-11 8 (2)");
    assertThat(buckets(aggregates(u, "metric=tracker&" + glasses + water))).containsExactly("2024-03-11..2024-03-11 8 (2)");
    var oldName = api.get(path(u, "/aggregates?metric=tracker&" + glasses + "Water"), u.token());
    assertThat(oldName.status()).as("no event carries the old name any more").isEqualTo(400);
    assertThat(oldName.json().get("field").asText()).isEqualTo("category");
    var trackers = api.get(path(u, "/summary/daily?date=2024-03-11"), u.token()).json().get("trackers");
    assertThat(trackers).containsExactlyInAnyOrderElementsOf(Json.read("""
        [{"category_id":"%1$s","category_name":"Blood Pressure","field":"diastolic","count":1,"sum":79,"avg":79,"min":79,"max":79,"last":79},
         {"category_id":"%1$s","category_name":"Blood Pressure","field":"systolic","count":1,"sum":121,"avg":121,"min":121,"max":121,"last":121},
         {"category_id":"%2$s","category_name":"Hydration","field":"glasses","count":2,"sum":8,"avg":4,"min":3,"max":5,"last":5}]"""
        .formatted(bp, water)));
  }

  // ---- helpers ----

  private static String created(TestApi.User u, String route, String body) {
    var r = api.post(path(u, route), u.token(), body);
    assertThat(r.status()).as(route + " " + r).isEqualTo(201);
    return r.json().get("id") == null ? null : r.json().get("id").asText();
  }

  private static void corrected(TestApi.User u, String meal, String body) {
    var r = api.post(path(u, "/meals/" + meal + "/corrections"), u.token(), body);
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
  }

  private static void patched(TestApi.User u, String route, String body) {
    var r = api.patch(path(u, route), u.token(), body);
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
  }

  private static JsonNode aggregates(TestApi.User u, String query) {
    var r = api.get(path(u, "/aggregates?" + query), u.token());
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    return r.json();
  }

  /** The metrics of the daily summary of {@code day}. */
  private static JsonNode daily(TestApi.User u, String day) {
    var r = api.get(path(u, "/summary/daily?date=" + day), u.token());
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    return r.json().get("metrics");
  }

  private static String path(TestApi.User u, String rest) {
    return "/v1/users/" + u.id() + rest;
  }
}
