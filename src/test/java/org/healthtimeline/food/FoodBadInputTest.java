package org.healthtimeline.food;

import static org.assertj.core.api.Assertions.assertThat;
import static org.healthtimeline.testing.Refusals.refused;

import java.util.UUID;
import org.healthtimeline.testing.TestApi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every field of a meal and of a correction has its check: a 400/404 naming the field, and nothing written. */
class FoodBadInputTest {
  static TestApi api;
  static TestApi.User user;
  static String meals;
  static String mealId;

  @BeforeAll
  static void up() {
    api = TestApi.start();
    user = api.newUser();
    meals = "/v1/users/" + user.id() + "/meals";
    mealId = api.post(meals, user.token(), """
        {"meal_type":"lunch","foods":[{"name":"Rice","calories":200,"macros":{"protein":4,"carbs":44,"fat":0}},
                                      {"name":"Beans","calories":150,"macros":{"protein":10,"carbs":20,"fat":1}}]}""")
        .json().get("id").asText();
  }

  @AfterAll
  static void down() {
    api.close();
  }

  static void refusedMeal(String field, String body) {
    refused(api, 400, field, () -> api.post(meals, user.token(), body));
  }

  static void refusedCorrection(String field, String body) {
    refused(api, 400, field, () -> api.post(meals + "/" + mealId + "/corrections", user.token(), body));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(delimiter = '|', textBlock = """
      foods[0].calories        | {"meal_type":"lunch","foods":[{"name":"Rice","calories":-5}]}
      total_calories           | {"meal_type":"lunch","total_calories":-1}
      total_calories           | {"meal_type":"lunch","total_calories":20001}
      total_calories           | {"meal_type":"lunch","total_calories":650.5}
      total_calories           | {"meal_type":"lunch","total_calories":"650"}
      total_calories           | {"meal_type":"lunch","total_calories":700,"foods":[{"name":"Rice","calories":200},{"name":"Beans","calories":150}]}
      total_calories           | {"meal_type":"lunch","total_calories":100,"foods":[{"name":"Rice","calories":200},{"name":"Tea"}]}
      total_calories           | {"meal_type":"lunch","foods":[{"name":"A","calories":20000},{"name":"B","calories":1}]}
      total_macros.protein     | {"meal_type":"lunch","total_macros":{"protein":40},"foods":[{"name":"Rice","macros":{"protein":4}},{"name":"Beans","macros":{"protein":10}}]}
      total_macros.fat         | {"meal_type":"lunch","total_calories":5,"total_macros":{"fat":-1}}
      foods[0].macros.carbs    | {"meal_type":"lunch","foods":[{"name":"Rice","calories":200,"macros":{"carbs":1E-999999}}]}
      total_macros.sugar       | {"meal_type":"lunch","total_calories":5,"total_macros":{"sugar":3}}
      total_macros             | {"meal_type":"lunch","total_calories":5,"total_macros":[1,2,3]}
      meal_type                | {"total_calories":650}
      meal_type                | {"meal_type":"brunch","total_calories":650}
      meal_type                | {"meal_type":7,"total_calories":650}
      foods                    | {"meal_type":"lunch"}
      foods                    | {"meal_type":"lunch","foods":[]}
      foods                    | {"meal_type":"lunch","foods":{"name":"Rice"}}
      foods[0]                 | {"meal_type":"lunch","foods":["Rice"]}
      foods[0].name            | {"meal_type":"lunch","foods":[{"calories":200}]}
      foods[0].name            | {"meal_type":"lunch","foods":[{"name":""}]}
      foods[1].protein         | {"meal_type":"lunch","foods":[{"name":"Rice"},{"name":"Beans","protein":10}]}
      foods[0].colour          | {"meal_type":"lunch","foods":[{"name":"Rice","colour":"white"}]}
      foods[0].quantity        | {"meal_type":"lunch","foods":[{"name":"Rice","quantity":true}]}
      foods[0].quantity        | {"meal_type":"lunch","foods":[{"name":"Rice","quantity":-2}]}
      foods[0].calories        | {"meal_type":"lunch","foods":[{"name":"Rice","calories":"lots"}]}
      foods[0].macros          | {"meal_type":"lunch","foods":[{"name":"Rice","macros":12}]}
      foods[0].macros.carbs    | {"meal_type":"lunch","foods":[{"name":"Rice","macros":{"carbs":5001}}]}
      photo_path               | {"meal_type":"lunch","total_calories":5,"photo_path":42}
      notes                    | {"meal_type":"lunch","total_calories":5,"notes":""}
      occurred_at              | {"meal_type":"lunch","total_calories":5,"occurred_at":"yesterday"}
      occurred_at              | {"meal_type":"lunch","total_calories":5,"occurred_at":"2024-03-10T12:00:00"}
      calories                 | {"meal_type":"lunch","calories":650}
      body                     | [{"meal_type":"lunch","total_calories":650}]
      """)
  void a_bad_meal_is_refused_naming_the_field(String field, String body) {
    refusedMeal(field, body);
  }

  @Test
  void more_than_200_foods_are_refused_naming_foods() {
    refusedMeal("foods", "{\"meal_type\":\"lunch\",\"foods\":[" + "{\"name\":\"pea\"},".repeat(200) + "{\"name\":\"pea\"}]}");
  }

  @Test
  void a_photo_path_over_1000_characters_is_refused_naming_photo_path() {
    refusedMeal("photo_path", "{\"meal_type\":\"lunch\",\"total_calories\":5,\"photo_path\":\"" + "p".repeat(1001) + "\"}");
  }

  @Test
  void every_wrong_field_of_a_meal_is_named_at_once() {
    var r = refused(api, 400, "meal_type", () -> api.post(meals, user.token(),
        "{\"meal_type\":\"brunch\",\"foods\":[{\"calories\":-1}],\"notes\":7}"));
    assertThat(r.json().get("errors")).extracting(e -> e.get("field").asText())
        .contains("meal_type", "foods[0].name", "foods[0].calories", "notes");
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(delimiter = '|', textBlock = """
      reason                   | {"total_calories":300}
      reason                   | {"reason":"","total_calories":300}
      body                     | {"reason":"nothing to say"}
      meal_type                | {"reason":"typo","meal_type":null}
      occurred_at              | {"reason":"typo","occurred_at":null}
      meal_type                | {"reason":"typo","meal_type":"elevenses"}
      total_calories           | {"reason":"the foods are right, the total is not","total_calories":500}
      total_macros.carbs       | {"reason":"carbs","total_macros":{"carbs":10}}
      foods[0].calories        | {"reason":"less","foods":[{"name":"Rice","calories":-100}]}
      corrected_by             | {"reason":"typo","corrected_by":"","total_calories":null}
      colour                   | {"reason":"typo","colour":"red"}
      body                     | ["reason"]
      """)
  void a_bad_correction_is_refused_naming_the_field_and_the_meal_stays_as_it_was(String field, String body) {
    refusedCorrection(field, body);
  }

  @Test
  void correcting_a_meal_that_does_not_exist_is_a_404_naming_meal_id() {
    refused(api, 404, "mealId", () -> api.post(meals + "/" + UUID.randomUUID() + "/corrections", user.token(),
        "{\"reason\":\"typo\",\"total_calories\":300}"));
    refused(api, 404, "mealId", () -> api.get(meals + "/" + UUID.randomUUID() + "/corrections", user.token()));
    refused(api, 400, "mealId", () -> api.get(meals + "/not-a-meal", user.token()));
  }

  @Test
  void another_users_meal_is_not_found_under_ones_own_user() {
    var other = api.newUser();
    refused(api, 404, "mealId", () -> api.post("/v1/users/" + other.id() + "/meals/" + mealId + "/corrections",
        other.token(), "{\"reason\":\"mine now\",\"total_calories\":300}"));
  }

  @ParameterizedTest(name = "{0}: ?{1}")
  @CsvSource(delimiter = '|', textBlock = """
      meal_type | meal_type=brunch
      limit     | limit=0
      limit     | limit=201
      cursor    | cursor=bm90LWEtY3Vyc29y
      from      | from=2024-03-02T00:00:00Z&to=2024-03-01T00:00:00Z
      to        | to=tomorrow
      """)
  void a_bad_list_query_is_refused_naming_the_parameter(String field, String query) {
    refused(api, 400, field, () -> api.get(meals + "?" + query, user.token()));
  }
}
