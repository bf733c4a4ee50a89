package org.healthtimeline.summary;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.healthtimeline.testing.DatabaseSnapshot;
import org.healthtimeline.testing.TestApi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every kind of bad input to the summaries is a 400 problem+json naming the parameter, and writes nothing. */
class SummaryBadInputTest {
  static TestApi api;
  static TestApi.User user;

  @BeforeAll
  static void up() {
    api = TestApi.start();
    user = api.newUser("Europe/Berlin");
    for (String e : Events.dayOfEverything("2024-02-05")) {
      assertThat(api.post("/v1/users/" + user.id() + "/events", user.token(), e).status()).isEqualTo(201);
    }
  }

  @AfterAll
  static void down() {
    api.close();
  }

  @Test
  void an_unknown_metric_is_refused_naming_metric() {
    refused("metric", "metric=steps&from=2024-02-01&to=2024-02-29");
  }

  @Test
  void a_missing_metric_is_refused_naming_metric() {
    refused("metric", "from=2024-02-01&to=2024-02-29");
  }

  @Test
  void an_hour_bucket_is_refused_naming_bucket() {
    refused("bucket", "metric=calories&bucket=hour&from=2024-02-01&to=2024-02-29");
  }

  @Test
  void from_after_to_is_refused_naming_to() {
    refused("to", "metric=calories&from=2024-03-01&to=2024-02-29");
  }

  @Test
  void a_range_over_five_years_is_refused_naming_to_and_five_years_are_fine() {
    refused("to", "metric=calories&bucket=month&from=2020-01-01&to=2025-01-01");
    var fiveYears = api.get(aggregates("metric=calories&bucket=month&from=2020-01-01&to=2024-12-31"), user.token());
    assertThat(fiveYears.status()).as(fiveYears.toString()).isEqualTo(200);
    assertThat(fiveYears.json().get("buckets")).hasSize(60);
  }

  @Test
  void a_missing_or_malformed_date_is_refused_naming_it() {
    refused("from", "metric=calories&to=2024-02-29");
    refused("to", "metric=calories&from=2024-02-01");
    refused("from", "metric=calories&from=2024-2-1&to=2024-02-29");
    refused("from", "metric=calories&from=2023-02-29&to=2024-02-29");
    refused("to", "metric=calories&from=2024-02-01&to=2024-02-29T00:00:00Z");
    refused("from", "metric=calories&from=0000-01-01&to=0000-12-31");
  }

  @Test
  void a_tracker_metric_naming_an_unknown_category_is_refused_naming_category() {
    refused("category", "metric=tracker&category=Coffee&field=cups&stat=sum&from=2024-02-01&to=2024-02-29");
  }

  @Test
  void a_tracker_metric_naming_a_field_that_is_not_numeric_is_refused_naming_field_and_listing_the_numeric_ones() {
    var r = refused("field", "metric=tracker&category=Water&field=note&stat=sum&from=2024-02-01&to=2024-02-29");
    assertThat(r.json().get("detail").asText()).contains("glasses");
    refused("field", "metric=tracker&category=Water&field=bottles&stat=sum&from=2024-02-01&to=2024-02-29");
  }

  @Test
  void a_tracker_metric_without_its_field_category_or_stat_is_refused_naming_the_missing_one() {
    refused("category", "metric=tracker&field=glasses&stat=sum&from=2024-02-01&to=2024-02-29");
    refused("field", "metric=tracker&category=Water&stat=sum&from=2024-02-01&to=2024-02-29");
    refused("stat", "metric=tracker&category=Water&field=glasses&from=2024-02-01&to=2024-02-29");
    refused("stat", "metric=tracker&category=Water&field=glasses&stat=median&from=2024-02-01&to=2024-02-29");
  }

  @Test
  void tracker_parameters_on_another_metric_are_refused_naming_them() {
    refused("category", "metric=calories&category=Water&from=2024-02-01&to=2024-02-29");
    refused("stat", "metric=mood&stat=max&from=2024-02-01&to=2024-02-29");
  }

  @Test
  void a_malformed_date_of_the_daily_summary_is_refused_naming_date() {
    var before = DatabaseSnapshot.of(api.db);
    var r = api.get("/v1/users/" + user.id() + "/summary/daily?date=yesterday", user.token());
    assertProblem(r, 400, "date");
    assertThat(DatabaseSnapshot.of(api.db)).isEqualTo(before);
  }

  @Test
  void an_unknown_user_is_a_404_naming_user_id() {
    var r = api.get("/v1/users/" + UUID.randomUUID() + "/aggregates?metric=calories&from=2024-02-01&to=2024-02-29", api.serviceToken);
    assertProblem(r, 404, "userId");
    var daily = api.get("/v1/users/" + UUID.randomUUID() + "/summary/daily", api.serviceToken);
    assertProblem(daily, 404, "userId");
  }

  private static String aggregates(String query) {
    return "/v1/users/" + user.id() + "/aggregates?" + query;
  }

  private static TestApi.Response refused(String field, String query) {
    var before = DatabaseSnapshot.of(api.db);
    var r = api.get(aggregates(query), user.token());
    assertProblem(r, 400, field);
    assertThat(DatabaseSnapshot.of(api.db)).as("the database after " + query).isEqualTo(before);
    return r;
  }

  private static void assertProblem(TestApi.Response r, int status, String field) {
    assertThat(r.status()).as(r.toString()).isEqualTo(status);
    assertThat(r.header("Content-Type")).startsWith("application/problem+json");
    assertThat(r.json().get("field").asText()).as(r.toString()).isEqualTo(field);
  }
}
