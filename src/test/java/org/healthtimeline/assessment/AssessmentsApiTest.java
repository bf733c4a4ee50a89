package org.healthtimeline.assessment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.healthtimeline.testing.Refusals.refused;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.UUID;
import org.healthtimeline.testing.TestApi;
import org.healthtimeline.testing.TestApi.Response;
import org.healthtimeline.timeline.EventSchemas;
import org.healthtimeline.timeline.EventType;
import org.healthtimeline.web.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** PHQ-4, GAD-7 and the sleep quiz through the API: scores and bands as published, and every bad answer refused. */
class AssessmentsApiTest {
  static TestApi api;
  static TestApi.User user;
  static final String QUIZ = """
      {"answers":{"hours":"5_to_6","latency":"15_to_30","wakings":"none","regularity":"1_to_2_h","screens":"every_night",
       "caffeine":"before_noon","daytime":"mostly","quality":"fairly_good"}}""";

  @BeforeAll
  static void up() {
    api = TestApi.start();
    user = api.newUser("Europe/Berlin");
  }

  @AfterAll
  static void down() {
    api.close();
  }

  static String responses(String code) {
    return "/v1/users/" + user.id() + "/assessments/" + code + "/responses";
  }

  static String sleepQuiz() {
    return "/v1/users/" + user.id() + "/sleep-quiz";
  }

  @Test
  void the_definitions_have_the_published_items_scale_and_bands_and_name_their_source() {
    JsonNode items = api.get("/v1/assessments", user.token()).json().get("items");

    assertThat(items).extracting(i -> i.get("code").asText()).containsExactly("gad7", "phq4");
    JsonNode phq4 = items.get(1);
    assertThat(phq4.get("items")).hasSize(4);
    assertThat(phq4.at("/scoring/answers").findValuesAsText("value")).containsExactly("0", "1", "2", "3");
    assertThat(phq4.at("/scoring/bands").toString()).isEqualTo("""
        [{"max":2,"min":0,"severity":"normal"},{"max":5,"min":3,"severity":"mild"},\
        {"max":8,"min":6,"severity":"moderate"},{"max":12,"min":9,"severity":"severe"}]""");
    assertThat(phq4.at("/scoring/source").asText()).contains("Kroenke", "Psychosomatics 2009");
    assertThat(items.get(0).get("items")).hasSize(7);
    assertThat(items.get(0).at("/scoring/source").asText()).contains("Spitzer", "Arch Intern Med 2006");
  }

  @ParameterizedTest(name = "PHQ-4 {0} -> {1}, anxiety {2}, depression {3}")
  @CsvSource({
      "0,0,0,0, 0, normal, false, false", "1,1,0,0, 2, normal, false, false", "2,1,0,0, 3, mild, true, false",
      "1,1,1,2, 5, mild, false, true", "1,1,2,2, 6, moderate, false, true", "2,2,2,2, 8, moderate, true, true",
      "3,3,3,0, 9, severe, true, true", "3,3,3,3, 12, severe, true, true"})
  void a_phq4_is_scored_by_its_total_band_and_subscales(int a, int b, int c, int d, int score, String severity,
      boolean anxiety, boolean depression) {
    Response r = api.post(responses("phq4"), user.token(), "{\"answers\":[%d,%d,%d,%d]}".formatted(a, b, c, d));

    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    assertThat(r.json().get("score").asInt()).isEqualTo(score);
    assertThat(r.json().get("severity").asText()).isEqualTo(severity);
    assertThat(r.json().at("/subscales/anxiety/positive").asBoolean()).isEqualTo(anxiety);
    assertThat(r.json().at("/subscales/depression/positive").asBoolean()).isEqualTo(depression);
  }

  @ParameterizedTest(name = "GAD-7 total {0} -> {1}")
  @CsvSource({"0, minimal", "4, minimal", "5, mild", "9, mild", "10, moderate", "14, moderate", "15, severe", "21, severe"})
  void a_gad7_is_scored_by_the_published_cut_points_5_10_and_15(int total, String severity) {
    int[] answers = new int[7];
    for (int i = 0, left = total; i < 7; i++, left -= answers[i - 1]) answers[i] = Math.min(3, left);
    Response r = api.post(responses("gad7"), user.token(), "{\"answers\":" + java.util.Arrays.toString(answers) + "}");

    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    assertThat(r.json().get("score").asInt()).isEqualTo(total);
    assertThat(r.json().get("severity").asText()).isEqualTo(severity);
    assertThat(r.json().get("subscales").isNull()).isTrue();
  }

