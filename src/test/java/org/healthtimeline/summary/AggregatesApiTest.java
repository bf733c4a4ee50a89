package org.healthtimeline.summary;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.healthtimeline.testing.TestApi;
import org.healthtimeline.web.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What each metric adds up to, per day, ISO week and month, with empty buckets present; and the daily summary. */
class AggregatesApiTest {
  static TestApi api;
  /** Europe/Berlin, with {@link Events#dayOfEverything} on Monday 2024-02-05 and a little on the days after. */
  static TestApi.User user;

  @BeforeAll
  static void up() {
    api = TestApi.start();
    user = api.newUser("Europe/Berlin");
    for (String e : Events.dayOfEverything("2024-02-05")) post(user, e);
    post(user, Events.sleep("2024-02-05T23:30:00+01:00", "2024-02-06T06:30:00+01:00",
        "{\"total_sleep_hours\":6.5,\"sleep_quality_rating\":5}"));
    post(user, Events.medication("2024-02-06T08:00:00+01:00", "taken"));
    post(user, Events.medication("2024-02-06T20:00:00+01:00", "taken"));
    post(user, Events.meal("2024-02-12T13:00:00+01:00", 800));
    post(user, Events.mood("2024-02-12T09:00:00+01:00", 4));
  }

  @AfterAll
  static void down() {
    api.close();
  }

  @Test
  void calories_per_day_are_the_meals_totals_or_their_foods_and_null_on_a_day_without_a_meal() {
    JsonNode r = aggregates("metric=calories&from=2024-02-04&to=2024-02-06");
    assertThat(r.get("metric").asText()).isEqualTo("calories");
    assertThat(r.get("bucket").asText()).isEqualTo("day");
    assertThat(r.get("unit").asText()).isEqualTo("kcal");
    assertThat(r.get("time_zone").asText()).isEqualTo("Europe/Berlin");
    assertThat(buckets(r)).containsExactly(
        "2024-02-04..2024-02-04 null (0)", "2024-02-05..2024-02-05 1650.5 (3)", "2024-02-06..2024-02-06 null (0)");
  }

  @Test
  void macros_add_the_total_macros_or_else_the_foods_macros() {
    assertThat(buckets(aggregates("metric=protein&from=2024-02-05&to=2024-02-05"))).containsExactly("2024-02-05..2024-02-05 50 (3)");
    assertThat(buckets(aggregates("metric=carbs&from=2024-02-05&to=2024-02-05"))).containsExactly("2024-02-05..2024-02-05 100 (3)");
    assertThat(buckets(aggregates("metric=fat&from=2024-02-05&to=2024-02-05"))).containsExactly("2024-02-05..2024-02-05 27 (3)");
  }

  @Test
  void meals_and_exercise_minutes_are_zero_on_an_empty_day() {
    assertThat(buckets(aggregates("metric=meals&from=2024-02-05&to=2024-02-06")))
        .containsExactly("2024-02-05..2024-02-05 3 (3)", "2024-02-06..2024-02-06 0 (0)");
    assertThat(buckets(aggregates("metric=exercise_minutes&from=2024-02-05&to=2024-02-06")))
        .containsExactly("2024-02-05..2024-02-05 75 (2)", "2024-02-06..2024-02-06 0 (0)");
  }

  @Test
  void a_night_counts_on_the_day_its_sleeper_woke_up() {
    assertThat(buckets(aggregates("metric=sleep_hours&from=2024-02-04&to=2024-02-07"))).containsExactly(
        "2024-02-04..2024-02-04 null (0)", "2024-02-05..2024-02-05 8 (1)", "2024-02-06..2024-02-06 6.5 (1)",
        "2024-02-07..2024-02-07 null (0)");
    assertThat(buckets(aggregates("metric=sleep_quality&bucket=week&from=2024-02-05&to=2024-02-11")))
        .containsExactly("2024-02-05..2024-02-11 6 (2)");
  }

  @Test
  void averages_are_over_every_reading_of_the_bucket_not_over_daily_averages() {
    // Monday: 6 and 8; the Monday after: 4. Two weeks of one bucket each, then one bucket for both.
    assertThat(buckets(aggregates("metric=mood&bucket=week&from=2024-02-05&to=2024-02-18")))
        .containsExactly("2024-02-05..2024-02-11 7 (2)", "2024-02-12..2024-02-18 4 (1)");
    assertThat(buckets(aggregates("metric=mood&bucket=month&from=2024-02-01&to=2024-02-29")))
        .containsExactly("2024-02-01..2024-02-29 6 (3)");
  }

