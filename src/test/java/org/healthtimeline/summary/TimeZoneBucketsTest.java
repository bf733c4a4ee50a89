package org.healthtimeline.summary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.healthtimeline.summary.AggregatesApiTest.buckets;

import com.fasterxml.jackson.databind.JsonNode;
import org.healthtimeline.testing.TestApi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Seed 001's time-zone checklist for summaries: a user in UTC, one in EST, a user who changes zone, and the DST
 * days of 23 and 25 hours. Events are created without a time_zone, as most clients send them: the user's zone
 * at the time of writing decides their offset, and so their day.
 */
class TimeZoneBucketsTest {
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
  void a_user_in_utc_has_utc_days() {
    var u = api.newUser("UTC");
    post(u, Events.meal("2024-01-15T23:30:00Z", 500));
    post(u, Events.meal("2024-01-16T00:30:00Z", 300));
    assertThat(buckets(calories(u, "2024-01-15", "2024-01-16")))
        .containsExactly("2024-01-15..2024-01-15 500 (1)", "2024-01-16..2024-01-16 300 (1)");
  }

  @Test
  void a_user_in_new_york_has_new_york_days_in_winter_and_in_summer() {
    var u = api.newUser("America/New_York");
    // 04:30 UTC on the 16th is 23:30 EST on the 15th; 03:30 UTC on 5 July is 23:30 EDT on the 4th.
    post(u, Events.meal("2024-01-16T04:30:00Z", 500));
    post(u, Events.meal("2024-01-16T05:30:00Z", 300));
    post(u, Events.meal("2024-07-05T03:30:00Z", 700));
    assertThat(buckets(calories(u, "2024-01-15", "2024-01-16")))
        .containsExactly("2024-01-15..2024-01-15 500 (1)", "2024-01-16..2024-01-16 300 (1)");
    assertThat(buckets(calories(u, "2024-07-04", "2024-07-05")))
        .containsExactly("2024-07-04..2024-07-04 700 (1)", "2024-07-05..2024-07-05 null (0)");
  }

  @Test
  void after_a_move_from_berlin_to_new_york_earlier_events_keep_their_berlin_days_and_later_ones_get_new_york_days() {
    var u = api.newUser("Europe/Berlin");
    // 00:30 in Berlin on 2 May; in New York it was still 1 May (18:30).
    post(u, Events.meal("2024-05-01T22:30:00Z", 600));
    assertThat(buckets(calories(u, "2024-05-01", "2024-05-02")))
        .containsExactly("2024-05-01..2024-05-01 null (0)", "2024-05-02..2024-05-02 600 (1)");

    var moved = api.patch("/v1/users/" + u.id(), u.token(), "{\"time_zone\":\"America/New_York\"}");
    assertThat(moved.status()).as(moved.toString()).isEqualTo(200);
    // 21:00 in New York on 10 May; in Berlin it was already 11 May (03:00).
    post(u, Events.meal("2024-05-11T01:00:00Z", 900));

    JsonNode after = calories(u, "2024-05-01", "2024-05-11");
    assertThat(after.get("time_zone").asText()).isEqualTo("America/New_York");
    assertThat(buckets(after)).filteredOn(b -> !b.endsWith("null (0)"))
        .containsExactly("2024-05-02..2024-05-02 600 (1)", "2024-05-10..2024-05-10 900 (1)");
    var summary = api.get("/v1/users/" + u.id() + "/summary/daily?date=2024-05-10", u.token());
    assertThat(summary.json().get("metrics").get("calories").get("value").asInt()).isEqualTo(900);
    assertThat(summary.json().get("time_zone").asText()).isEqualTo("America/New_York");
  }

  @Test
  void the_spring_forward_day_is_23_hours_long_and_holds_everything_from_midnight_to_midnight() {
    var u = api.newUser("Europe/Berlin");
    post(u, Events.meal("2024-03-30T23:30:00Z", 100)); // 00:30 CET on 31 March
    post(u, Events.meal("2024-03-31T21:30:00Z", 200)); // 23:30 CEST on 31 March, 22 hours later on the clock
    post(u, Events.meal("2024-03-31T22:30:00Z", 400)); // 00:30 CEST on 1 April: 24 hours after the first
    assertThat(buckets(calories(u, "2024-03-31", "2024-04-01")))
        .containsExactly("2024-03-31..2024-03-31 300 (2)", "2024-04-01..2024-04-01 400 (1)");
  }

  @Test
  void the_fall_back_day_is_25_hours_long_and_holds_everything_from_midnight_to_midnight() {
    var u = api.newUser("Europe/Berlin");
    post(u, Events.meal("2024-10-26T22:30:00Z", 100)); // 00:30 CEST on 27 October
    post(u, Events.meal("2024-10-27T22:30:00Z", 200)); // 23:30 CET on 27 October: 25 hours after the first
    post(u, Events.meal("2024-10-26T21:30:00Z", 400)); // 23:30 CEST on 26 October
    assertThat(buckets(calories(u, "2024-10-26", "2024-10-27")))
        .containsExactly("2024-10-26..2024-10-26 400 (1)", "2024-10-27..2024-10-27 300 (2)");
  }

  @Test
  void a_night_across_a_dst_change_lasts_its_real_length() {
    var u = api.newUser("Europe/Berlin");
    // 23:00 to 07:00 on the clock: 7 hours when the clocks go forward, 9 when they go back.
    post(u, Events.sleep("2024-03-30T23:00:00+01:00", "2024-03-31T07:00:00+02:00", "{\"sleep_quality_rating\":6}"));
    post(u, Events.sleep("2024-10-26T23:00:00+02:00", "2024-10-27T07:00:00+01:00", "{\"sleep_quality_rating\":8}"));
    assertThat(buckets(aggregates(u, "metric=sleep_hours&from=2024-03-31&to=2024-03-31"))).containsExactly("2024-03-31..2024-03-31 7 (1)");
    assertThat(buckets(aggregates(u, "metric=sleep_hours&from=2024-10-27&to=2024-10-27"))).containsExactly("2024-10-27..2024-10-27 9 (1)");
  }

  @Test
  void a_night_without_an_end_counts_on_the_next_day_when_its_wake_time_is_earlier_than_its_bedtime() {
    var u = api.newUser("America/New_York");
    post(u, "{\"type\":\"sleep\",\"occurred_at\":\"2024-01-20T23:15:00-05:00\",\"data\":{\"bedtime\":\"23:15\",\"wake_time\":\"06:45\",\"total_sleep_hours\":7}}");
    post(u, "{\"type\":\"sleep\",\"occurred_at\":\"2024-01-22T00:30:00-05:00\",\"data\":{\"bedtime\":\"00:30\",\"wake_time\":\"07:30\",\"total_sleep_hours\":6.5}}");
    assertThat(buckets(aggregates(u, "metric=sleep_hours&from=2024-01-20&to=2024-01-22")))
        .containsExactly("2024-01-20..2024-01-20 null (0)", "2024-01-21..2024-01-21 7 (1)", "2024-01-22..2024-01-22 6.5 (1)");
  }

  private static void post(TestApi.User u, String event) {
    var r = api.post("/v1/users/" + u.id() + "/events", u.token(), event);
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
  }

  private static JsonNode calories(TestApi.User u, String from, String to) {
    return aggregates(u, "metric=calories&from=" + from + "&to=" + to);
  }

  private static JsonNode aggregates(TestApi.User u, String query) {
    var r = api.get("/v1/users/" + u.id() + "/aggregates?" + query, u.token());
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    return r.json();
  }
}