  @Test
  void a_response_is_an_assessment_event_on_the_timeline_and_sending_it_again_with_its_id_is_a_replay() {
    String body = "{\"id\":\"" + UUID.randomUUID() + "\",\"answers\":[2,1,0,1],\"completed_at\":\"2024-03-10T09:00:00+01:00\"}";

    Response first = api.post(responses("phq4"), user.token(), body);
    Response again = api.post(responses("phq4"), user.token(), body);

    assertThat(first.status()).isEqualTo(201);
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.json()).isEqualTo(first.json());
    JsonNode event = api.get("/v1/users/" + user.id() + "/events/" + first.json().get("event_id").asText(), user.token()).json();
    assertThat(event.get("type").asText()).isEqualTo("assessment");
    assertThat(event.get("subtype").asText()).isEqualTo("phq4");
    assertThat(event.get("occurred_at").asText()).isEqualTo("2024-03-10T08:00:00Z");
    assertThat(event.get("source_table").asText()).isEqualTo("assessment_responses");
    assertThat(event.get("data")).isEqualTo(Json.read("""
        {"instrument":"phq4","name":"PHQ-4","assessment_id":"%s","score":4,"severity":"mild","answers":[2,1,0,1],
         "subscales":{"anxiety":{"score":3,"positive":true},"depression":{"score":1,"positive":false}}}"""
        .formatted(first.json().get("id").asText())));
    assertThat(new EventSchemas().validate(EventType.ASSESSMENT, event.get("data"), "data")).isEmpty();
    refused(api, 409, "id", () -> api.post(responses("phq4"), user.token(), body.replace("[2,1,0,1]", "[0,0,0,0]")));
    assertThat(api.get(responses("phq4") + "?from=2024-03-10T00:00:00Z&to=2024-03-11T00:00:00Z", user.token())
        .json().get("items").findValuesAsText("id")).containsExactly(first.json().get("id").asText());
  }

  @Test
  void the_sleep_quiz_is_scored_banded_and_advised_and_is_an_assessment_event() {
    assertThat(api.get("/v1/sleep-quiz", user.token()).json().get("questions")).hasSize(8);

    Response r = api.post(sleepQuiz(), user.token(), QUIZ);

    // 1 + 2 + 3 + 1 + 0 + 3 + 2 + 2 = 14 of 24 points: 58.
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    assertThat(r.json().get("sleep_score").asInt()).isEqualTo(58);
    assertThat(r.json().get("band").asText()).isEqualTo("fair");
    assertThat(r.json().get("recommendations").findValuesAsText("question")).containsExactly("hours", "regularity", "screens");
    JsonNode event = api.get("/v1/users/" + user.id() + "/events/" + r.json().get("event_id").asText(), user.token()).json();
    assertThat(event.get("subtype").asText()).isEqualTo("sleep_quiz");
    assertThat(event.at("/data/score").asInt()).isEqualTo(58);
    assertThat(new EventSchemas().validate(EventType.ASSESSMENT, event.get("data"), "data")).isEmpty();
    assertThat(api.get(sleepQuiz(), user.token()).json().get("items").findValuesAsText("id")).contains(r.json().get("id").asText());
  }

  // ---- bad input: each refused naming its field, nothing written ----

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(delimiter = '|', textBlock = """
      answers      | {"answers":[1,2,3]}
      answers      | {"answers":[1,2,3,0,1]}
      answers      | {}
      answers      | {"answers":{"1":2}}
      answers[3]   | {"answers":[1,2,3,4]}
      answers[0]   | {"answers":[-1,2,3,0]}
      answers[1]   | {"answers":[1,1.5,3,0]}
      answers[2]   | {"answers":[1,2,"3",0]}
      answers[3]   | {"answers":[1,2,3,null]}
      completed_at | {"answers":[1,2,3,0],"completed_at":"2199-01-01T00:00:00Z"}
      completed_at | {"answers":[1,2,3,0],"completed_at":"yesterday"}
      id           | {"answers":[1,2,3,0],"id":"42"}
      score        | {"answers":[1,2,3,0],"score":6}
      body         | [1,2,3,0]
      """)
  void a_bad_phq4_is_refused_naming_the_field(String field, String body) {
    refused(api, 400, field, () -> api.post(responses("phq4"), user.token(), body));
  }

  @Test
  void an_unknown_questionnaire_or_user_is_a_404_naming_it() {
    refused(api, 404, "code", () -> api.post(responses("phq9"), user.token(), "{\"answers\":[1,1,1,1]}"));
    refused(api, 404, "code", () -> api.get(responses("phq9"), user.token()));
    String nobody = "/v1/users/" + UUID.randomUUID();
    refused(api, 404, "userId", () -> api.post(nobody + "/assessments/phq4/responses", api.serviceToken, "{\"answers\":[1,1,1,1]}"));
    refused(api, 404, "userId", () -> api.get(nobody + "/assessments/phq4/responses", api.serviceToken));
    refused(api, 404, "userId", () -> api.post(nobody + "/sleep-quiz", api.serviceToken, QUIZ));
    refused(api, 404, "userId", () -> api.get(nobody + "/sleep-quiz", api.serviceToken));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(delimiter = '|', textBlock = """
      answers.quality  | ,"quality":"fairly_good"  | 
      answers.hours    | "hours":"5_to_6"          | "hours":"lots"
      answers.hours    | "hours":"5_to_6"          | "hours":6
      answers.mood     | "hours":"5_to_6"          | "hours":"5_to_6","mood":"great"
      """)
  void a_bad_sleep_quiz_is_refused_naming_the_answer(String field, String replace, String with) {
    refused(api, 400, field, () -> api.post(sleepQuiz(), user.token(), QUIZ.replace(replace, with == null ? "" : with)));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(delimiter = '|', textBlock = """
      answers      | {}
      answers      | {"answers":["5_to_6"]}
      submitted_at | {"submitted_at":"2199-01-01T00:00:00Z","answers":{}}
      limit        | GET ?limit=0
      from         | GET ?from=2024-03-02T00:00:00Z&to=2024-03-01T00:00:00Z
      """)
  void a_bad_sleep_quiz_request_is_refused_naming_the_field(String field, String request) {
    if (request.startsWith("GET ")) refused(api, 400, field, () -> api.get(sleepQuiz() + request.substring(4), user.token()));
    else refused(api, 400, field, () -> api.post(sleepQuiz(), user.token(), request));
  }
}
