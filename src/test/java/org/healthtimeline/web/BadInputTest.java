package org.healthtimeline.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.healthtimeline.testing.DatabaseSnapshot;
import org.healthtimeline.testing.TestApi;
import org.healthtimeline.testing.TestApi.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every kind of bad input gets a 400, 404, 409, 412 or 413 application/problem+json that names the offending
 * field, and leaves the database exactly as it was.
 */
class BadInputTest {
  static TestApi api;
  static TestApi.User user;
  static String eventId;
  static String deletedEventId;

  @BeforeAll
  static void up() {
    api = TestApi.start();
    user = api.newUser("Europe/Berlin");
    eventId = api.post(events(), user.token(), meal().toString()).json().get("id").asText();
    deletedEventId = api.post(events(), user.token(), note("to be deleted")).json().get("id").asText();
    api.delete(events() + "/" + deletedEventId, user.token());
    api.post("/v1/users", api.serviceToken, "{\"external_id\":\"taken\"}");
  }

  @AfterAll
  static void down() {
    api.close();
  }

  // ---- creating an event: the body ----

  @Test
  void an_unknown_event_type_is_refused_naming_type() {
    refused(400, "type", () -> createEvent(meal().put("type", "teleport")));
  }

  @Test
  void an_event_without_a_type_is_refused_naming_type() {
    refused(400, "type", () -> createEvent(without(meal(), "type")));
  }

  @Test
  void an_event_without_occurred_at_is_refused_naming_occurred_at() {
    refused(400, "occurred_at", () -> createEvent(without(meal(), "occurred_at")));
  }

  @Test
  void an_event_without_data_is_refused_naming_data() {
    refused(400, "data", () -> createEvent(without(meal(), "data")));
  }

  @Test
  void a_number_where_a_string_belongs_is_refused_naming_the_field() {
    refused(400, "occurred_at", () -> createEvent(with(meal(), "occurred_at", "1710000000")));
  }

  @Test
  void a_string_where_a_number_belongs_is_refused_naming_the_field() {
    refused(400, "importance", () -> createEvent(with(meal(), "importance", "\"high\"")));
  }

  @Test
  void data_that_is_not_an_object_is_refused_naming_data() {
    refused(400, "data", () -> createEvent(with(meal(), "data", "[\"lunch\"]")));
  }

  @Test
  void data_that_breaks_its_types_schema_is_refused_naming_the_inner_field() {
    refused(400, "data.total_calories", () -> createEvent(with(meal(), "data", "{\"meal_type\":\"lunch\",\"total_calories\":-5}")));
  }

  @Test
  void ended_at_before_occurred_at_is_refused_naming_ended_at() {
    refused(400, "ended_at", () -> createEvent(meal().put("ended_at", "2024-03-10T11:00:00Z")));
  }

  @Test
  void importance_above_one_is_refused_naming_importance() {
    refused(400, "importance", () -> createEvent(with(meal(), "importance", "1.5")));
  }

  @Test
  void importance_below_zero_is_refused_naming_importance() {
    refused(400, "importance", () -> createEvent(with(meal(), "importance", "-0.1")));
  }

  @Test
  void a_time_zone_that_does_not_exist_is_refused_naming_time_zone() {
    refused(400, "time_zone", () -> createEvent(meal().put("time_zone", "Mars/Base")));
  }

  @Test
  void a_bare_offset_as_time_zone_is_refused_naming_time_zone() {
    refused(400, "time_zone", () -> createEvent(meal().put("time_zone", "+02:00")));
  }

  @Test
  void an_unknown_top_level_field_is_refused_naming_it() {
    refused(400, "calories", () -> createEvent(with(meal(), "calories", "650")));
  }

  @Test
  void a_subtype_longer_than_100_characters_is_refused_naming_subtype() {
    refused(400, "subtype", () -> createEvent(meal().put("subtype", "s".repeat(101))));
  }

  @Test
  void a_session_id_longer_than_200_characters_is_refused_naming_session_id() {
    refused(400, "session_id", () -> createEvent(meal().put("session_id", "s".repeat(201))));
  }

