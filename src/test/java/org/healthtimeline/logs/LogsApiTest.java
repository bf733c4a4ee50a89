package org.healthtimeline.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.healthtimeline.testing.Refusals.refused;

import com.fasterxml.jackson.databind.JsonNode;
import org.healthtimeline.testing.TestApi;
import org.healthtimeline.web.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LogsApiTest {
  static TestApi api;
  static TestApi.User user;

  @BeforeAll
  static void up() {
    api = TestApi.start();
    user = api.newUser("America/New_York");
  }

  @AfterAll
  static void down() {
    api.close();
  }

  static String path(String kind) {
    return "/v1/users/" + user.id() + "/" + kind;
  }

  static JsonNode log(String kind, String body) {
    var r = api.post(path(kind), user.token(), body);
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    assertThat(r.header("Location")).isEqualTo("/v1/users/" + user.id() + "/events/" + r.json().get("id").asText());
    return r.json();
  }

  @Test
  void a_symptom_is_a_symptom_event_of_its_type_and_a_retry_with_its_dedupe_key_adds_nothing() {
    String body = """
        {"occurred_at":"2024-03-11T14:00:00-04:00","symptom_type":"headache","severity":6,"duration_minutes":120,
         "triggers":["poor sleep"],"notes":"after lunch","dedupe_key":"sym-1"}""";
    JsonNode e = log("symptoms", body);
    assertThat(e.get("type").asText()).isEqualTo("symptom");
    assertThat(e.get("subtype").asText()).isEqualTo("headache");
    assertThat(e.get("utc_offset_minutes").asInt()).isEqualTo(-240);
    assertThat(e.get("data")).isEqualTo(Json.read("""
        {"symptom_type":"headache","severity":6,"duration_minutes":120,"triggers":["poor sleep"],"notes":"after lunch"}"""));

    var again = api.post(path("symptoms"), user.token(), body);
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.json()).isEqualTo(e);
    refused(api, 409, "dedupe_key", () -> api.post(path("symptoms"), user.token(), body.replace("\"severity\":6", "\"severity\":7")));
  }

  @Test
  void moods_stress_and_notes_are_events_of_their_types() {
    JsonNode mood = log("moods", "{\"mood_rating\":7,\"emotions\":[\"happy\",\"calm\"],\"notes\":\"good day\"}");
    assertThat(mood.get("type").asText()).isEqualTo("mood");
    assertThat(mood.get("data")).isEqualTo(Json.read("{\"mood_rating\":7,\"emotions\":[\"happy\",\"calm\"],\"notes\":\"good day\"}"));
    JsonNode stress = log("stress", "{\"stress_level\":8.5,\"triggers\":[\"deadline\"]}");
    assertThat(stress.get("data")).isEqualTo(Json.read("{\"stress_level\":8.5,\"triggers\":[\"deadline\"]}"));
    JsonNode note = log("notes", "{\"text\":\"Started the running plan\",\"tags\":[\"running\"]}");
    assertThat(note.get("type").asText()).isEqualTo("note");
    assertThat(note.get("data").get("tags").get(0).asText()).isEqualTo("running");
  }

  @ParameterizedTest(name = "{0} {1} {2} is {3} {4}")
  @CsvSource(textBlock = """
      weight,      154,   lb,     69.85,  kg
      weight,      154,   LBS,    69.85,  kg
      heart_rate,  64,    /min,   64,     bpm
      temperature, 98.6,  F,      37,     °C
      weight,      72.35, kg,     72.35,  kg
      weight,      11.5,  st,     73.03,  kg
      weight,      70500, g,      70.5,   kg
      heart_rate,  64,    bpm,    64,     bpm
      glucose,     99,    mg/dL,  5.5,    mmol/L
      glucose,     99,    MG/DL,  5.5,    mmol/L
      glucose,     5.4,   mmol/L, 5.4,    mmol/L
      temperature, 98.6,  °F,     37,     °C
      temperature, 310.15, K,     37,     °C
      temperature, 36.8,  C,      36.8,   °C
      """)
  void a_vital_is_stored_in_its_measures_one_unit_with_the_value_as_given_kept(String measure, String value, String unit,
      String stored, String storedUnit) {
    JsonNode e = log("vitals", "{\"measure\":\"%s\",\"value\":%s,\"unit\":\"%s\"}".formatted(measure, value, unit));
    assertThat(e.get("type").asText()).isEqualTo("vital");
    assertThat(e.get("subtype").asText()).isEqualTo(measure);
    JsonNode data = e.get("data");
    assertThat(data.get("value").decimalValue()).isEqualByComparingTo(stored);
    assertThat(data.get("unit").asText()).isEqualTo(storedUnit);
    assertThat(data.get("original").get("value").decimalValue()).isEqualByComparingTo(value);
    assertThat(data.get("original").get("unit").asText()).isEqualTo(unit);
  }

  @Test
  void blood_pressure_is_systolic_over_diastolic_in_mmhg() {
    JsonNode kpa = log("vitals", "{\"measure\":\"blood_pressure\",\"systolic\":16,\"diastolic\":10.7,\"unit\":\"kPa\"}");
    assertThat(kpa.get("data")).isEqualTo(Json.read("""
        {"measure":"blood_pressure","systolic":120,"diastolic":80.3,"unit":"mmHg","original":{"systolic":16,"diastolic":10.7,"unit":"kPa"}}"""));
    JsonNode mmhg = log("vitals", "{\"measure\":\"blood_pressure\",\"systolic\":118,\"diastolic\":76,\"unit\":\"mmHg\",\"notes\":\"left arm\"}");
    assertThat(mmhg.get("data").get("systolic").asInt()).isEqualTo(118);
    assertThat(mmhg.get("data").get("notes").asText()).isEqualTo("left arm");
  }

  @ParameterizedTest(name = "{0} {1}: {2}")
  @CsvSource(delimiter = '|', textBlock = """
      symptoms | severity         | {"symptom_type":"headache","severity":11}
      symptoms | severity         | {"symptom_type":"headache","severity":-1}
      symptoms | severity         | {"symptom_type":"headache"}
      symptoms | severity         | {"symptom_type":"headache","severity":"bad"}
      symptoms | symptom_type     | {"severity":5}
      symptoms | symptom_type     | {"symptom_type":"","severity":5}
      symptoms | duration_minutes | {"symptom_type":"headache","severity":5,"duration_minutes":-5}
      symptoms | triggers         | {"symptom_type":"headache","severity":5,"triggers":"stress"}
      symptoms | triggers[0]      | {"symptom_type":"headache","severity":5,"triggers":[""]}
      symptoms | location         | {"symptom_type":"headache","severity":5,"location":"head"}
      symptoms | occurred_at      | {"symptom_type":"headache","severity":5,"occurred_at":"noon"}
      symptoms | dedupe_key       | {"symptom_type":"headache","severity":5,"dedupe_key":"","occurred_at":"2024-03-11T14:00:00Z"}
      symptoms | occurred_at      | {"symptom_type":"headache","severity":5,"dedupe_key":"k-1"}
      moods    | mood_rating      | {"mood_rating":0}
      moods    | mood_rating      | {"mood_rating":11}
      moods    | mood_rating      | {"mood_rating":7.5}
      moods    | mood_rating      | {"emotions":["happy"]}
      moods    | emotions[1]      | {"mood_rating":7,"emotions":["happy",7]}
      moods    | note             | {"mood_rating":7,"note":"singular"}
      stress   | stress_level     | {"stress_level":11}
      stress   | stress_level     | {}
      notes    | text             | {"tags":["x"]}
      notes    | text             | {"text":""}
      notes    | tags             | {"text":"hello","tags":"x"}
      vitals   | measure          | {"measure":"bmi","value":22,"unit":"kg/m2"}
      vitals   | measure          | {"value":70,"unit":"kg"}
      vitals   | unit             | {"measure":"weight","value":70,"unit":"mmHg"}
      vitals   | unit             | {"measure":"weight","value":70}
      vitals   | value            | {"measure":"weight","unit":"kg"}
      vitals   | value            | {"measure":"weight","value":"70","unit":"kg"}
      vitals   | value            | {"measure":"weight","value":2000,"unit":"kg"}
      vitals   | value            | {"measure":"weight","value":-70,"unit":"kg"}
      vitals   | value            | {"measure":"temperature","value":60,"unit":"°C"}
      vitals   | value            | {"measure":"glucose","value":5.5,"unit":"mg/dL"}
      vitals   | value            | {"measure":"blood_pressure","value":120,"systolic":120,"diastolic":80,"unit":"mmHg"}
      vitals   | diastolic        | {"measure":"blood_pressure","systolic":120,"unit":"mmHg"}
      vitals   | systolic         | {"measure":"blood_pressure","systolic":80,"diastolic":120,"unit":"mmHg"}
      vitals   | systolic         | {"measure":"weight","value":70,"systolic":120,"unit":"kg"}
      vitals   | original         | {"measure":"weight","value":70,"unit":"kg","original":{"value":70}}
      vitals   | body             | [70]
      """)
  void a_bad_log_is_refused_naming_the_field_and_nothing_is_written(String kind, String field, String body) {
    refused(api, 400, field, () -> api.post(path(kind), user.token(), body));
  }

  @Test
  void a_log_of_a_user_who_does_not_exist_is_a_404_naming_user_id() {
    refused(api, 404, "userId", () -> api.post("/v1/users/" + java.util.UUID.randomUUID() + "/notes", api.serviceToken,
        "{\"text\":\"hello\"}"));
  }
}
