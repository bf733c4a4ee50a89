package org.healthtimeline.sleep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.healthtimeline.testing.Refusals.refused;

import com.fasterxml.jackson.databind.JsonNode;
import org.healthtimeline.testing.TestApi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SleepApiTest {
  static TestApi api;

  @BeforeAll
  static void up() {
    api = TestApi.start();
  }

  @AfterAll
  static void down() {
    api.close();
  }

  static String sleep(TestApi.User u) {
    return "/v1/users/" + u.id() + "/sleep";
  }

  static JsonNode log(TestApi.User u, String body) {
    var r = api.post(sleep(u), u.token(), body);
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    return r.json();
  }

  static JsonNode event(TestApi.User u, JsonNode entry) {
    return api.get("/v1/users/" + u.id() + "/events/" + entry.get("event_id").asText(), u.token()).json();
  }

  @Test
  void the_night_the_clocks_go_forward_is_an_interval_event_with_its_real_length() {
    var u = api.newUser("America/Chicago");
    JsonNode night = log(u, """
        {"bedtime":"2024-03-09T23:10:00-06:00","wake_time":"2024-03-10T06:40:00-05:00","sleep_latency_minutes":15,
         "sleep_quality_rating":6,"night_wakings":1,"disruptions":["dst"],"alertness_rating":5,"phone_duration_minutes":10}""");
    // 23:10 to 06:40 on the clock, but one hour of that night never happened: 6.5 h in bed, less 15 minutes.
    assertThat(night.get("total_sleep_hours").decimalValue()).isEqualByComparingTo("6.25");
    assertThat(night.get("phone_usage").asBoolean()).isTrue();
    assertThat(night.get("event_version").asInt()).isEqualTo(1);

    JsonNode event = event(u, night);
    assertThat(event.get("type").asText()).isEqualTo("sleep");
    assertThat(event.get("occurred_at").asText()).isEqualTo("2024-03-10T05:10:00Z");
    assertThat(event.get("ended_at").asText()).isEqualTo("2024-03-10T11:40:00Z");
    assertThat(event.get("utc_offset_minutes").asInt()).isEqualTo(-360);
    assertThat(event.get("source_table").asText()).isEqualTo("sleep_entries");
    assertThat(event.get("source_id").asText()).isEqualTo(night.get("id").asText());
    JsonNode data = event.get("data");
    assertThat(data.get("bedtime").asText()).isEqualTo("23:10");
    assertThat(data.get("wake_time").asText()).isEqualTo("06:40");
    assertThat(data.get("total_sleep_hours").decimalValue()).isEqualByComparingTo("6.25");
    assertThat(data.get("sleep_latency_minutes").asInt()).isEqualTo(15);
    assertThat(data.get("sleep_quality_rating").asInt()).isEqualTo(6);
    assertThat(data.get("disruptions").get(0).asText()).isEqualTo("dst");
    assertThat(data.get("phone_usage").asBoolean()).isTrue();
    assertThat(data.get("phone_duration_minutes").asInt()).isEqualTo(10);
    assertThat(data.get("alertness_rating").asInt()).isEqualTo(5);
  }

  @Test
  void the_night_the_clocks_go_back_is_an_hour_longer_than_the_clock_says() {
    var u = api.newUser("Europe/Berlin");
    JsonNode night = log(u, "{\"bedtime\":\"2024-10-26T23:00:00+02:00\",\"wake_time\":\"2024-10-27T07:00:00+01:00\"}");
    assertThat(night.get("total_sleep_hours").decimalValue()).isEqualByComparingTo("9");
    JsonNode data = event(u, night).get("data");
    assertThat(data.get("bedtime").asText()).isEqualTo("23:00");
    assertThat(data.get("wake_time").asText()).isEqualTo("07:00");
  }

  @Test
  void hours_asleep_given_are_kept_and_nights_are_listed_newest_first() {
    var u = api.newUser("UTC");
    JsonNode first = log(u, "{\"bedtime\":\"2024-03-01T23:00:00Z\",\"wake_time\":\"2024-03-02T07:00:00Z\",\"total_sleep_hours\":7.5,\"phone_usage\":false}");
    JsonNode second = log(u, "{\"bedtime\":\"2024-03-02T23:30:00Z\",\"wake_time\":\"2024-03-03T06:30:00Z\"}");
    assertThat(first.get("total_sleep_hours").decimalValue()).isEqualByComparingTo("7.5");
    assertThat(first.get("phone_usage").asBoolean()).isFalse();
    var page = api.get(sleep(u) + "?limit=1", u.token()).json();
    assertThat(page.get("items").get(0).get("id")).isEqualTo(second.get("id"));
    var next = api.get(sleep(u) + "?limit=1&cursor=" + page.get("next_cursor").asText(), u.token()).json();
    assertThat(next.get("items").get(0).get("id")).isEqualTo(first.get("id"));
    assertThat(next.get("next_cursor").isNull()).isTrue();
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(delimiter = '|', textBlock = """
      wake_time              | {"bedtime":"2024-03-01T23:00:00Z","wake_time":"2024-03-01T23:00:00Z"}
      wake_time              | {"bedtime":"2024-03-01T23:00:00Z","wake_time":"2024-03-01T22:00:00Z"}
      wake_time              | {"bedtime":"2024-03-01T23:00:00Z","wake_time":"2024-03-03T00:00:00Z"}
      wake_time              | {"bedtime":"2024-03-01T23:00:00Z"}
      wake_time              | {"bedtime":"2024-03-01T23:00:00Z","wake_time":"07:00"}
      bedtime                | {"wake_time":"2024-03-02T07:00:00Z"}
      bedtime                | {"bedtime":"2024-03-01T23:00:00","wake_time":"2024-03-02T07:00:00Z"}
      sleep_quality_rating   | {"bedtime":"2024-03-01T23:00:00Z","wake_time":"2024-03-02T07:00:00Z","sleep_quality_rating":11}
      sleep_quality_rating   | {"bedtime":"2024-03-01T23:00:00Z","wake_time":"2024-03-02T07:00:00Z","sleep_quality_rating":0}
      sleep_quality_rating   | {"bedtime":"2024-03-01T23:00:00Z","wake_time":"2024-03-02T07:00:00Z","sleep_quality_rating":7.5}
      alertness_rating       | {"bedtime":"2024-03-01T23:00:00Z","wake_time":"2024-03-02T07:00:00Z","alertness_rating":11}
      sleep_latency_minutes  | {"bedtime":"2024-03-01T23:00:00Z","wake_time":"2024-03-02T07:00:00Z","sleep_latency_minutes":-1}
      sleep_latency_minutes  | {"bedtime":"2024-03-01T23:00:00Z","wake_time":"2024-03-02T00:00:00Z","sleep_latency_minutes":90}
      total_sleep_hours      | {"bedtime":"2024-03-01T23:00:00Z","wake_time":"2024-03-02T07:00:00Z","total_sleep_hours":8.5}
      total_sleep_hours      | {"bedtime":"2024-03-01T23:00:00Z","wake_time":"2024-03-02T07:00:00Z","total_sleep_hours":-1}
      night_wakings          | {"bedtime":"2024-03-01T23:00:00Z","wake_time":"2024-03-02T07:00:00Z","night_wakings":-1}
      night_wakings          | {"bedtime":"2024-03-01T23:00:00Z","wake_time":"2024-03-02T07:00:00Z","night_wakings":"two"}
      disruptions            | {"bedtime":"2024-03-01T23:00:00Z","wake_time":"2024-03-02T07:00:00Z","disruptions":"noise"}
      disruptions[1]         | {"bedtime":"2024-03-01T23:00:00Z","wake_time":"2024-03-02T07:00:00Z","disruptions":["noise",""]}
      disruptions[0]         | {"bedtime":"2024-03-01T23:00:00Z","wake_time":"2024-03-02T07:00:00Z","disruptions":[3]}
      phone_usage            | {"bedtime":"2024-03-01T23:00:00Z","wake_time":"2024-03-02T07:00:00Z","phone_usage":"yes"}
      phone_duration_minutes | {"bedtime":"2024-03-01T23:00:00Z","wake_time":"2024-03-02T07:00:00Z","phone_usage":false,"phone_duration_minutes":20}
      phone_duration_minutes | {"bedtime":"2024-03-01T23:00:00Z","wake_time":"2024-03-02T07:00:00Z","phone_duration_minutes":1441}
      stage                  | {"bedtime":"2024-03-01T23:00:00Z","wake_time":"2024-03-02T07:00:00Z","stage":"deep"}
      body                   | "last night"
      """)
  void a_bad_night_is_refused_naming_the_field_and_nothing_is_written(String field, String body) {
    var u = api.newUser();
    refused(api, 400, field, () -> api.post(sleep(u), u.token(), body));
  }

  @Test
  void fifty_one_disruptions_are_refused_naming_disruptions() {
    var u = api.newUser();
    refused(api, 400, "disruptions", () -> api.post(sleep(u), u.token(),
        "{\"bedtime\":\"2024-03-01T23:00:00Z\",\"wake_time\":\"2024-03-02T07:00:00Z\",\"disruptions\":["
            + "\"noise\",".repeat(50) + "\"noise\"]}"));
  }

  @Test
  void a_night_of_a_user_who_does_not_exist_is_a_404_naming_user_id() {
    refused(api, 404, "userId", () -> api.post("/v1/users/" + java.util.UUID.randomUUID() + "/sleep", api.serviceToken,
        "{\"bedtime\":\"2024-03-01T23:00:00Z\",\"wake_time\":\"2024-03-02T07:00:00Z\"}"));
    refused(api, 404, "userId", () -> api.get("/v1/users/" + java.util.UUID.randomUUID() + "/sleep", api.serviceToken));
    var u = api.newUser();
    refused(api, 400, "limit", () -> api.get(sleep(u) + "?limit=500", api.serviceToken));
  }
}