  @Test
  void occurred_at_without_an_offset_is_refused_naming_occurred_at() {
    refused(400, "occurred_at", () -> createEvent(meal().put("occurred_at", "2024-03-10T12:30:00")));
  }

  @Test
  void occurred_at_in_the_year_3000_is_refused_naming_occurred_at() {
    refused(400, "occurred_at", () -> createEvent(meal().put("occurred_at", "3000-01-01T00:00:00Z")));
  }

  @Test
  void an_id_that_is_not_a_uuid_is_refused_naming_id() {
    refused(400, "id", () -> createEvent(meal().put("id", "1-1-1-1-1")));
  }

  @Test
  void an_empty_dedupe_key_is_refused_naming_dedupe_key() {
    refused(400, "dedupe_key", () -> createEvent(meal().put("dedupe_key", "")));
  }

  @Test
  void a_negative_record_version_is_refused_naming_record_version() {
    refused(400, "record_version", () -> createEvent(with(meal(), "record_version", "-1")));
  }

  @Test
  void a_fractional_record_version_is_refused_naming_record_version() {
    refused(400, "record_version", () -> createEvent(with(meal(), "record_version", "1.5")));
  }

  @Test
  void source_table_without_source_id_is_refused_naming_source_id() {
    refused(400, "source_id", () -> createEvent(meal().put("source_table", "food_entries")));
  }

  @Test
  void a_source_table_that_is_not_a_table_name_is_refused_naming_source_table() {
    refused(400, "source_table", () -> createEvent(meal().put("source_table", "Food Entries").put("source_id", "1")));
  }

  @Test
  void a_nul_character_in_a_text_field_is_refused_naming_the_field() {
    refused(400, "summary", () -> createEvent(meal().put("summary", "lunch\u0000")));
  }

  @Test
  void a_nul_character_inside_data_is_refused_naming_the_inner_field() {
    refused(400, "data.notes", () -> createEvent(with(meal(), "data", "{\"meal_type\":\"lunch\",\"total_calories\":1,\"notes\":\"a\\u0000b\"}")));
  }

  @Test
  void a_nul_character_in_a_key_inside_data_is_refused_naming_data() {
    refused(400, "data", () -> createEvent(with(meal(), "data", "{\"a\\u0000b\":1}").put("type", "custom")));
  }

  @Test
  void a_number_inside_data_too_large_for_a_double_is_refused_naming_the_inner_field() {
    refused(400, "data.x", () -> createEvent(with(meal(), "data", "{\"x\":1e999999999}").put("type", "custom")));
  }

  @Test
  void every_wrong_field_of_a_body_is_listed_and_the_first_is_named_at_the_top() {
    var r = refused(400, "type", () -> createEvent(meal().put("type", "teleport").put("importance", 7).put("subtype", "")));
    assertThat(r.json().get("errors").findValuesAsText("field")).contains("type", "importance", "subtype");
  }

  // ---- the body as a whole ----

  @Test
  void malformed_json_is_refused_naming_the_body() {
    refused(400, "body", () -> api.post(events(), user.token(), "{\"type\":\"meal\","));
  }

  @Test
  void json_followed_by_more_text_is_refused_naming_the_body() {
    refused(400, "body", () -> api.post(events(), user.token(), meal() + " {\"type\":\"note\"}"));
  }

  @Test
  void a_body_that_is_not_a_json_object_is_refused_naming_the_body() {
    refused(400, "body", () -> api.post(events(), user.token(), "[" + meal() + "]"));
  }

  @Test
  void an_empty_body_is_refused_naming_the_body() {
    refused(400, "body", () -> api.post(events(), user.token(), ""));
  }

  @Test
  void json_nested_deeper_than_64_levels_is_refused_naming_the_body() {
    String deep = "[".repeat(100) + "]".repeat(100);
    refused(400, "body", () -> createEvent("{\"type\":\"custom\",\"occurred_at\":\"2024-03-10T12:30:00Z\",\"data\":{\"x\":" + deep + "}}"));
  }

