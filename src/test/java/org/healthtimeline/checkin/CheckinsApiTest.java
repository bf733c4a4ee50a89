package org.healthtimeline.checkin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.healthtimeline.testing.Refusals.refused;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.UUID;
import org.healthtimeline.db.Database;
import org.healthtimeline.db.Migrations;
import org.healthtimeline.testing.TestApi;
import org.healthtimeline.testing.TestApi.Response;
import org.healthtimeline.testing.TestDatabases;
import org.healthtimeline.testing.TestSql;
import org.healthtimeline.web.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Seed 002's legacy check-ins: the view over mood and symptom events, and the legacy POST's dual write. */
class CheckinsApiTest {
  static TestApi api;

  @BeforeAll
  static void up() {
    api = TestApi.start();
  }

  @AfterAll
  static void down() {
    api.close();
  }

  static String checkins(TestApi.User u) {
    return "/v1/users/" + u.id() + "/checkins";
  }

  @Test
  void a_legacy_check_in_is_a_mood_event_and_a_symptom_event_per_side_effect_and_answers_with_its_day() {
    var u = api.newUser("Europe/Berlin");

    Response r = api.post(checkins(u), u.token(), """
        {"occurred_at":"2024-03-10T20:00:00+01:00","mood_today":"anxious","confidence_today":7,"anxiety_level":6,
         "side_effects":["headache","bloating","headache"],"notes":"Worried about the retrieval"}""");

    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    assertThat(r.json()).isEqualTo(Json.read("""
        {"user_id":"%s","checkin_date":"2024-03-10","mood_today":"anxious","mood_rating":null,"confidence_today":7,
         "anxiety_level":6,"side_effects":["bloating","headache"],"symptoms":["bloating","headache"],
         "notes":"Worried about the retrieval","mood_events":1,"symptom_events":2,
         "first_at":"2024-03-10T19:00:00Z","last_at":"2024-03-10T19:00:00Z"}""".formatted(u.id())));
    JsonNode events = api.get("/v1/users/" + u.id() + "/events?order=asc", u.token()).json().get("items");
    assertThat(events).extracting(e -> e.get("type").asText() + "/" + e.get("subtype").asText() + " " + e.get("data"))
        .containsExactlyInAnyOrder(
            "mood/daily_checkin {\"mood\":\"anxious\",\"confidence\":7,\"anxiety_level\":6,\"note\":\"Worried about the retrieval\"}",
            "symptom/side_effect {\"symptom_type\":\"headache\"}", "symptom/side_effect {\"symptom_type\":\"bloating\"}");
  }

  @Test
  void the_view_builds_each_local_day_from_the_days_mood_and_symptom_events_however_they_were_written() {
    var u = api.newUser("Europe/Berlin");
    String events = "/v1/users/" + u.id() + "/events";
    api.post(checkins(u), u.token(), "{\"occurred_at\":\"2024-03-10T09:00:00+01:00\",\"mood_today\":\"tired\",\"side_effects\":[\"nausea\"]}");
    api.post(checkins(u), u.token(), "{\"occurred_at\":\"2024-03-10T21:00:00+01:00\",\"mood_today\":\"better\",\"confidence_today\":8}");
    // A mood event as seed 002's clients wrote them, a mood rating from seed 000, a symptom, and the next local day.
    api.post(events, u.token(), "{\"type\":\"mood\",\"occurred_at\":\"2024-03-10T12:00:00+01:00\",\"data\":{\"mood_rating\":6}}");
    api.post(events, u.token(), """
        {"type":"symptom","occurred_at":"2024-03-10T15:00:00+01:00","data":{"symptoms":["fatigue","cramps"],"severity":4}}""");
    api.post(events, u.token(), """
        {"type":"mood","subtype":"daily_checkin","occurred_at":"2024-03-10T23:30:00Z",
         "data":{"mood":"calm","confidence":5,"side_effects":["dry mouth"]}}""");
    String deleted = api.post(events, u.token(), """
        {"type":"symptom","subtype":"side_effect","occurred_at":"2024-03-10T16:00:00+01:00","data":{"symptom_type":"rash"}}""")
        .json().get("id").asText();
    api.delete(events + "/" + deleted, u.token());

    JsonNode items = api.get(checkins(u) + "?from=2024-03-09&to=2024-03-12", u.token()).json().get("items");

    assertThat(items).hasSize(2);
    JsonNode eleventh = items.get(0);
    assertThat(eleventh.get("checkin_date").asText()).isEqualTo("2024-03-11");
    assertThat(eleventh.get("mood_today").asText()).isEqualTo("calm");
    assertThat(eleventh.get("side_effects").toString()).isEqualTo("[\"dry mouth\"]");
    JsonNode tenth = items.get(1);
    // The later of the day's two check-ins, not the rating written between them.
    assertThat(tenth.get("mood_today").asText()).isEqualTo("better");
    assertThat(tenth.get("confidence_today").asInt()).isEqualTo(8);
    assertThat(tenth.get("side_effects").toString()).isEqualTo("[\"nausea\"]");
    assertThat(tenth.get("symptoms").toString()).isEqualTo("[\"cramps\", \"fatigue\", \"nausea\"]".replace(", ", ","));
    assertThat(tenth.get("mood_events").asInt()).isEqualTo(3);
    // Old code reads the view with plain SQL and sees the same.
    assertThat(TestSql.strings(api.db, "SELECT checkin_date || ' ' || mood_today FROM daily_checkins_legacy WHERE user_id = '" + u.id()
        + "' ORDER BY checkin_date")).containsExactly("2024-03-10 better", "2024-03-11 calm");
  }

