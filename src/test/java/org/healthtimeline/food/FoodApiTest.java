package org.healthtimeline.food;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.healthtimeline.testing.TestApi;
import org.healthtimeline.web.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class FoodApiTest {
  static TestApi api;

  @BeforeAll
  static void up() {
    api = TestApi.start();
  }

  @AfterAll
  static void down() {
    api.close();
  }

  static String meals(TestApi.User u) {
    return "/v1/users/" + u.id() + "/meals";
  }

  static final String LUNCH = """
      {"occurred_at":"2024-03-10T12:30:00-05:00","meal_type":"lunch","notes":"after the run","photo_path":"/photos/lunch.jpg",
       "foods":[{"name":"Chicken breast","quantity":"200g","calories":330,"macros":{"protein":62,"carbs":0,"fat":7}},
                {"name":"Rice","quantity":1.5,"calories":205,"macros":{"protein":4,"carbs":45,"fat":0.4}}]}""";

  static JsonNode log(TestApi.User u, String body) {
    var r = api.post(meals(u), u.token(), body);
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    return r.json();
  }

  static JsonNode event(TestApi.User u, JsonNode meal) {
    var r = api.get("/v1/users/" + u.id() + "/events/" + meal.get("event_id").asText(), u.token());
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    return r.json();
  }

  @Test
  void a_meal_gets_its_totals_from_its_foods_and_its_event_on_the_timeline_in_the_same_request() {
    var u = api.newUser("America/Chicago");
    var r = api.post(meals(u), u.token(), LUNCH);
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    JsonNode meal = r.json();
    assertThat(r.header("Location")).isEqualTo(meals(u) + "/" + meal.get("id").asText());
    assertThat(meal.get("total_calories").asInt()).isEqualTo(535);
    assertThat(meal.get("total_macros")).isEqualTo(Json.read("{\"protein\":66,\"carbs\":45,\"fat\":7.4}"));
    assertThat(meal.get("occurred_at").asText()).isEqualTo("2024-03-10T17:30:00Z");
    assertThat(meal.get("event_version").asInt()).isEqualTo(1);

    JsonNode event = event(u, meal);
    assertThat(event.get("type").asText()).isEqualTo("meal");
    assertThat(event.get("subtype").asText()).isEqualTo("lunch");
    assertThat(event.get("source_table").asText()).isEqualTo("food_entries");
    assertThat(event.get("source_id").asText()).isEqualTo(meal.get("id").asText());
    assertThat(event.get("occurred_at").asText()).isEqualTo("2024-03-10T17:30:00Z");
    assertThat(event.get("utc_offset_minutes").asInt()).isEqualTo(-300);
    JsonNode data = event.get("data");
    assertThat(data.get("meal_type").asText()).isEqualTo("lunch");
    assertThat(data.get("total_calories").asInt()).isEqualTo(535);
    assertThat(data.get("total_macros")).isEqualTo(meal.get("total_macros"));
    assertThat(data.get("foods")).isEqualTo(meal.get("foods"));
    assertThat(data.get("photo_path").asText()).isEqualTo("/photos/lunch.jpg");
    assertThat(data.get("notes").asText()).isEqualTo("after the run");

    assertThat(api.get(meals(u) + "/" + meal.get("id").asText(), u.token()).json()).isEqualTo(meal);
  }

  @Test
  void totals_that_agree_with_the_foods_within_rounding_are_kept_as_given() {
    var u = api.newUser();
    JsonNode meal = log(u, """
        {"meal_type":"dinner","total_calories":536,"total_macros":{"protein":66.5},
         "foods":[{"name":"Steak","calories":330.4,"macros":{"protein":62.2}},{"name":"Fries","calories":205.4,"macros":{"protein":4.1}}]}""");
    assertThat(meal.get("total_calories").asInt()).isEqualTo(536);
    assertThat(meal.get("total_macros").get("protein").decimalValue()).isEqualByComparingTo("66.5");
  }

  @Test
  void a_meal_may_be_only_its_total_calories_and_foods_without_calories_leave_the_total_unknown() {
    var u = api.newUser();
    assertThat(log(u, "{\"meal_type\":\"snack\",\"total_calories\":180}").get("foods")).isEmpty();
    JsonNode partly = log(u, "{\"meal_type\":\"snack\",\"foods\":[{\"name\":\"Apple\",\"calories\":95},{\"name\":\"Tea\"}]}");
    assertThat(partly.get("total_calories").isNull()).isTrue();
    assertThat(partly.get("total_macros").isNull()).isTrue();
    assertThat(event(u, partly).get("data").has("total_calories")).isFalse();
  }

  @Test
  void correcting_a_meal_changes_it_keeps_the_previous_values_in_the_audit_and_versions_its_event() {
    var u = api.newUser("America/Chicago");
    JsonNode meal = log(u, LUNCH);
    String id = meal.get("id").asText();

    var r = api.post(meals(u) + "/" + id + "/corrections", u.token(), """
        {"reason":"the portion was smaller","meal_type":"dinner",
         "foods":[{"name":"Chicken breast","quantity":"150g","calories":248,"macros":{"protein":46,"carbs":0,"fat":5}}]}""");
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    JsonNode corrected = r.json().get("meal");
    assertThat(corrected.get("total_calories").asInt()).isEqualTo(248);
    assertThat(corrected.get("meal_type").asText()).isEqualTo("dinner");
    assertThat(corrected.get("notes").asText()).isEqualTo("after the run");
    assertThat(corrected.get("event_id").asText()).isEqualTo(meal.get("event_id").asText());
    assertThat(corrected.get("event_version").asInt()).isEqualTo(2);
    JsonNode audit = r.json().get("correction");
    assertThat(audit.get("reason").asText()).isEqualTo("the portion was smaller");
    assertThat(audit.get("corrected_by").asText()).isEqualTo("user");
    assertThat(audit.get("original").get("total_calories").asInt()).isEqualTo(535);
    assertThat(audit.get("original").get("meal_type").asText()).isEqualTo("lunch");
    assertThat(audit.get("corrected").get("total_calories").asInt()).isEqualTo(248);

    // Reading the meal, its event and the timeline afterwards shows the corrected values.
    assertThat(api.get(meals(u) + "/" + id, u.token()).json()).isEqualTo(corrected);
    JsonNode event = event(u, meal);
    assertThat(event.get("version").asInt()).isEqualTo(2);
    assertThat(event.get("subtype").asText()).isEqualTo("dinner");
    assertThat(event.get("data").get("total_calories").asInt()).isEqualTo(248);
    JsonNode listed = api.get("/v1/users/" + u.id() + "/events?type=meal", u.token()).json().get("items").get(0);
    assertThat(listed).isEqualTo(event);
    JsonNode history = api.get("/v1/users/" + u.id() + "/events/" + event.get("id").asText() + "/history", u.token()).json().get("items");
    assertThat(history).hasSize(2);
    assertThat(history.get(0).get("data").get("total_calories").asInt()).isEqualTo(535);
    assertThat(history.get(1).get("data").get("total_calories").asInt()).isEqualTo(248);

    JsonNode trail = api.get(meals(u) + "/" + id + "/corrections", u.token()).json().get("items");
    assertThat(trail).hasSize(1);
    assertThat(trail.get(0)).isEqualTo(audit);
  }

  @Test
  void a_correction_says_who_made_it_a_service_by_default_or_whoever_the_body_names() {
    var u = api.newUser();
    String id = log(u, "{\"meal_type\":\"lunch\",\"total_calories\":650}").get("id").asText();
    var byService = api.post(meals(u) + "/" + id + "/corrections", api.serviceToken, "{\"reason\":\"photo estimate was high\",\"total_calories\":500}");
    assertThat(byService.json().get("correction").get("corrected_by").asText()).isEqualTo("service");
    var named = api.post(meals(u) + "/" + id + "/corrections", api.serviceToken,
        "{\"reason\":\"nutritionist review\",\"corrected_by\":\"dietitian:anna\",\"total_calories\":520,\"notes\":\"checked\"}");
    assertThat(named.json().get("correction").get("corrected_by").asText()).isEqualTo("dietitian:anna");
    assertThat(named.json().get("meal").get("event_version").asInt()).isEqualTo(3);
    assertThat(api.get(meals(u) + "/" + id + "/corrections", u.token()).json().get("items"))
        .extracting(c -> c.get("reason").asText()).containsExactly("photo estimate was high", "nutritionist review");
  }

  @Test
  void a_correction_that_changes_nothing_records_nothing() {
    var u = api.newUser();
    JsonNode meal = log(u, "{\"meal_type\":\"lunch\",\"total_calories\":650}");
    String id = meal.get("id").asText();
    var r = api.post(meals(u) + "/" + id + "/corrections", u.token(), "{\"reason\":\"just checking\",\"total_calories\":650}");
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    assertThat(r.json().get("correction").isNull()).isTrue();
    assertThat(r.json().get("meal")).isEqualTo(meal);
    assertThat(api.get(meals(u) + "/" + id + "/corrections", u.token()).json().get("items")).isEmpty();
  }

  @Test
  void removing_the_totals_in_a_correction_computes_them_from_the_foods_again() {
    var u = api.newUser();
    String id = log(u, LUNCH).get("id").asText();
    var r = api.post(meals(u) + "/" + id + "/corrections", u.token(),
        "{\"reason\":\"no photo\",\"photo_path\":null,\"total_calories\":null}");
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    assertThat(r.json().get("meal").get("photo_path").isNull()).isTrue();
    assertThat(r.json().get("meal").get("total_calories").asInt()).isEqualTo(535);
  }

  @Test
  void meals_are_listed_newest_first_in_pages_and_by_meal_type() {
    var u = api.newUser();
    var ids = new ArrayList<String>();
    for (int day = 1; day <= 5; day++) {
      String type = day % 2 == 0 ? "dinner" : "lunch";
      ids.add(log(u, "{\"occurred_at\":\"2024-03-0%dT12:00:00Z\",\"meal_type\":\"%s\",\"total_calories\":500}".formatted(day, type))
          .get("id").asText());
    }
    List<String> seen = new ArrayList<>();
    String cursor = null;
    do {
      var page = api.get(meals(u) + "?limit=2" + (cursor == null ? "" : "&cursor=" + cursor), u.token()).json();
      page.get("items").forEach(m -> seen.add(m.get("id").asText()));
      cursor = page.get("next_cursor").isNull() ? null : page.get("next_cursor").asText();
    } while (cursor != null);
    assertThat(seen).containsExactlyElementsOf(ids.reversed());

    var dinners = api.get(meals(u) + "?meal_type=dinner&from=2024-03-01T00:00:00Z&to=2024-03-04T00:00:00Z", u.token()).json();
    assertThat(dinners.get("items")).extracting(m -> m.get("id").asText()).containsExactly(ids.get(1));
  }

  @Test
  void an_unknown_meal_or_user_is_a_404_naming_which() {
    var u = api.newUser();
    String nobody = "/v1/users/" + java.util.UUID.randomUUID() + "/meals";
    assertThat(api.get(meals(u) + "/" + java.util.UUID.randomUUID(), u.token()).json().get("field").asText()).isEqualTo("mealId");
    assertThat(api.get(nobody + "/" + java.util.UUID.randomUUID(), api.serviceToken).json().get("field").asText()).isEqualTo("userId");
    assertThat(api.get(nobody, api.serviceToken).json().get("field").asText()).isEqualTo("userId");
    assertThat(api.post(nobody, api.serviceToken, "{\"meal_type\":\"lunch\",\"total_calories\":1}").json().get("field").asText())
        .isEqualTo("userId");
  }
}