  @Test
  void a_number_of_more_than_1000_digits_is_refused_naming_the_body_and_saying_so() {
    var r = refused(400, "body", () -> createEvent(meal().toString().replace("650}]", "6" + "0".repeat(1000) + "}]")));
    assertThat(r.json().get("detail").asText()).contains("Number value length");
  }

  @Test
  void a_key_given_twice_is_refused_naming_the_body() {
    refused(400, "body", () -> api.post(events(), user.token(), meal().toString().replaceFirst("\\{", "{\"type\":\"note\",")));
  }

  @Test
  void bytes_that_are_not_json_text_are_refused_naming_the_body() {
    refused(400, "body", () -> api.post(events(), user.token(), "\u0000\u0000\u0000{"));
  }

  @Test
  void a_body_that_looks_like_utf_32_but_holds_no_character_is_refused_naming_the_body() {
    refused(400, "body", () -> api.post(events(), user.token(), "\u0000\u0000\u0000{\u0000\u0011\u0000\u0000"));
  }

  @Test
  void a_body_over_one_mebibyte_is_refused_with_413_naming_the_body() {
    refused(413, "body", () -> api.post(events(), user.token(), note("x".repeat((int) Bodies.ONE_MIB))));
  }

  @Test
  void a_batch_body_over_sixteen_mebibytes_is_refused_with_413_naming_the_body() {
    String big = "{\"events\":[" + note("x".repeat(16 * (int) Bodies.ONE_MIB)) + "]}";
    refused(413, "body", () -> api.post(events() + "/batch", user.token(), big));
  }

  // ---- batches ----

  @Test
  void an_empty_batch_is_refused_naming_events() {
    refused(400, "events", () -> api.post(events() + "/batch", user.token(), "{\"events\":[]}"));
  }

  @Test
  void a_batch_of_more_than_1000_events_is_refused_naming_events() {
    var sb = new StringBuilder("{\"events\":[");
    for (int i = 0; i < 1001; i++) sb.append(i == 0 ? "" : ",").append(note("n" + i));
    refused(400, "events", () -> api.post(events() + "/batch", user.token(), sb.append("]}").toString()));
  }

  @Test
  void a_batch_whose_events_are_not_an_array_is_refused_naming_events() {
    refused(400, "events", () -> api.post(events() + "/batch", user.token(), "{\"events\":" + meal() + "}"));
  }

  @Test
  void a_batch_with_an_unknown_top_level_field_is_refused_naming_it() {
    refused(400, "atomic", () -> api.post(events() + "/batch", user.token(), "{\"events\":[" + meal() + "],\"atomic\":true}"));
  }

  @Test
  void an_atomic_batch_with_a_bad_item_is_refused_naming_the_item_field() {
    String batch = "{\"events\":[" + meal() + "," + meal().put("type", "teleport") + "]}";
    refused(400, "events[1].type", () -> api.post(events() + "/batch?atomic=true", user.token(), batch));
  }

  @Test
  void an_atomic_flag_that_is_not_a_boolean_is_refused_naming_atomic() {
    refused(400, "atomic", () -> api.post(events() + "/batch?atomic=maybe", user.token(), "{\"events\":[" + meal() + "]}"));
  }

  @Test
  void an_atomic_batch_that_conflicts_with_a_stored_event_is_refused_naming_the_item_key() {
    String first = meal().put("dedupe_key", "batch-conflict").toString();
    api.post(events(), user.token(), first);
    String other = with(meal().put("dedupe_key", "batch-conflict"), "importance", "0.9").toString();
    String batch = "{\"events\":[" + note("fine") + "," + other + "]}";
    refused(409, "events[1].dedupe_key", () -> api.post(events() + "/batch?atomic=true", user.token(), batch));
  }