  @Test
  void a_check_in_sent_again_with_its_checkin_id_is_a_replay_and_with_other_values_a_conflict() {
    var u = api.newUser();
    String body = "{\"checkin_id\":\"c-1\",\"occurred_at\":\"2024-03-10T20:00:00Z\",\"mood_today\":\"ok\",\"side_effects\":[\"itch\"]}";

    assertThat(api.post(checkins(u), u.token(), body).status()).isEqualTo(201);
    Response again = api.post(checkins(u), u.token(), body);
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.json().get("mood_events").asInt()).isOne();
    refused(api, 409, "checkin_id", () -> api.post(checkins(u), u.token(), body.replace("\"ok\"", "\"low\"")));
  }

  @Test
  void when_a_side_effect_cannot_be_written_the_mood_event_is_not_written_either() {
    var u = api.newUser();
    TestSql.execute(api.db, "ALTER TABLE health_events ADD CONSTRAINT test_no_side_effects CHECK (subtype IS DISTINCT FROM 'side_effect') NOT VALID");
    try {
      assertThat(api.post(checkins(u), u.token(), "{\"mood_today\":\"ok\",\"side_effects\":[\"itch\"]}").status()).isEqualTo(500);
    } finally {
      TestSql.execute(api.db, "ALTER TABLE health_events DROP CONSTRAINT test_no_side_effects");
    }
    assertThat(TestSql.strings(api.db, "SELECT count(*) FROM health_events WHERE user_id = '" + u.id() + "'")).containsExactly("0");
  }

  @Test
  void undoing_the_timeline_migration_drops_the_view_and_migrate_makes_it_again() {
    try (Database db = TestDatabases.fresh()) {
      Migrations.undo(db.dataSource(), "2");
      assertThat(TestSql.count(db, "SELECT count(*) FROM pg_views WHERE viewname = 'daily_checkins_legacy'")).isZero();
      Migrations.migrate(db.dataSource());
      assertThat(TestSql.count(db, "SELECT count(*) FROM daily_checkins_legacy")).isZero();
    }
  }

  // ---- bad input: each refused naming its field, nothing written ----

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(delimiter = '|', textBlock = """
      mood_today       | {"anxiety_level":3}
      mood_today       | {"mood_today":""}
      mood_today       | {"mood_today":7}
      anxiety_level    | {"mood_today":"ok","anxiety_level":11}
      confidence_today | {"mood_today":"ok","confidence_today":-1}
      mood_rating      | {"mood_today":"ok","mood_rating":0}
      mood_rating      | {"mood_today":"ok","mood_rating":"7"}
      side_effects     | {"mood_today":"ok","side_effects":"headache"}
      side_effects[0]  | {"mood_today":"ok","side_effects":[""]}
      side_effects[1]  | {"mood_today":"ok","side_effects":["itch",7]}
      occurred_at      | {"mood_today":"ok","occurred_at":"2199-01-01T00:00:00Z"}
      occurred_at      | {"mood_today":"ok","occurred_at":"today"}
      checkin_id       | {"mood_today":"ok","checkin_id":""}
      mood             | {"mood_today":"ok","mood":"sad"}
      body             | "ok"
      """)
  void a_bad_check_in_is_refused_naming_the_field(String field, String body) {
    var u = api.newUser();
    refused(api, 400, field, () -> api.post(checkins(u), u.token(), body));
  }

  @Test
  void too_many_or_too_long_values_are_refused_naming_the_field() {
    var u = api.newUser();
    refused(api, 400, "side_effects", () -> api.post(checkins(u), u.token(),
        "{\"mood_today\":\"ok\",\"side_effects\":[" + "\"x\",".repeat(50) + "\"y\"]}"));
    refused(api, 400, "notes", () -> api.post(checkins(u), u.token(), "{\"mood_today\":\"ok\",\"notes\":\"" + "n".repeat(10_001) + "\"}"));
    refused(api, 400, "mood_today", () -> api.post(checkins(u), u.token(), "{\"mood_today\":\"" + "m".repeat(101) + "\"}"));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(delimiter = '|', textBlock = """
      from | ?from=2024-03-10&to=2024-03-01
      from | ?from=March
      to   | ?to=2024-02-30
      to   | ?to=3000-01-01
      """)
  void a_bad_range_is_refused_naming_the_parameter(String field, String query) {
    var u = api.newUser();
    refused(api, 400, field, () -> api.get(checkins(u) + query, u.token()));
  }

  @Test
  void an_unknown_user_is_a_404_naming_user_id() {
    String nobody = "/v1/users/" + UUID.randomUUID() + "/checkins";
    refused(api, 404, "userId", () -> api.get(nobody, api.serviceToken));
    refused(api, 404, "userId", () -> api.post(nobody, api.serviceToken, "{\"mood_today\":\"ok\"}"));
  }
}
