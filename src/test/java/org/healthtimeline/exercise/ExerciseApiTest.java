package org.healthtimeline.exercise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.healthtimeline.testing.Refusals.refused;

import com.fasterxml.jackson.databind.JsonNode;
import org.healthtimeline.testing.TestApi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExerciseApiTest {
  static TestApi api;

  @BeforeAll
  static void up() {
    api = TestApi.start();
  }

  @AfterAll
  static void down() {
    api.close();
  }

  static String exercise(TestApi.User u) {
    return "/v1/users/" + u.id() + "/exercise";
  }

  static JsonNode log(TestApi.User u, String body) {
    var r = api.post(exercise(u), u.token(), body);
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    return r.json();
  }

  static JsonNode event(TestApi.User u, JsonNode w) {
    return api.get("/v1/users/" + u.id() + "/events/" + w.get("event_id").asText(), u.token()).json();
  }

  @Test
  void a_workout_with_a_duration_is_an_interval_event_of_its_activity() {
    var u = api.newUser("America/Chicago");
    JsonNode run = log(u, """
        {"occurred_at":"2024-03-11T07:00:00-05:00","duration_minutes":45,"activity_type":"running","intensity":"moderate",
         "distance_km":8.2,"calories":520,"avg_heart_rate":141.5,"notes":"easy 8 km"}""");
    assertThat(run.get("ended_at").asText()).isEqualTo("2024-03-11T12:45:00Z");
    JsonNode event = event(u, run);
    assertThat(event.get("type").asText()).isEqualTo("exercise");
    assertThat(event.get("subtype").asText()).isEqualTo("running");
    assertThat(event.get("occurred_at").asText()).isEqualTo("2024-03-11T12:00:00Z");
    assertThat(event.get("ended_at").asText()).isEqualTo("2024-03-11T12:45:00Z");
    assertThat(event.get("source_table").asText()).isEqualTo("exercise_entries");
    assertThat(event.get("data").get("activity_type").asText()).isEqualTo("running");
    assertThat(event.get("data").get("duration_minutes").asInt()).isEqualTo(45);
    assertThat(event.get("data").get("intensity").asText()).isEqualTo("moderate");
    assertThat(event.get("data").get("notes").asText()).isEqualTo("easy 8 km");
    assertThat(event.get("data").get("distance_km").decimalValue()).isEqualByComparingTo("8.2");
    assertThat(event.get("data").get("calories").decimalValue()).isEqualByComparingTo("520");
    assertThat(event.get("data").get("avg_heart_rate").decimalValue()).isEqualByComparingTo("141.5");
  }

  @Test
  void the_end_gives_the_duration_both_must_agree_and_neither_is_a_moment() {
    var u = api.newUser();
    assertThat(log(u, "{\"occurred_at\":\"2024-03-11T07:00:00Z\",\"ended_at\":\"2024-03-11T07:36:30Z\",\"activity_type\":\"yoga\"}")
        .get("duration_minutes").decimalValue()).isEqualByComparingTo("36.5");
    assertThat(log(u, "{\"occurred_at\":\"2024-03-12T07:00:00Z\",\"ended_at\":\"2024-03-12T07:30:00Z\",\"duration_minutes\":30.5,"
        + "\"activity_type\":\"yoga\"}").get("duration_minutes").decimalValue()).isEqualByComparingTo("30.5");
    JsonNode moment = log(u, "{\"occurred_at\":\"2024-03-13T07:00:00Z\",\"activity_type\":\"stretching\"}");
    assertThat(moment.get("ended_at").isNull()).isTrue();
    assertThat(event(u, moment).get("ended_at").isNull()).isTrue();
    var yoga = api.get(exercise(u) + "?activity_type=yoga", u.token()).json().get("items");
    assertThat(yoga).hasSize(2);
    assertThat(yoga.get(0).get("occurred_at").asText()).isEqualTo("2024-03-12T07:00:00Z");
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(delimiter = '|', textBlock = """
      activity_type    | {"occurred_at":"2024-03-11T07:00:00Z"}
      activity_type    | {"occurred_at":"2024-03-11T07:00:00Z","activity_type":""}
      occurred_at      | {"activity_type":"running"}
      intensity        | {"occurred_at":"2024-03-11T07:00:00Z","activity_type":"running","intensity":"extreme"}
      duration_minutes | {"occurred_at":"2024-03-11T07:00:00Z","activity_type":"running","duration_minutes":-1}
      duration_minutes | {"occurred_at":"2024-03-11T07:00:00Z","activity_type":"running","duration_minutes":1441}
      duration_minutes | {"occurred_at":"2024-03-11T07:00:00Z","ended_at":"2024-03-11T07:30:00Z","activity_type":"running","duration_minutes":45}
      ended_at         | {"occurred_at":"2024-03-11T07:00:00Z","ended_at":"2024-03-11T06:00:00Z","activity_type":"running"}
      ended_at         | {"occurred_at":"2024-03-11T07:00:00Z","ended_at":"2024-03-12T08:00:00Z","activity_type":"running"}
      notes            | {"occurred_at":"2024-03-11T07:00:00Z","activity_type":"running","notes":""}
      distance_km      | {"occurred_at":"2024-03-11T07:00:00Z","activity_type":"running","distance_km":-8}
      calories         | {"occurred_at":"2024-03-11T07:00:00Z","activity_type":"running","calories":"many"}
      avg_heart_rate   | {"occurred_at":"2024-03-11T07:00:00Z","activity_type":"running","avg_heart_rate":300}
      pace             | {"occurred_at":"2024-03-11T07:00:00Z","activity_type":"running","pace":"5:30"}
      body             | []
      """)
  void a_bad_workout_is_refused_naming_the_field_and_nothing_is_written(String field, String body) {
    var u = api.newUser();
    refused(api, 400, field, () -> api.post(exercise(u), u.token(), body));
  }

  @Test
  void a_workout_of_a_user_who_does_not_exist_is_a_404_naming_user_id() {
    refused(api, 404, "userId", () -> api.post("/v1/users/" + java.util.UUID.randomUUID() + "/exercise", api.serviceToken,
        "{\"occurred_at\":\"2024-03-11T07:00:00Z\",\"activity_type\":\"running\"}"));
    var u = api.newUser();
    refused(api, 400, "activity_type", () -> api.get(exercise(u) + "?activity_type=" + "x".repeat(101), api.serviceToken));
  }
}