  @Test
  void a_batch_that_repeats_an_id_for_a_different_event_reports_the_repeat_as_a_conflict() {
    String id = UUID.randomUUID().toString();
    String batch = "{\"events\":[" + meal().put("id", id) + "," + with(meal().put("id", id), "importance", "0.9") + "]}";
    var r = api.post(events() + "/batch", user.token(), batch);
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    assertThat(r.json().get("results").get(0).get("outcome").asText()).isEqualTo("created");
    assertThat(r.json().get("results").get(1).get("status").asInt()).as(r.toString()).isEqualTo(409);
    assertThat(r.json().get("results").get(1).get("field").asText()).isEqualTo("events[1].id");
    assertThat(api.get(event(id), user.token()).json().path("importance").isNull()).isTrue();
  }

  @Test
  void an_atomic_batch_that_repeats_an_id_for_a_different_event_is_refused_naming_the_repeat() {
    String id = UUID.randomUUID().toString();
    String batch = "{\"events\":[" + meal().put("id", id) + "," + with(meal().put("id", id), "importance", "0.9") + "]}";
    refused(409, "events[1].id", () -> api.post(events() + "/batch?atomic=true", user.token(), batch));
  }

  // ---- changing an event ----

  @Test
  void patching_the_dedupe_key_is_refused_naming_dedupe_key() {
    refused(400, "dedupe_key", () -> api.patch(event(eventId), user.token(), "{\"dedupe_key\":\"new\"}"));
  }

  @Test
  void patching_an_unknown_field_is_refused_naming_it() {
    refused(400, "colour", () -> api.patch(event(eventId), user.token(), "{\"colour\":\"red\"}"));
  }

  @Test
  void a_patch_that_is_not_an_object_is_refused_naming_the_body() {
    refused(400, "body", () -> api.patch(event(eventId), user.token(), "[1,2]"));
  }

  @Test
  void a_patch_that_moves_ended_at_before_occurred_at_is_refused_naming_ended_at() {
    refused(400, "ended_at", () -> api.patch(event(eventId), user.token(), "{\"ended_at\":\"2024-03-10T11:00:00Z\"}"));
  }

  @Test
  void a_patch_that_removes_the_required_data_is_refused_naming_data() {
    refused(400, "data", () -> api.patch(event(eventId), user.token(), "{\"data\":null}"));
  }

  @Test
  void a_patch_whose_data_breaks_the_schema_is_refused_naming_the_inner_field() {
    refused(400, "data.total_calories", () -> api.patch(event(eventId), user.token(), "{\"data\":{\"total_calories\":\"lots\"}}"));
  }

  @Test
  void a_patch_with_a_nul_character_inside_data_is_refused_naming_the_inner_field() {
    refused(400, "data.notes", () -> api.patch(event(eventId), user.token(), "{\"data\":{\"notes\":\"\\u0000\"}}"));
  }

  @Test
  void a_garbage_if_match_is_refused_naming_if_match() {
    refused(400, "If-Match", () -> api.send("PATCH", event(eventId), user.token(), "{\"summary\":\"x\"}", Map.of("If-Match", "yesterday")));
  }

  @Test
  void a_stale_if_match_is_refused_with_412_naming_if_match() {
    refused(412, "If-Match", () -> api.send("PATCH", event(eventId), user.token(), "{\"summary\":\"x\"}", Map.of("If-Match", "\"99\"")));
  }

  @Test
  void patching_a_deleted_event_is_a_409_naming_the_event() {
    refused(409, "eventId", () -> api.patch(event(deletedEventId), user.token(), "{\"summary\":\"x\"}"));
  }

  @Test
  void an_event_id_that_is_not_a_uuid_is_refused_naming_event_id() {
    refused(400, "eventId", () -> api.get(events() + "/not-a-uuid", user.token()));
  }

  @Test
  void an_event_id_in_a_short_uuid_form_is_refused_naming_event_id() {
    refused(400, "eventId", () -> api.delete(events() + "/1-1-1-1-1", user.token()));
  }

