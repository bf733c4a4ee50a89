package org.healthtimeline.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.healthtimeline.testing.TestApi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class EventsApiTest {
  static TestApi api;

  @BeforeAll
  static void up() {
    api = TestApi.start();
  }

  @AfterAll
  static void down() {
    api.close();
  }

  static String meal(String occurredAt, int calories) {
    return meal(occurredAt, calories, "");
  }

  static String meal(String occurredAt, int calories, String extra) {
    return """
        {"type":"meal","occurred_at":"%s","data":{"meal_type":"lunch","total_calories":%d,
         "foods":[{"name":"Chicken breast","quantity":"200g","calories":%d}]}%s}"""
        .formatted(occurredAt, calories, calories, extra);
  }

  static String events(TestApi.User u) {
    return "/v1/users/" + u.id() + "/events";
  }

  static long count(TestApi.User u, String query) {
    var r = api.get(events(u) + "/count" + query, u.token());
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    return r.json().get("count").asLong();
  }

  @Test
  void a_created_event_is_returned_with_201_and_its_location_and_reads_back_the_same() {
    var u = api.newUser("America/Chicago");
    var created = api.post(events(u), u.token(), meal("2024-03-10T12:30:00-05:00", 650));
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    String id = created.json().get("id").asText();
    assertThat(created.header("Location")).isEqualTo(events(u) + "/" + id);
    assertThat(created.json().get("utc_offset_minutes").asInt()).isEqualTo(-300);
    assertThat(created.json().get("version").asInt()).isEqualTo(1);

    var read = api.get(events(u) + "/" + id, u.token());
    assertThat(read.status()).isEqualTo(200);
    assertThat(read.json()).isEqualTo(created.json());
    assertThat(read.json().get("occurred_at").asText()).isEqualTo("2024-03-10T17:30:00Z");
  }

  @Test
  void the_offset_comes_from_the_users_zone_unless_the_event_names_one() {
    var u = api.newUser("Europe/Berlin");
    var winter = api.post(events(u), u.token(), meal("2024-01-10T12:00:00Z", 500));
    var summer = api.post(events(u), u.token(), meal("2024-07-10T12:00:00Z", 500));
    var tokyo = api.post(events(u), u.token(), meal("2024-07-11T12:00:00Z", 500, ",\"time_zone\":\"Asia/Tokyo\""));
    assertThat(winter.json().get("utc_offset_minutes").asInt()).isEqualTo(60);
    assertThat(summer.json().get("utc_offset_minutes").asInt()).isEqualTo(120);
    assertThat(tokyo.json().get("utc_offset_minutes").asInt()).isEqualTo(540);
  }

  @Test
  void replaying_a_dedupe_key_returns_the_stored_event_with_200_and_adds_nothing() {
    var u = api.newUser();
    String body = meal("2024-03-10T12:30:00Z", 650, ",\"dedupe_key\":\"lunch-1\"");
    var first = api.post(events(u), u.token(), body);
    var again = api.post(events(u), u.token(), body);
    assertThat(first.status()).isEqualTo(201);
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.json()).isEqualTo(first.json());
    assertThat(again.header("Location")).isNull();
    assertThat(count(u, "")).isEqualTo(1);
  }

  @Test
  void a_dedupe_key_reused_for_a_different_event_without_versions_is_a_409() {
    var u = api.newUser();
    api.post(events(u), u.token(), meal("2024-03-10T12:30:00Z", 650, ",\"dedupe_key\":\"k\""));
    var other = api.post(events(u), u.token(), meal("2024-03-10T12:30:00Z", 700, ",\"dedupe_key\":\"k\""));
    assertThat(other.status()).isEqualTo(409);
    assertThat(other.header("Content-Type")).startsWith("application/problem+json");
    assertThat(other.json().get("field").asText()).isEqualTo("dedupe_key");
  }

  @Test
  void a_late_retry_of_the_unversioned_first_create_does_not_undo_a_correction() {
    var u = api.newUser();
    String lineage = ",\"source_table\":\"food_entries\",\"source_id\":\"fe-9\"";
    var first = api.post(events(u), u.token(), meal("2024-03-10T12:30:00Z", 700, lineage));
    var v2 = api.post(events(u), u.token(), meal("2024-03-10T12:30:00Z", 650, lineage + ",\"record_version\":2"));
    var retry = api.post(events(u), u.token(), meal("2024-03-10T12:30:00Z", 700, lineage));
    assertThat(first.status()).isEqualTo(201);
    assertThat(v2.status()).isEqualTo(200);
    assertThat(retry.status()).as(retry.toString()).isEqualTo(200);
    assertThat(retry.json()).isEqualTo(v2.json());
    assertThat(retry.json().get("data").get("total_calories").asInt()).isEqualTo(650);
  }

  @Test
  void patching_an_event_of_a_user_that_does_not_exist_is_a_404_naming_the_user() {
    String url = "/v1/users/" + java.util.UUID.randomUUID() + "/events/" + java.util.UUID.randomUUID();
    var r = api.patch(url, api.serviceToken, "{\"summary\":\"x\"}");
    assertThat(r.status()).as(r.toString()).isEqualTo(404);
    assertThat(r.json().get("field").asText()).isEqualTo("userId");
  }

  @Test
  void a_newer_record_version_corrects_the_event_and_an_older_one_changes_nothing() {
    var u = api.newUser();
    String lineage = ",\"source_table\":\"food_entries\",\"source_id\":\"fe-1\"";
    var v1 = api.post(events(u), u.token(), meal("2024-03-10T12:30:00Z", 650, lineage + ",\"record_version\":1"));
    var v3 = api.post(events(u), u.token(), meal("2024-03-10T12:30:00Z", 610, lineage + ",\"record_version\":3"));
    var v2 = api.post(events(u), u.token(), meal("2024-03-10T12:30:00Z", 999, lineage + ",\"record_version\":2"));
    var v3again = api.post(events(u), u.token(), meal("2024-03-10T12:30:00Z", 111, lineage + ",\"record_version\":3"));

    assertThat(v1.status()).isEqualTo(201);
    assertThat(v3.status()).isEqualTo(200);
    assertThat(v3.json().get("id")).isEqualTo(v1.json().get("id"));
    assertThat(v3.json().get("version").asInt()).isEqualTo(2);
    assertThat(v3.json().get("data").get("total_calories").asInt()).isEqualTo(610);
    assertThat(v2.status()).isEqualTo(200);
    assertThat(v2.json()).isEqualTo(v3.json());
    assertThat(v3again.json()).isEqualTo(v3.json());

    var history = api.get(events(u) + "/" + v1.json().get("id").asText() + "/history", u.token());
    assertThat(history.json().get("items")).hasSize(2);
    assertThat(history.json().get("items").get(0).get("data").get("total_calories").asInt()).isEqualTo(650);
    assertThat(history.json().get("items").get(1).get("data").get("total_calories").asInt()).isEqualTo(610);
  }

  @Test
  void patch_merges_into_data_makes_a_new_version_and_keeps_the_old_one() {
    var u = api.newUser();
    var created = api.post(events(u), u.token(), meal("2024-03-10T12:30:00Z", 650));
    String url = events(u) + "/" + created.json().get("id").asText();

    var patched = api.patch(url, u.token(), "{\"data\":{\"total_calories\":600,\"notes\":\"smaller portion\"},\"importance\":0.5}");
    assertThat(patched.status()).as(patched.toString()).isEqualTo(200);
    assertThat(patched.json().get("version").asInt()).isEqualTo(2);
    assertThat(patched.json().get("data").get("total_calories").asInt()).isEqualTo(600);
    assertThat(patched.json().get("data").get("meal_type").asText()).isEqualTo("lunch");
    assertThat(patched.json().get("importance").asDouble()).isEqualTo(0.5);

    var history = api.get(url + "/history", u.token()).json().get("items");
    assertThat(history).hasSize(2);
    assertThat(history.get(0).get("version").asInt()).isEqualTo(1);
    assertThat(history.get(0).get("data").get("total_calories").asInt()).isEqualTo(650);
    assertThat(history.get(0).has("superseded_at")).isTrue();
  }

  @Test
  void patch_with_a_stale_if_match_is_refused_with_412_and_changes_nothing() {
    var u = api.newUser();
    var created = api.post(events(u), u.token(), meal("2024-03-10T12:30:00Z", 650));
    String url = events(u) + "/" + created.json().get("id").asText();
    var stale = api.send("PATCH", url, u.token(), "{\"summary\":\"x\"}", Map.of("If-Match", "\"7\""));
    assertThat(stale.status()).isEqualTo(412);
    var fresh = api.send("PATCH", url, u.token(), "{\"summary\":\"x\"}", Map.of("If-Match", "\"1\""));
    assertThat(fresh.status()).isEqualTo(200);
    assertThat(api.get(url + "/history", u.token()).json().get("items")).hasSize(2);
  }

  @Test
  void patch_cannot_change_the_keys_of_an_event() {
    var u = api.newUser();
    var created = api.post(events(u), u.token(), meal("2024-03-10T12:30:00Z", 650));
    var r = api.patch(events(u) + "/" + created.json().get("id").asText(), u.token(), "{\"dedupe_key\":\"new\"}");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().get("field").asText()).isEqualTo("dedupe_key");
  }

  @Test
  void a_deleted_event_leaves_the_timeline_and_comes_back_when_restored() {
    var u = api.newUser();
    var created = api.post(events(u), u.token(), meal("2024-03-10T12:30:00Z", 650));
    String url = events(u) + "/" + created.json().get("id").asText();

    assertThat(api.delete(url, u.token()).status()).isEqualTo(204);
    assertThat(api.delete(url, u.token()).status()).isEqualTo(204);
    assertThat(api.get(url, u.token()).status()).isEqualTo(404);
    assertThat(count(u, "")).isZero();
    assertThat(count(u, "?include_deleted=true")).isEqualTo(1);
    assertThat(api.get(url + "?include_deleted=true", u.token()).json().get("deleted_at").isNull()).isFalse();

    var restored = api.post(url + "/restore", u.token(), null);
    assertThat(restored.status()).isEqualTo(200);
    assertThat(restored.json().get("deleted_at").isNull()).isTrue();
    assertThat(count(u, "")).isEqualTo(1);
  }

  @Test
  void pages_follow_the_cursor_newest_first_without_gaps_or_repeats() {
    var u = api.newUser();
    for (int day = 1; day <= 7; day++) {
      api.post(events(u), u.token(), meal("2024-03-%02dT12:00:00Z".formatted(day), 500 + day));
    }
    List<String> seen = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      var page = api.get(events(u) + "?limit=3" + (cursor == null ? "" : "&cursor=" + cursor), u.token());
      assertThat(page.status()).isEqualTo(200);
      page.json().get("items").forEach(e -> seen.add(e.get("occurred_at").asText()));
      cursor = page.json().get("next_cursor").isNull() ? null : page.json().get("next_cursor").asText();
      pages++;
    } while (cursor != null);
    assertThat(pages).isEqualTo(3);
    assertThat(seen).hasSize(7).startsWith("2024-03-07T12:00:00Z").endsWith("2024-03-01T12:00:00Z");
    assertThat(seen).isSortedAccordingTo(java.util.Comparator.reverseOrder());
  }

  @Test
  void a_session_reads_oldest_first() {
    var u = api.newUser();
    for (int i = 0; i < 3; i++) {
      api.post(events(u), u.token(), """
          {"type":"note","occurred_at":"2024-03-01T10:0%d:00Z","session_id":"chat-1","importance":0.%d,"data":{"text":"message %d"}}"""
          .formatted(i, i + 3, i));
    }
    api.post(events(u), u.token(), "{\"type\":\"note\",\"occurred_at\":\"2024-03-01T10:05:00Z\",\"data\":{\"text\":\"elsewhere\"}}");
    var page = api.get(events(u) + "?session_id=chat-1", u.token()).json().get("items");
    assertThat(page).hasSize(3);
    assertThat(page.get(0).get("data").get("text").asText()).isEqualTo("message 0");
    assertThat(page.get(2).get("data").get("text").asText()).isEqualTo("message 2");
    assertThat(count(u, "?session_id=chat-1&min_importance=0.4")).isEqualTo(2);
  }

  @Test
  void filters_by_type_time_range_and_json_predicates() {
    var u = api.newUser();
    api.post(events(u), u.token(), meal("2024-03-01T12:00:00Z", 450));
    api.post(events(u), u.token(), meal("2024-03-02T12:00:00Z", 820));
    api.post(events(u), u.token(), meal("2024-03-03T19:00:00Z", 640).replace("\"lunch\"", "\"dinner\""));
    api.post(events(u), u.token(), "{\"type\":\"mood\",\"occurred_at\":\"2024-03-02T20:00:00Z\",\"data\":{\"mood_rating\":7}}");

    assertThat(count(u, "?type=meal")).isEqualTo(3);
    assertThat(count(u, "?type=meal,mood")).isEqualTo(4);
    assertThat(count(u, "?type=mood&type=meal&from=2024-03-02T00:00:00Z&to=2024-03-03T00:00:00Z")).isEqualTo(2);
    assertThat(count(u, "?data_path=" + enc("$.total_calories > 500"))).isEqualTo(2);
    assertThat(count(u, "?data_contains=" + enc("{\"meal_type\":\"dinner\"}"))).isEqualTo(1);
    var bad = api.get(events(u) + "?data_path=" + enc("$.total_calories >>> 5"), u.token());
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.json().get("field").asText()).isEqualTo("data_path");
  }

  @Test
  void the_change_feed_lists_creations_corrections_and_tombstones_in_commit_order() {
    var u = api.newUser();
    String a = api.post(events(u), u.token(), meal("2024-03-01T12:00:00Z", 450)).json().get("id").asText();
    String b = api.post(events(u), u.token(), meal("2024-03-02T12:00:00Z", 500)).json().get("id").asText();
    var first = api.get("/v1/users/" + u.id() + "/changes", u.token()).json();
    assertThat(ops(first)).containsExactly("created " + a, "created " + b);

    api.patch(events(u) + "/" + a, u.token(), "{\"data\":{\"total_calories\":400}}");
    api.delete(events(u) + "/" + b, u.token());
    var next = api.get("/v1/users/" + u.id() + "/changes?since=" + first.get("next_since").asText(), u.token()).json();
    assertThat(ops(next)).containsExactly("updated " + a, "deleted " + b);
    assertThat(next.get("items").get(1).get("event").has("data")).isFalse();

    var none = api.get("/v1/users/" + u.id() + "/changes?since=" + next.get("next_since").asText(), u.token()).json();
    assertThat(none.get("items")).isEmpty();
    assertThat(none.get("next_since")).isEqualTo(next.get("next_since"));
  }

  @Test
  void a_batch_reports_each_item_and_keeps_the_good_ones() {
    var u = api.newUser();
    String batch = "{\"events\":[" + meal("2024-03-01T12:00:00Z", 450, ",\"dedupe_key\":\"a\"") + ","
        + "{\"type\":\"teleport\",\"occurred_at\":\"2024-03-01T12:00:00Z\",\"data\":{}},"
        + meal("2024-03-01T12:00:00Z", 450, ",\"dedupe_key\":\"a\"") + "]}";
    var r = api.post(events(u) + "/batch", u.token(), batch);
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    var results = r.json().get("results");
    assertThat(results.get(0).get("status").asInt()).isEqualTo(201);
    assertThat(results.get(1).get("status").asInt()).isEqualTo(400);
    assertThat(results.get(1).get("field").asText()).isEqualTo("events[1].type");
    assertThat(results.get(2).get("outcome").asText()).isEqualTo("replayed");
    assertThat(results.get(2).get("id")).isEqualTo(results.get(0).get("id"));
    assertThat(count(u, "")).isEqualTo(1);
  }

  @Test
  void an_atomic_batch_with_one_bad_item_writes_nothing() {
    var u = api.newUser();
    String batch = "{\"events\":[" + meal("2024-03-01T12:00:00Z", 450) + ","
        + meal("2024-03-01T13:00:00Z", -5) + "]}";
    var r = api.post(events(u) + "/batch?atomic=true", u.token(), batch);
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().get("field").asText()).startsWith("events[1].data");
    assertThat(count(u, "")).isZero();
  }

  private static List<String> ops(JsonNode page) {
    var out = new ArrayList<String>();
    page.get("items").forEach(i -> out.add(i.get("op").asText() + " " + i.get("event").get("id").asText()));
    return out;
  }

  private static String enc(String s) {
    return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
  }
}