  @Test
  void weeks_start_on_monday_and_the_first_and_last_bucket_are_cut_to_the_range() {
    assertThat(buckets(aggregates("metric=calories&bucket=week&from=2024-02-01&to=2024-02-14"))).containsExactly(
        "2024-02-01..2024-02-04 null (0)", "2024-02-05..2024-02-11 1650.5 (3)", "2024-02-12..2024-02-14 800 (1)");
  }

  @Test
  void months_are_calendar_months_and_empty_ones_are_present() {
    assertThat(buckets(aggregates("metric=meals&bucket=month&from=2024-01-15&to=2024-03-10"))).containsExactly(
        "2024-01-15..2024-01-31 0 (0)", "2024-02-01..2024-02-29 4 (4)", "2024-03-01..2024-03-10 0 (0)");
  }

  @Test
  void a_year_of_daily_buckets_has_one_bucket_per_day() {
    JsonNode r = aggregates("metric=calories&from=2024-01-01&to=2024-12-31");
    assertThat(r.get("buckets")).hasSize(366);
  }

  @Test
  void symptoms_count_events_and_per_type_their_count_and_highest_severity() {
    JsonNode day = aggregates("metric=symptoms&from=2024-02-05&to=2024-02-06").get("buckets");
    assertThat(day.get(0).get("value").asInt()).isEqualTo(2);
    assertThat(day.get(0).get("by_type")).isEqualTo(Json.read("""
        {"headache":{"count":2,"max_severity":6},"nausea":{"count":1,"max_severity":6}}"""));
    assertThat(day.get(1).get("value").asInt()).isZero();
    assertThat(day.get(1).get("by_type")).isEmpty();
  }

  @Test
  void medication_adherence_is_the_percentage_of_expected_doses_taken_without_doses_taken_as_needed() {
    JsonNode b = aggregates("metric=medication_adherence&from=2024-02-05&to=2024-02-07").get("buckets");
    assertThat(b.get(0).get("value").decimalValue()).isEqualByComparingTo("25");
    assertThat(b.get(0).get("count").asInt()).isEqualTo(4);
    assertThat(b.get(0).get("doses")).isEqualTo(Json.read("{\"taken\":1,\"late\":1,\"skipped\":1,\"missed\":1,\"unscheduled\":1}"));
    assertThat(b.get(0).get("by_medication")).isEqualTo(Json.read("""
        {"ibuprofen":{"value":null,"count":0,"doses":{"taken":0,"late":0,"skipped":0,"missed":0,"unscheduled":1}},
         "sertraline":{"value":25,"count":4,"doses":{"taken":1,"late":1,"skipped":1,"missed":1,"unscheduled":0}}}"""));
    assertThat(b.get(1).get("value").decimalValue()).isEqualByComparingTo("100");
    assertThat(b.get(2).get("value").isNull()).isTrue();
    assertThat(b.get(2).get("by_medication")).isEmpty();
    assertThat(aggregates("metric=medication_adherence&from=2024-02-05&to=2024-02-07").get("unit").asText()).isEqualTo("%");
    // Three of six taken on time; as the medications feature rounds: half up, one decimal.
    assertThat(buckets(aggregates("metric=medication_adherence&bucket=week&from=2024-02-05&to=2024-02-11")))
        .containsExactly("2024-02-05..2024-02-11 50 (6)");
  }

  @Test
  void stress_is_the_mean_stress_level_and_null_on_a_day_without_one() {
    assertThat(buckets(aggregates("metric=stress&from=2024-02-05&to=2024-02-06")))
        .containsExactly("2024-02-05..2024-02-05 5 (2)", "2024-02-06..2024-02-06 null (0)");
  }

  @Test
  void a_tracker_field_sums_averages_and_gives_min_max_and_the_latest_value() {
    String water = "metric=tracker&category=Water&field=glasses&from=2024-02-05&to=2024-02-06&stat=";
    assertThat(buckets(aggregates(water + "sum"))).containsExactly("2024-02-05..2024-02-05 10 (3)", "2024-02-06..2024-02-06 null (0)");
    assertThat(buckets(aggregates(water + "avg"))).first().isEqualTo("2024-02-05..2024-02-05 3.3333 (3)");
    assertThat(buckets(aggregates(water + "min"))).first().isEqualTo("2024-02-05..2024-02-05 2 (3)");
    assertThat(buckets(aggregates(water + "max"))).first().isEqualTo("2024-02-05..2024-02-05 5 (3)");
    assertThat(buckets(aggregates(water + "last"))).first().isEqualTo("2024-02-05..2024-02-05 2 (3)");
    JsonNode r = aggregates(water + "sum");
    assertThat(r.get("tracker")).isEqualTo(Json.read("{\"category\":\"Water\",\"field\":\"glasses\",\"stat\":\"sum\"}"));
    assertThat(r.get("unit").isNull()).isTrue();
  }

