package org.healthtimeline.medication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.healthtimeline.testing.Refusals.refused;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.healthtimeline.testing.TestApi;
import org.healthtimeline.testing.TestSql;
import org.healthtimeline.testing.TestApi.Response;
import org.healthtimeline.timeline.EventSchemas;
import org.healthtimeline.timeline.EventType;
import org.healthtimeline.web.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Medications and doses through the API: what is written, and every bad field refused with nothing written. */
class MedicationsApiTest {
  static TestApi api;
  static TestApi.User user;
  static String metformin;
  static String ibuprofen;
  static final String METFORMIN = """
      {"name":"Metformin","dose":500,"unit":"mg","schedule":{"times":["20:00","08:00"]},"start_date":"2024-03-01"}""";

  @BeforeAll
  static void up() {
    api = TestApi.start();
    user = api.newUser("Europe/Berlin");
    metformin = api.post(medications(), user.token(), METFORMIN).json().get("id").asText();
    ibuprofen = api.post(medications(), user.token(), "{\"name\":\"Ibuprofen\",\"dose\":400,\"unit\":\"mg\",\"as_needed\":true}")
        .json().get("id").asText();
  }

  @AfterAll
  static void down() {
    api.close();
  }

  static String medications() {
    return "/v1/users/" + user.id() + "/medications";
  }

  static String doses(String medication) {
    return medications() + "/" + medication + "/doses";
  }

  @Test
  void a_medication_is_defined_with_its_schedule_sorted_and_read_back_where_location_says() {
    Response r = api.post(medications(), user.token(), """
        {"name":"Vitamin D","dose":1000,"unit":"IU","schedule":{"times":["21:00","07:30"],"days":["sun","mon"]}}""");

    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    assertThat(r.json().get("schedule")).isEqualTo(Json.read("{\"times\":[\"07:30\",\"21:00\"],\"days\":[\"mon\",\"sun\"]}"));
    assertThat(r.json().get("active").asBoolean()).isTrue();
    Response read = api.get(r.header("Location"), user.token());
    assertThat(read.json()).isEqualTo(r.json());
  }

