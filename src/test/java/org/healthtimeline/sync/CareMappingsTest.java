package org.healthtimeline.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.healthtimeline.assessment.ResponseEvents;
import org.healthtimeline.assessment.SleepQuizEvents;
import org.healthtimeline.medication.DoseEvents;
import org.healthtimeline.testing.TestApi;
import org.healthtimeline.testing.TestSql;
import org.healthtimeline.timeline.EventSchemas;
import org.healthtimeline.timeline.EventType;
import org.healthtimeline.web.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The mappings of medication_adherence, assessment_responses and sleep_quiz_submissions: the event sync makes of a
 * row is the one the API wrote for it, rows another program writes with plain SQL become valid events once, and
 * rows that cannot become one are named with their problem.
 */
class CareMappingsTest {
  static TestApi api;
  static TestApi.User user;
  static String medication;

  @BeforeAll
  static void up() {
    api = TestApi.start();
    user = api.newUser("Europe/Berlin");
    medication = api.post(base() + "/medications", user.token(), """
        {"name":"Metformin","dose":500,"unit":"mg","schedule":{"times":["08:00"]},"start_date":"2024-03-01"}""")
        .json().get("id").asText();
  }

  @AfterAll
  static void down() {
    api.close();
  }

  static String base() {
    return "/v1/users/" + user.id();
  }

  @Test
  void every_care_table_is_a_source_of_sync_and_backfill() {
    assertThat(Sources.ALL).contains(DoseEvents.MAPPING, ResponseEvents.MAPPING, SleepQuizEvents.MAPPING);
  }

  @Test
  void sync_makes_of_a_dose_the_event_the_api_wrote() {
    String eventId = api.post(base() + "/medications/" + medication + "/doses", user.token(), """
        {"status":"late","scheduled_for":"2024-03-10T08:00:00+01:00","taken_at":"2024-03-10T10:30:00+01:00",
         "side_effects":["dizzy"],"notes":"forgot"}""").json().get("event_id").asText();
    assertSyncRemakes(DoseEvents.MAPPING, eventId);
  }

  @Test
  void sync_makes_of_a_questionnaire_response_the_event_the_api_wrote() {
    String eventId = api.post(base() + "/assessments/phq4/responses", user.token(), "{\"answers\":[3,1,2,2]}")
        .json().get("event_id").asText();
    assertSyncRemakes(ResponseEvents.MAPPING, eventId);
  }

  @Test
  void sync_makes_of_a_sleep_quiz_the_event_the_api_wrote() {
    String eventId = api.post(base() + "/sleep-quiz", user.token(), """
        {"answers":{"hours":"under_5","latency":"over_60","wakings":"5_or_more","regularity":"over_2_h",
         "screens":"every_night","caffeine":"evening","daytime":"struggle","quality":"very_bad"}}""")
        .json().get("event_id").asText();
    assertSyncRemakes(SleepQuizEvents.MAPPING, eventId);
  }

  @Test
  void rows_written_with_plain_sql_become_valid_events_once_and_unfit_rows_are_named() {
    var other = api.newUser("America/New_York");
    String u = other.id().toString();
    TestSql.execute(api.db, """
        INSERT INTO user_medications (user_id, id, name, schedule) VALUES ('%1$s', '%2$s', 'Aspirin', '{"times":["09:00"]}'),
          ('%1$s', '%3$s', '%4$s', NULL);
        INSERT INTO medication_adherence (user_id, medication_id, scheduled_for, status) VALUES ('%1$s', '%2$s', '2024-03-10 09:00-04', 'missed');
        INSERT INTO medication_adherence (user_id, medication_id, taken_at, status, side_effects) VALUES
          ('%1$s', '%2$s', '2024-03-10 13:00-04', 'taken', NULL), ('%1$s', '%3$s', '2024-03-10 14:00-04', 'taken', '[]'),
          ('%1$s', '%2$s', '2024-03-10 15:00-04', 'taken', '[42]');
        INSERT INTO assessment_responses (user_id, assessment_code, answers, score, severity) VALUES
          ('%1$s', 'gad7', '[0,1,1,0,0,1,0]', 3, 'minimal'), ('%1$s', 'phq4', '[1,1,1,1]', NULL, NULL), ('%1$s', 'phq4', '"x"', 4, 'mild');
        INSERT INTO sleep_quiz_submissions (user_id, responses, sleep_score) VALUES ('%1$s', '{"hours":"7_to_9"}', NULL),
          ('%1$s', '{"hours":"7_to_9"}', 70), ('%1$s', '{}', 5000);
        """.formatted(u, UUID.randomUUID(), UUID.randomUUID(), "x".repeat(201)));

    int made = api.db.tx().inTransaction(c -> {
      int n = 0;
      for (SourceMapping m : List.of(DoseEvents.MAPPING, ResponseEvents.MAPPING, SleepQuizEvents.MAPPING)) {
        n += SourceEvents.insertMissing(c, m, null, "s.user_id = ?", other.id());
      }
      return n;
    });
    int again = api.db.tx().inTransaction(c -> SourceEvents.insertMissing(c, DoseEvents.MAPPING, null, "s.user_id = ?", other.id()));

    assertThat(made).isEqualTo(6);
    assertThat(again).isZero();
    var schemas = new EventSchemas();
    for (String row : TestSql.strings(api.db, "SELECT type || E'\\t' || data FROM health_events WHERE user_id = '" + u + "'")) {
      String[] parts = row.split("\t", 2);
      JsonNode data = Json.read(parts[1]);
      assertThat(schemas.validate(EventType.fromWire(parts[0]).orElseThrow(), data, "data")).as(parts[1]).isEmpty();
    }
    var problems = new ArrayList<String>();
    var engine = new BackfillEngine(api.db.tx(), 100, BackfillEngine.Progress.NONE);
    for (SourceMapping m : List.of(DoseEvents.MAPPING, ResponseEvents.MAPPING, SleepQuizEvents.MAPPING)) {
      for (var p : engine.backfill(m, true).examples()) if (p.userId().equals(other.id())) problems.add(m.table() + " " + p.reason());
    }
    assertThat(problems).containsExactlyInAnyOrder(
        "medication_adherence name: must be 1 to 200 characters",
        "medication_adherence side_effects: each must be a text of at most 200 characters",
        "assessment_responses answers: must be a JSON array or object",
        "sleep_quiz_submissions sleep_score: must be between 0 and 1000");
  }

  /** Deletes the event the API wrote for a row, lets sync make it again, and compares the two. */
  private static void assertSyncRemakes(SourceMapping m, String eventId) {
    String columns = "id, type, subtype, occurred_at, ended_at, utc_offset_min, data::text, source_table, source_id";
    List<String> written = TestSql.strings(api.db, "SELECT " + columns + " FROM health_events WHERE id = '" + eventId + "'");
    String sourceId = TestSql.strings(api.db, "SELECT source_id FROM health_events WHERE id = '" + eventId + "'").getFirst();
    TestSql.execute(api.db, "DELETE FROM health_events WHERE id = '" + eventId + "'");

    int made = api.db.tx().inTransaction(c -> SourceEvents.insertMissing(c, m, null, "s.user_id = ? AND s.id = ?::uuid", user.id(), sourceId));

    assertThat(made).isOne();
    assertThat(TestSql.strings(api.db, "SELECT " + columns + " FROM health_events WHERE id = '" + eventId + "'")).isEqualTo(written);
  }
}