  @Test
  void a_user_id_that_is_not_a_uuid_is_refused_naming_user_id() {
    refused(400, "userId", () -> api.post("/v1/users/42/events", api.serviceToken, meal().toString()));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("eventRoutes")
  void an_unknown_event_is_a_404_naming_event_id(String method, String suffix, String body) {
    String path = events() + suffix.replace("{eventId}", UUID.randomUUID().toString());
    refused(404, "eventId", () -> api.send(method, path, user.token(), body));
  }

  static Stream<Arguments> eventRoutes() {
    return Stream.of(
        Arguments.of("GET", "/{eventId}", null),
        Arguments.of("PATCH", "/{eventId}", "{\"summary\":\"x\"}"),
        Arguments.of("DELETE", "/{eventId}", null),
        Arguments.of("GET", "/{eventId}/history", null),
        Arguments.of("POST", "/{eventId}/restore", null));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("userRoutes")
  void an_unknown_user_is_a_404_naming_user_id(String method, String suffix, String body) {
    String path = "/v1/users/" + UUID.randomUUID() + suffix.replace("{eventId}", eventId);
    refused(404, "userId", () -> api.send(method, path, api.serviceToken, body));
  }

  static Stream<Arguments> userRoutes() {
    return Stream.of(
        Arguments.of("GET", "", null),
        Arguments.of("PATCH", "", "{\"time_zone\":\"Asia/Tokyo\"}"),
        Arguments.of("DELETE", "", null),
        Arguments.of("POST", "/tokens", "{\"name\":\"bot\"}"),
        Arguments.of("POST", "/events", meal().toString()),
        Arguments.of("POST", "/events", meal().put("time_zone", "Asia/Tokyo").toString()),
        Arguments.of("GET", "/events", null),
        Arguments.of("POST", "/events/batch", "{\"events\":[" + meal() + "]}"),
        Arguments.of("POST", "/events/batch", "{\"events\":[" + meal().put("type", "teleport") + "]}"),
        Arguments.of("GET", "/events/count", null),
        Arguments.of("GET", "/events/{eventId}", null),
        Arguments.of("PATCH", "/events/{eventId}", "{\"summary\":\"x\"}"),
        Arguments.of("DELETE", "/events/{eventId}", null),
        Arguments.of("GET", "/events/{eventId}/history", null),
        Arguments.of("POST", "/events/{eventId}/restore", null),
        Arguments.of("GET", "/changes", null));
  }

  // ---- reading the timeline: query parameters ----

  @ParameterizedTest(name = "?{0}")
  @MethodSource("badListQueries")
  void a_bad_query_parameter_of_the_list_is_refused_naming_it(String query, String field) {
    refused(400, field, () -> api.get(events() + "?" + query, user.token()));
  }

  static Stream<Arguments> badListQueries() {
    return Stream.of(
        Arguments.of("limit=0", "limit"),
        Arguments.of("limit=201", "limit"),
        Arguments.of("limit=ten", "limit"),
        Arguments.of("limit=99999999999", "limit"),
        Arguments.of("cursor=not-a-cursor", "cursor"),
        Arguments.of("cursor=" + cursor("c1:1709294400000000:" + UUID.randomUUID() + ":a"), "cursor"),
        Arguments.of("cursor=" + cursor("c1:9223372036854775807:" + UUID.randomUUID() + ":d"), "cursor"),
        Arguments.of("cursor=" + cursor("c1:-9223372036854775808:" + UUID.randomUUID() + ":d"), "cursor"),
        Arguments.of("cursor=" + cursor("c1:1:1-1-1-1-1:d"), "cursor"),
        Arguments.of("from=2024-03-02T00:00:00Z&to=2024-03-01T00:00:00Z", "from"),
        Arguments.of("from=yesterday", "from"),
        Arguments.of("to=2024-03-01T00:00:00", "to"),
        Arguments.of("from=" + enc("+300000-01-01T00:00:00Z"), "from"),
        Arguments.of("to=" + enc("-300000-01-01T00:00:00Z"), "to"),
        Arguments.of("type=teleport", "type"),
        Arguments.of("type=meal,teleport", "type"),
        Arguments.of("include_deleted=maybe", "include_deleted"),
        Arguments.of("min_importance=2", "min_importance"),
        Arguments.of("min_importance=NaN", "min_importance"),
        Arguments.of("data_contains=not%20json", "data_contains"),
        Arguments.of("data_contains=42", "data_contains"),
        Arguments.of("data_contains=" + enc("{\"notes\":\"\\u0000\"}"), "data_contains"),
        Arguments.of("data_contains=" + enc("{\"x\":1e999999999}"), "data_contains"),
        Arguments.of("data_path=" + enc("$.x >>> 1"), "data_path"),
        Arguments.of("order=sideways", "order"),
        Arguments.of("subtype=" + "s".repeat(101), "subtype"),
        Arguments.of("subtype=a%00b", "subtype"),
        Arguments.of("session_id=%00", "session_id"));
  }

  @ParameterizedTest(name = "data_path={0}")
  @MethodSource("dataPathsPostgresRefuses")
  void a_data_path_that_postgresql_refuses_is_refused_naming_data_path(String dataPath) {
    refused(400, "data_path", () -> api.get(events() + "/count?data_path=" + enc(dataPath), user.token()));
  }

  static Stream<String> dataPathsPostgresRefuses() {
    return Stream.of("$.x >>> 1", "$.notes ? (@ like_regex \"[\")", "$ ? (@.a == $nope)", "last > 1");
  }

  @Test
  void a_cursor_made_for_the_other_order_is_refused_naming_cursor() {
    String asc = cursor("c1:1709294400000000:" + UUID.randomUUID() + ":a");
    refused(400, "cursor", () -> api.get(events() + "?order=desc&cursor=" + asc, user.token()));
  }

  @Test
  void a_bad_query_parameter_of_the_count_is_refused_naming_it() {
    refused(400, "min_importance", () -> api.get(events() + "/count?min_importance=-1", user.token()));
  }

  @Test
  void include_deleted_maybe_on_one_event_is_refused_naming_include_deleted() {
    refused(400, "include_deleted", () -> api.get(event(eventId) + "?include_deleted=maybe", user.token()));
  }

  @ParameterizedTest(name = "?{0}")
  @MethodSource("badChangeQueries")
  void a_bad_query_parameter_of_the_change_feed_is_refused_naming_it(String query, String field) {
    refused(400, field, () -> api.get("/v1/users/" + user.id() + "/changes?" + query, user.token()));
  }

  static Stream<Arguments> badChangeQueries() {
    return Stream.of(
        Arguments.of("since=-1", "since"),
        Arguments.of("since=abc", "since"),
        Arguments.of("since=99999999999999999999", "since"),
        Arguments.of("limit=0", "limit"),
        Arguments.of("limit=1001", "limit"));
  }

  // ---- the request itself ----

  @Test
  void a_nul_character_in_the_path_is_refused_by_the_server_as_a_problem_naming_the_request() {
    refusedBeforeTheApp(400, "request", () -> api.delete("/v1/users/%00", user.token()));
  }

  @Test
  void a_request_target_over_8_kib_is_refused_with_414_naming_the_request_target() {
    refusedBeforeTheApp(414, "request-target", () -> api.get(events() + "?subtype=" + "s".repeat(9000), user.token()));
  }

  @Test
  void request_headers_over_8_kib_are_refused_with_431_naming_the_headers() {
    refusedBeforeTheApp(431, "headers", () -> api.send("GET", events(), user.token(), null, Map.of("X-Padding", "x".repeat(9000))));
  }

  @Test
  void a_path_with_no_route_is_a_404_naming_the_path() {
    refused(404, "path", () -> api.post(events() + "/" + eventId + "/undo", user.token(), "{}"));
  }

  @Test
  void a_broken_percent_escape_in_the_path_is_refused_naming_the_path() {
    var before = DatabaseSnapshot.of(api.db);
    String response = rawRequest("DELETE /v1/users/" + user.id() + "%u0041 HTTP/1.1");
    assertThat(response).startsWith("HTTP/1.1 400 ").contains("Content-Type: application/problem+json").contains("\"field\":\"path\"");
    assertThat(DatabaseSnapshot.of(api.db)).isEqualTo(before);
  }

  @Test
  void a_broken_percent_escape_in_the_query_is_refused_naming_the_query() {
    String response = rawRequest("GET /v1/users/" + user.id() + "/events?subtype=%u0041 HTTP/1.1");
    assertThat(response).startsWith("HTTP/1.1 400 ").contains("Content-Type: application/problem+json").contains("\"field\":\"query\"");
  }

  // ---- users ----

  @Test
  void a_user_with_a_time_zone_that_does_not_exist_is_refused_naming_time_zone() {
    refused(400, "time_zone", () -> api.post("/v1/users", api.serviceToken, "{\"time_zone\":\"Mars/Base\"}"));
  }

  @Test
  void a_user_with_a_bare_offset_as_time_zone_is_refused_naming_time_zone() {
    refused(400, "time_zone", () -> api.post("/v1/users", api.serviceToken, "{\"time_zone\":\"+02:00\"}"));
  }

  @Test
  void a_user_with_an_external_id_over_255_characters_is_refused_naming_external_id() {
    refused(400, "external_id", () -> api.post("/v1/users", api.serviceToken, "{\"external_id\":\"" + "e".repeat(256) + "\"}"));
  }

  @Test
  void a_user_with_an_external_id_that_is_taken_is_a_409_naming_external_id() {
    refused(409, "external_id", () -> api.post("/v1/users", api.serviceToken, "{\"external_id\":\"taken\"}"));
  }

  @Test
  void a_user_with_an_unknown_field_is_refused_naming_it() {
    refused(400, "name", () -> api.post("/v1/users", api.serviceToken, "{\"name\":\"Ann\"}"));
  }

  @Test
  void a_user_profile_that_is_not_an_object_is_refused_naming_profile() {
    refused(400, "profile", () -> api.post("/v1/users", api.serviceToken, "{\"profile\":\"tall\"}"));
  }

  @Test
  void a_user_profile_with_a_nul_character_is_refused_naming_the_inner_field() {
    refused(400, "profile.name", () -> api.post("/v1/users", api.serviceToken, "{\"profile\":{\"name\":\"\\u0000\"}}"));
  }

  @Test
  void a_user_profile_with_a_number_too_large_for_a_double_is_refused_naming_the_inner_field() {
    refused(400, "preferences.x", () -> api.post("/v1/users", api.serviceToken, "{\"preferences\":{\"x\":-1e999999}}"));
  }

  @Test
  void a_user_body_that_is_not_an_object_is_refused_naming_the_body() {
    refused(400, "body", () -> api.post("/v1/users", api.serviceToken, "\"Europe/Berlin\""));
  }

  @Test
  void removing_a_users_time_zone_is_refused_naming_time_zone() {
    refused(400, "time_zone", () -> api.patch(userPath(), user.token(), "{\"time_zone\":null}"));
  }

  @Test
  void changing_a_users_time_zone_to_one_that_does_not_exist_is_refused_naming_time_zone() {
    refused(400, "time_zone", () -> api.patch(userPath(), user.token(), "{\"time_zone\":\"Europe/Atlantis\"}"));
  }

  @Test
  void changing_a_users_external_id_to_a_taken_one_is_a_409_naming_external_id() {
    refused(409, "external_id", () -> api.patch(userPath(), user.token(), "{\"external_id\":\"taken\"}"));
  }

  @Test
  void a_profile_patch_with_a_nul_character_is_refused_naming_the_inner_field() {
    refused(400, "patterns.sleep", () -> api.patch(userPath(), user.token(), "{\"patterns\":{\"sleep\":\"\\u0000\"}}"));
  }

  @Test
  void a_profile_patch_that_is_not_an_object_is_refused_naming_profile() {
    refused(400, "profile", () -> api.patch(userPath(), user.token(), "{\"profile\":[1]}"));
  }

  @Test
  void finding_a_user_without_an_external_id_is_refused_naming_external_id() {
    refused(400, "external_id", () -> api.get("/v1/users", api.serviceToken));
  }

  @Test
  void finding_a_user_by_an_external_id_with_a_nul_character_is_refused_naming_external_id() {
    refused(400, "external_id", () -> api.get("/v1/users?external_id=a%00", api.serviceToken));
  }

  @Test
  void finding_an_unknown_external_id_is_a_404_naming_external_id() {
    refused(404, "external_id", () -> api.get("/v1/users?external_id=nobody", api.serviceToken));
  }

  @Test
  void a_token_name_that_is_not_a_string_is_refused_naming_name() {
    refused(400, "name", () -> api.post(userPath() + "/tokens", api.serviceToken, "{\"name\":7}"));
  }

  // ---- tokens ----

  @Test
  void no_token_is_a_401_naming_the_authorization_header() {
    var r = refused(401, "Authorization", () -> api.post(events(), null, meal().toString()));
    assertThat(r.header("WWW-Authenticate")).isEqualTo("Bearer");
  }

  @Test
  void an_unknown_token_is_a_401_naming_the_authorization_header() {
    refused(401, "Authorization", () -> api.post(events(), "htu_" + "0".repeat(32) + "_nope", meal().toString()));
  }

  // ---- helpers ----

  /** Sends the request, checks it is refused as a problem naming {@code field}, and that nothing was written. */
  static Response refused(int status, String field, Supplier<Response> request) {
    var before = DatabaseSnapshot.of(api.db);
    Response r = request.get();
    assertThat(r.status()).as(r.toString()).isEqualTo(status);
    assertThat(r.header("Content-Type")).as(r.toString()).startsWith("application/problem+json");
    JsonNode problem = r.json();
    assertThat(problem).as(r.toString()).isNotNull();
    assertThat(problem.get("status").asInt()).isEqualTo(status);
    assertThat(problem.get("type").asText()).startsWith("/problems/");
    assertThat(problem.get("title").asText()).isNotBlank();
    assertThat(problem.get("detail").asText()).isNotBlank();
    assertThat(problem.get("instance").asText()).isEqualTo(r.raw().uri().getPath());
    assertThat(problem.path("field").asText()).as(r.toString()).isEqualTo(field);
    assertThat(DatabaseSnapshot.of(api.db)).as("the database after " + r).isEqualTo(before);
    return r;
  }

  /** A refusal by Jetty itself, which knows neither the route nor the path it could not read. */
  static void refusedBeforeTheApp(int status, String field, Supplier<Response> request) {
    var before = DatabaseSnapshot.of(api.db);
    Response r = request.get();
    assertThat(r.status()).as(r.toString()).isEqualTo(status);
    assertThat(r.header("Content-Type")).as(r.toString()).startsWith("application/problem+json");
    assertThat(r.json().get("status").asInt()).isEqualTo(status);
    assertThat(r.json().get("field").asText()).isEqualTo(field);
    assertThat(DatabaseSnapshot.of(api.db)).isEqualTo(before);
  }

  /** Sends a request line java.net.URI would refuse to build, with the user's token, and returns the raw answer. */
  static String rawRequest(String requestLine) {
    try (var socket = new java.net.Socket("127.0.0.1", api.app.port())) {
      socket.setSoTimeout(10_000);
      String request = requestLine + "\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + user.token() + "\r\nConnection: close\r\n\r\n";
      socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
      return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static Response createEvent(Object body) {
    return api.post(events(), user.token(), body.toString());
  }

  static ObjectNode meal() {
    return (ObjectNode) Json.read("""
        {"type":"meal","occurred_at":"2024-03-10T12:30:00Z",
         "data":{"meal_type":"lunch","total_calories":650,"foods":[{"name":"Rice","calories":650}]}}""");
  }

  static String note(String text) {
    return "{\"type\":\"note\",\"occurred_at\":\"2024-03-10T12:30:00Z\",\"data\":{\"text\":\"" + text + "\"}}";
  }

  static ObjectNode with(ObjectNode body, String field, String rawJson) {
    body.set(field, Json.read(rawJson));
    return body;
  }

  static ObjectNode without(ObjectNode body, String field) {
    body.remove(field);
    return body;
  }

  static String userPath() {
    return "/v1/users/" + user.id();
  }

  static String events() {
    return userPath() + "/events";
  }

  static String event(String id) {
    return events() + "/" + id;
  }

  static String cursor(String raw) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
  }

  static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