  @Test
  void a_tracker_category_is_found_by_its_id_too_in_any_letter_case() {
    String byId = "metric=tracker&field=glasses&stat=sum&from=2024-02-05&to=2024-02-05&category=";
    assertThat(buckets(aggregates(byId + Events.WATER_ID))).containsExactly("2024-02-05..2024-02-05 2 (1)");
    assertThat(buckets(aggregates(byId + Events.WATER_ID.toUpperCase()))).containsExactly("2024-02-05..2024-02-05 2 (1)");
  }

  @Test
  void the_daily_summary_has_every_metric_of_the_day_and_each_tracker_field() {
    var r = api.get(path(user, "/summary/daily?date=2024-02-05"), user.token());
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    JsonNode m = r.json().get("metrics");
    assertThat(r.json().get("date").asText()).isEqualTo("2024-02-05");
    assertThat(m.get("calories")).isEqualTo(Json.read("{\"value\":1650.5,\"count\":3}"));
    assertThat(m.get("meals")).isEqualTo(Json.read("{\"value\":3,\"count\":3}"));
    assertThat(m.get("sleep_hours")).isEqualTo(Json.read("{\"value\":8,\"count\":1}"));
    assertThat(m.get("sleep_quality")).isEqualTo(Json.read("{\"value\":7,\"count\":1}"));
    assertThat(m.get("exercise_minutes")).isEqualTo(Json.read("{\"value\":75,\"count\":2}"));
    assertThat(m.get("mood")).isEqualTo(Json.read("{\"value\":7,\"count\":2}"));
    assertThat(m.get("symptoms").get("value").asInt()).isEqualTo(2);
    assertThat(m.get("stress")).isEqualTo(Json.read("{\"value\":5,\"count\":2}"));
    assertThat(m.get("medication_adherence").get("value").decimalValue()).isEqualByComparingTo("25");
    assertThat(m.get("medication_adherence").get("by_medication")).hasSize(2);
    assertThat(fieldNames(m)).containsExactly("calories", "protein", "carbs", "fat", "meals", "sleep_hours", "sleep_quality",
        "exercise_minutes", "mood", "stress", "symptoms", "medication_adherence");
    assertThat(r.json().get("trackers")).isEqualTo(Json.read("""
        [{"category_id":"%s","field":"glasses","count":1,"sum":2,"avg":2,"min":2,"max":2,"last":2},
         {"category_name":"Water","field":"glasses","count":3,"sum":10,"avg":3.3333,"min":2,"max":5,"last":2}]"""
        .formatted(Events.WATER_ID)));
  }

  @Test
  void the_daily_summary_of_an_empty_day_has_nulls_and_zeros_as_the_aggregates_do() {
    JsonNode m = api.get(path(user, "/summary/daily?date=2023-06-01"), user.token()).json().get("metrics");
    assertThat(m.get("calories")).isEqualTo(Json.read("{\"value\":null,\"count\":0}"));
    assertThat(m.get("meals")).isEqualTo(Json.read("{\"value\":0,\"count\":0}"));
    assertThat(m.get("mood").get("value").isNull()).isTrue();
    assertThat(m.get("medication_adherence").get("value").isNull()).isTrue();
  }

  @Test
  void without_a_date_the_daily_summary_is_of_today_in_the_users_time_zone() {
    var u = api.newUser("Pacific/Kiritimati");
    LocalDate before = LocalDate.now(ZoneId.of("Pacific/Kiritimati"));
    var r = api.get(path(u, "/summary/daily"), u.token());
    LocalDate after = LocalDate.now(ZoneId.of("Pacific/Kiritimati"));
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    assertThat(LocalDate.parse(r.json().get("date").asText())).isBetween(before, after);
    assertThat(r.json().get("time_zone").asText()).isEqualTo("Pacific/Kiritimati");
  }

  // ---- helpers ----

  static void post(TestApi.User u, String event) {
    var r = api.post(path(u, "/events"), u.token(), event);
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
  }

  static String path(TestApi.User u, String rest) {
    return "/v1/users/" + u.id() + rest;
  }

  static JsonNode aggregates(String query) {
    return aggregates(user, query);
  }

  static JsonNode aggregates(TestApi.User u, String query) {
    var r = api.get(path(u, "/aggregates?" + query), u.token());
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    return r.json();
  }

  /** Each bucket as "start..end value (count)". */
  static List<String> buckets(JsonNode answer) {
    var out = new ArrayList<String>();
    for (JsonNode b : answer.get("buckets")) {
      JsonNode v = b.get("value");
      out.add(b.get("start").asText() + ".." + b.get("end").asText() + " " + (v.isNull() ? "null" : v.decimalValue().toPlainString())
          + " (" + b.get("count").asLong() + ")");
    }
    return out;
  }

  private static List<String> fieldNames(JsonNode node) {
    var names = new ArrayList<String>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