  @Test
  void a_scheduled_dose_is_written_with_its_medication_event_once_and_a_change_gives_the_event_a_new_version() {
    String dose = "{\"status\":\"taken\",\"scheduled_for\":\"2024-03-10T08:00:00+01:00\",\"side_effects\":[\"nausea\"]}";

    Response first = api.post(doses(metformin), user.token(), dose);
    Response again = api.post(doses(metformin), user.token(), dose);
    Response changed = api.post(doses(metformin), user.token(), dose.replace("nausea", "headache"));

    assertThat(first.status()).as(first.toString()).isEqualTo(201);
    assertThat(first.json().get("taken_at").asText()).as("taken on time").isEqualTo("2024-03-10T07:00:00Z");
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.json()).isEqualTo(first.json());
    assertThat(changed.status()).isEqualTo(200);
    assertThat(changed.json().get("id")).isEqualTo(first.json().get("id"));
    JsonNode event = api.get("/v1/users/" + user.id() + "/events/" + first.json().get("event_id").asText(), user.token()).json();
    assertThat(event.get("type").asText()).isEqualTo("medication");
    assertThat(event.get("subtype").asText()).isEqualTo("scheduled");
    assertThat(event.get("source_table").asText()).isEqualTo("medication_adherence");
    assertThat(event.get("source_id").asText()).isEqualTo(first.json().get("id").asText());
    assertThat(event.get("version").asInt()).isEqualTo(2);
    assertThat(event.get("occurred_at").asText()).isEqualTo("2024-03-10T07:00:00Z");
    assertThat(event.get("data").toString()).isEqualTo("""
        {"medication_id":"%s","name":"Metformin","status":"taken","dose":500,"unit":"mg","time":"08:00",\
        "scheduled_for":"2024-03-10T07:00:00Z","taken_at":"2024-03-10T07:00:00Z","side_effects":["headache"]}"""
        .formatted(metformin));
    assertThat(new EventSchemas().validate(EventType.MEDICATION, event.get("data"), "data")).isEmpty();
  }

  @Test
  void a_dose_taken_without_a_schedule_is_new_each_time_unless_it_names_its_id() {
    String id = UUID.randomUUID().toString();
    String dose = "{\"status\":\"taken\",\"id\":\"" + id + "\",\"taken_at\":\"2024-03-11T13:00:00+01:00\",\"notes\":\"back pain\"}";

    assertThat(api.post(doses(ibuprofen), user.token(), dose).status()).isEqualTo(201);
    assertThat(api.post(doses(ibuprofen), user.token(), dose).status()).isEqualTo(200);
    refused(api, 409, "id", () -> api.post(doses(ibuprofen), user.token(), dose.replace("back pain", "knee")));
    Response other = api.post(doses(ibuprofen), user.token(), "{\"status\":\"taken\"}");
    assertThat(other.status()).isEqualTo(201);
    JsonNode event = api.get("/v1/users/" + user.id() + "/events/" + other.json().get("event_id").asText(), user.token()).json();
    assertThat(event.get("subtype").asText()).isEqualTo("as_needed");
    assertThat(Duration.between(Instant.parse(other.json().get("taken_at").asText()), Instant.now()).abs())
        .isLessThan(Duration.ofMinutes(1));
  }

  @Test
  void serve_writes_missed_doses_in_the_background_once_their_day_has_passed() throws InterruptedException {
    var someone = api.newUser("Asia/Tokyo");
    String med = api.post("/v1/users/" + someone.id() + "/medications", someone.token(), METFORMIN).json().get("id").asText();
    // As if it had been defined three days ago.
    TestSql.count(api.db, "UPDATE user_medications SET doses_settled_until = now() - interval '3 days' WHERE id = '" + med + "' RETURNING 1");

    api.app.background().start(Duration.ofMillis(100));
    String missed = "SELECT count(*) FROM medication_adherence WHERE medication_id = '" + med + "' AND status = 'missed'";
    for (int i = 0; i < 200 && TestSql.count(api.db, missed) == 0; i++) Thread.sleep(100);

    assertThat(TestSql.count(api.db, missed)).isBetween(4L, 6L);
  }

  // ---- bad input: each refused naming its field, nothing written ----

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      name                  | {"schedule":{"times":["08:00"]}}
      name                  | {"name":"","schedule":{"times":["08:00"]}}
      dose                  | {"name":"X","dose":0,"schedule":{"times":["08:00"]}}
      dose                  | {"name":"X","dose":-5,"schedule":{"times":["08:00"]}}
      dose                  | {"name":"X","dose":"50","schedule":{"times":["08:00"]}}
      unit                  | {"name":"X","unit":"milligrams-milligrams-milligrams-milligrams-milligram","schedule":{"times":["08:00"]}}
      as_needed             | {"name":"X","as_needed":"yes"}
      schedule              | {"name":"X"}
      schedule              | {"name":"X","as_needed":true,"schedule":{"times":["08:00"]}}
      schedule              | {"name":"X","schedule":"08:00"}
      schedule.times        | {"name":"X","schedule":{}}
      schedule.times        | {"name":"X","schedule":{"times":[]}}
      schedule.times        | {"name":"X","schedule":{"times":"08:00"}}
      schedule.times[0]     | {"name":"X","schedule":{"times":["8:00"]}}
      schedule.times[1]     | {"name":"X","schedule":{"times":["08:00","24:00"]}}
      schedule.times[1]     | {"name":"X","schedule":{"times":["08:00","08:00"]}}
      schedule.days[0]      | {"name":"X","schedule":{"times":["08:00"],"days":["monday"]}}
      schedule.days[0]      | {"name":"X","schedule":{"times":["08:00"],"days":[1]}}
      schedule.days         | {"name":"X","schedule":{"times":["08:00"],"days":[]}}
      schedule.every        | {"name":"X","schedule":{"times":["08:00"],"every":"day"}}
      start_date            | {"name":"X","schedule":{"times":["08:00"]},"start_date":"2024-02-30"}
      start_date            | {"name":"X","schedule":{"times":["08:00"]},"start_date":"1850-01-01"}
      end_date              | {"name":"X","schedule":{"times":["08:00"]},"start_date":"2024-03-10","end_date":"2024-03-09"}
      active                | {"name":"X","schedule":{"times":["08:00"]},"active":false}
      colour                | {"name":"X","schedule":{"times":["08:00"]},"colour":"red"}
      body                  | ["X"]
      """)
  void a_bad_medication_is_refused_naming_the_field(String field, String body) {
    refused(api, 400, field, () -> api.post(medications(), user.token(), body));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      name                  | {"name":null}
      schedule              | {"schedule":null}
      schedule.times[0]     | {"schedule":{"times":["noon"]}}
      end_date              | {"end_date":"2024-01-01"}
      active                | {"active":"no"}
      id                    | {"id":"x"}
      body                  | []
      """)
  void a_bad_change_of_a_medication_is_refused_naming_the_field(String field, String body) {
    refused(api, 400, field, () -> api.patch(medications() + "/" + metformin, user.token(), body));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(delimiter = '|', textBlock = """
      status         | {"scheduled_for":"2024-03-12T08:00:00+01:00"}
      status         | {"status":"forgot","scheduled_for":"2024-03-12T08:00:00+01:00"}
      scheduled_for  | {"status":"skipped"}
      scheduled_for  | {"status":"late","taken_at":"2024-03-12T09:00:00+01:00"}
      scheduled_for  | {"status":"taken","scheduled_for":"2024-03-12T09:00:00+01:00"}
      scheduled_for  | {"status":"taken","scheduled_for":"2024-02-12T08:00:00+01:00"}
      scheduled_for  | {"status":"taken","scheduled_for":"2024-03-12T08:00:00"}
      scheduled_for  | {"status":"taken","scheduled_for":"2199-03-12T08:00:00+01:00"}
      taken_at       | {"status":"skipped","scheduled_for":"2024-03-12T08:00:00+01:00","taken_at":"2024-03-12T08:00:00+01:00"}
      taken_at       | {"status":"taken","scheduled_for":"2024-03-12T08:00:00+01:00","taken_at":"2199-01-01T08:00:00+01:00"}
      id             | {"status":"taken","scheduled_for":"2024-03-12T08:00:00+01:00","id":"0b9c0a8e-0b8c-4f56-9d0e-8b2f1c6f1a11"}
      id             | {"status":"taken","id":"1-1-1-1-1"}
      side_effects   | {"status":"taken","scheduled_for":"2024-03-12T08:00:00+01:00","side_effects":"nausea"}
      side_effects[0]| {"status":"taken","scheduled_for":"2024-03-12T08:00:00+01:00","side_effects":[7]}
      side_effects[1]| {"status":"taken","scheduled_for":"2024-03-12T08:00:00+01:00","side_effects":["nausea",""]}
      notes          | {"status":"taken","scheduled_for":"2024-03-12T08:00:00+01:00","notes":""}
      taken          | {"status":"taken","scheduled_for":"2024-03-12T08:00:00+01:00","taken":true}
      """)
  void a_bad_dose_is_refused_naming_the_field(String field, String body) {
    refused(api, 400, field, () -> api.post(doses(metformin), user.token(), body));
  }

  @Test
  void a_dose_with_too_many_or_too_long_side_effects_is_refused_naming_the_field() {
    String many = "\"x\",".repeat(50) + "\"x\"";
    refused(api, 400, "side_effects", () -> api.post(doses(metformin), user.token(),
        "{\"status\":\"taken\",\"scheduled_for\":\"2024-03-12T08:00:00+01:00\",\"side_effects\":[" + many + "]}"));
    refused(api, 400, "side_effects[0]", () -> api.post(doses(metformin), user.token(),
        "{\"status\":\"taken\",\"scheduled_for\":\"2024-03-12T08:00:00+01:00\",\"side_effects\":[\"" + "x".repeat(201) + "\"]}"));
    refused(api, 400, "notes", () -> api.post(doses(metformin), user.token(),
        "{\"status\":\"taken\",\"scheduled_for\":\"2024-03-12T08:00:00+01:00\",\"notes\":\"" + "x".repeat(10_001) + "\"}"));
  }

  @Test
  void a_scheduled_time_for_a_medication_taken_as_needed_is_refused_naming_scheduled_for() {
    refused(api, 400, "scheduled_for", () -> api.post(doses(ibuprofen), user.token(),
        "{\"status\":\"taken\",\"scheduled_for\":\"2024-03-12T08:00:00+01:00\"}"));
  }

  @Test
  void a_dose_of_an_unknown_medication_or_another_users_is_a_404_naming_medication_id() {
    String dose = "{\"status\":\"taken\",\"scheduled_for\":\"2024-03-12T08:00:00+01:00\"}";
    refused(api, 404, "medicationId", () -> api.post(doses(UUID.randomUUID().toString()), user.token(), dose));
    var other = api.newUser();
    String theirs = api.post("/v1/users/" + other.id() + "/medications", other.token(), METFORMIN).json().get("id").asText();
    refused(api, 404, "medicationId", () -> api.post(doses(theirs), user.token(), dose));
    refused(api, 404, "medicationId", () -> api.get(medications() + "/" + theirs, user.token()));
    refused(api, 404, "medicationId", () -> api.patch(medications() + "/" + theirs, user.token(), "{\"name\":\"mine\"}"));
    refused(api, 400, "medicationId", () -> api.post(doses("not-a-uuid"), user.token(), dose));
  }

  @Test
  void an_unknown_user_is_a_404_naming_user_id() {
    String nobody = "/v1/users/" + UUID.randomUUID() + "/medications";
    refused(api, 404, "userId", () -> api.post(nobody, api.serviceToken, METFORMIN));
    refused(api, 404, "userId", () -> api.get(nobody, api.serviceToken));
    refused(api, 404, "userId", () -> api.get(nobody + "/adherence", api.serviceToken));
    refused(api, 404, "userId", () -> api.get(nobody + "/" + metformin, api.serviceToken));
    refused(api, 404, "userId", () -> api.post(nobody + "/" + metformin + "/doses", api.serviceToken, "{\"status\":\"taken\"}"));
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource(delimiter = '|', textBlock = """
      days             | /adherence?days=0
      days             | /adherence?days=366
      days             | /adherence?days=week
      include_inactive | ?include_inactive=maybe
      limit            | /{metformin}/doses?limit=0
      from             | /{metformin}/doses?from=2024-03-02T00:00:00Z&to=2024-03-01T00:00:00Z
      to               | /{metformin}/doses?to=yesterday
      """)
  void a_bad_query_is_refused_naming_the_parameter(String field, String query) {
    refused(api, 400, field, () -> api.get(medications() + query.replace("{metformin}", metformin), user.token()));
  }
}
