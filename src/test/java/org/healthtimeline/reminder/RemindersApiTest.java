package org.healthtimeline.reminder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.healthtimeline.reminder.ReminderCalls.daily;
import static org.healthtimeline.reminder.ReminderCalls.id;
import static org.healthtimeline.reminder.ReminderCalls.path;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.healthtimeline.testing.DatabaseSnapshot;
import org.healthtimeline.testing.MutableClock;
import org.healthtimeline.testing.TestApi;
import org.healthtimeline.testing.TestApi.Response;
import org.healthtimeline.testing.TestApi.User;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Reminders over HTTP on a clock the test sets: creating, reading, changing, pausing, deleting, upcoming firings. */
class RemindersApiTest {
  static final Instant MONDAY_0600_UTC = Instant.parse("2024-01-15T06:00:00Z");
  static MutableClock clock = new MutableClock(MONDAY_0600_UTC);
  static TestApi api;
  static ReminderCalls calls;

  @BeforeAll
  static void up() {
    api = TestApi.start(clock);
    calls = new ReminderCalls(api);
  }

  @AfterAll
  static void down() {
    api.close();
  }

  @BeforeEach
  void resetClock() {
    clock.set(MONDAY_0600_UTC);
  }

  @Test
  void a_daily_reminder_at_eight_in_new_york_fires_next_at_1300_utc_and_is_scheduled_for_then() {
    User u = api.newUser("America/New_York");
    Response r = create(u, "{\"message\":\"Log breakfast\",\"schedule\":{\"type\":\"daily\",\"time\":\"08:00\"}}");

    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    assertThat(r.header("Location")).isEqualTo("/v1/users/" + u.id() + "/reminders/" + r.json().get("id").asText());
    assertThat(r.json().get("next_fire_at").asText()).isEqualTo("2024-01-15T13:00:00Z");
    assertThat(r.json().get("next_fire_local").asText()).isEqualTo("2024-01-15T08:00:00-05:00");
    assertThat(r.json().get("reminder_type").asText()).isEqualTo("simple");
    assertThat(r.json().get("schedule").toString())
        .isEqualTo("{\"type\":\"daily\",\"time\":\"08:00\",\"days\":[\"mon\",\"tue\",\"wed\",\"thu\",\"fri\",\"sat\",\"sun\"]}");
    assertThat(r.json().has("webhook_secret")).isFalse();
    assertThat(executions(u)).containsExactly(id(r) + " at 2024-01-15T13:00:00Z");
  }

  @Test
  void a_reminder_reads_back_alone_and_in_the_list() {
    User u = api.newUser("Europe/Berlin");
    String id = create(u, daily("Stretch", "07:30")).json().get("id").asText();
    clock.advance(java.time.Duration.ofSeconds(1));
    String paused = create(u, "{\"message\":\"Paused\",\"active\":false,\"schedule\":{\"type\":\"weekly\",\"day\":\"sun\",\"time\":\"18:00\"}}")
        .json().get("id").asText();

    Response one = api.get(path(u) + "/" + id, u.token());
    assertThat(one.status()).isEqualTo(200);
    assertThat(one.json().get("message").asText()).isEqualTo("Stretch");
    assertThat(one.json().get("time_zone").asText()).isEqualTo("Europe/Berlin");
    assertThat(ids(api.get(path(u), u.token()).json())).containsExactly(id, paused);
    assertThat(ids(api.get(path(u) + "?active=false", u.token()).json())).containsExactly(paused);
    assertThat(api.get(path(u) + "/" + paused, u.token()).json().get("next_fire_at").isNull()).isTrue();
    assertThat(api.get(path(u) + "/" + UUID.randomUUID(), u.token()).status()).isEqualTo(404);
  }

  @Test
  void changing_only_the_message_keeps_the_next_firing_and_changing_the_schedule_moves_it() {
    User u = api.newUser("UTC");
    String id = create(u, daily("Water", "09:00")).json().get("id").asText();
    clock.set(Instant.parse("2024-01-15T09:00:00.500Z"));

    Response renamed = api.patch(path(u) + "/" + id, u.token(), "{\"message\":\"Drink water\"}");
    assertThat(renamed.json().get("next_fire_at").asText()).as("a firing due right now still happens").isEqualTo("2024-01-15T09:00:00Z");

    Response moved = api.patch(path(u) + "/" + id, u.token(), "{\"schedule\":{\"time\":\"10:00\"}}");
    assertThat(moved.status()).as(moved.toString()).isEqualTo(200);
    assertThat(moved.json().get("schedule").get("time").asText()).isEqualTo("10:00");
    assertThat(moved.json().get("next_fire_at").asText()).isEqualTo("2024-01-15T10:00:00Z");
    assertThat(executions(u)).containsExactly(id + " at 2024-01-15T10:00:00Z");
  }

  @Test
  void pausing_removes_the_scheduled_firing_and_resuming_schedules_the_next_from_now() {
    User u = api.newUser("UTC");
    String id = create(u, daily("Walk", "12:00")).json().get("id").asText();

    Response paused = api.patch(path(u) + "/" + id, u.token(), "{\"active\":false}");
    assertThat(paused.json().get("active").asBoolean()).isFalse();
    assertThat(paused.json().get("next_fire_at").isNull()).isTrue();
    assertThat(executions(u)).isEmpty();

    clock.set(Instant.parse("2024-01-16T13:00:00Z"));
    Response resumed = api.patch(path(u) + "/" + id, u.token(), "{\"active\":true}");
    assertThat(resumed.json().get("next_fire_at").asText()).isEqualTo("2024-01-17T12:00:00Z");
    assertThat(executions(u)).containsExactly(id + " at 2024-01-17T12:00:00Z");
  }

  @Test
  void deleting_a_reminder_or_its_user_removes_its_scheduled_firing() {
    User u = api.newUser("UTC");
    String id = create(u, daily("Walk", "12:00")).json().get("id").asText();
    create(u, daily("Sleep", "22:00"));

    assertThat(api.delete(path(u) + "/" + id, u.token()).status()).isEqualTo(204);
    assertThat(api.delete(path(u) + "/" + id, u.token()).status()).isEqualTo(404);
    assertThat(executions(u)).hasSize(1);

    assertThat(api.delete("/v1/users/" + u.id(), api.serviceToken).status()).isEqualTo(204);
    assertThat(executions(u)).isEmpty();
  }

  @Test
  void upcoming_lists_the_next_firings_of_all_active_reminders_soonest_first_with_local_times_across_dst() {
    User u = api.newUser("Europe/Berlin");
    clock.set(Instant.parse("2024-03-30T12:00:00Z"));
    create(u, daily("Night pill", "02:30"));
    create(u, "{\"message\":\"Stand up\",\"schedule\":{\"type\":\"interval\",\"every_hours\":4,\"start\":\"08:00\",\"end\":\"16:00\"}}");
    create(u, "{\"message\":\"Off\",\"active\":false,\"schedule\":{\"type\":\"daily\",\"time\":\"13:00\"}}");

    Response r = api.get(path(u) + "/upcoming?limit=5", u.token());

    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    assertThat(r.json().get("time_zone").asText()).isEqualTo("Europe/Berlin");
    var firings = new ArrayList<String>();
    r.json().get("items").forEach(i -> firings.add(i.get("message").asText() + " " + i.get("at").asText() + " " + i.get("local_time").asText()));
    assertThat(firings).containsExactly(
        "Stand up 2024-03-30T15:00:00Z 2024-03-30T16:00:00+01:00",
        "Night pill 2024-03-31T01:30:00Z 2024-03-31T03:30:00+02:00",
        "Stand up 2024-03-31T06:00:00Z 2024-03-31T08:00:00+02:00",
        "Stand up 2024-03-31T10:00:00Z 2024-03-31T12:00:00+02:00",
        "Stand up 2024-03-31T14:00:00Z 2024-03-31T16:00:00+02:00");
  }

  @Test
  void a_webhook_url_gets_a_secret_shown_once_and_a_new_one_on_request() {
    User u = api.newUser("UTC");
    Response created = create(u, "{\"message\":\"Ping\",\"webhook_url\":\"https://example.com/hook\","
        + "\"schedule\":{\"type\":\"daily\",\"time\":\"09:00\"}}");
    String secret = created.json().get("webhook_secret").asText();
    String id = id(created);

    assertThat(secret).startsWith("whsec_").hasSizeGreaterThan(40);
    assertThat(api.get(path(u) + "/" + id, u.token()).json().has("webhook_secret")).isFalse();
    assertThat(api.patch(path(u) + "/" + id, u.token(), "{\"message\":\"Pong\"}").json().has("webhook_secret")).isFalse();
    Response rotated = api.post(path(u) + "/" + id + "/webhook-secret", u.token(), null);
    assertThat(rotated.status()).isEqualTo(200);
    assertThat(rotated.json().get("webhook_secret").asText()).startsWith("whsec_").isNotEqualTo(secret);

    String plain = id(create(u, daily("No hook", "10:00")));
    assertThat(api.post(path(u) + "/" + plain + "/webhook-secret", u.token(), null).status()).isEqualTo(409);
    Response hooked = api.patch(path(u) + "/" + plain, u.token(), "{\"webhook_url\":\"http://127.0.0.1:9/hook\"}");
    assertThat(hooked.json().get("webhook_secret").asText()).startsWith("whsec_");
  }

  @Test
  void a_user_who_moves_from_berlin_to_new_york_keeps_nine_oclock_in_the_new_zone() {
    User u = api.newUser("Europe/Berlin");
    String id = id(create(u, daily("Coffee", "09:00")));
    assertThat(api.get(path(u) + "/" + id, u.token()).json().get("next_fire_at").asText()).isEqualTo("2024-01-15T08:00:00Z");

    Response moved = api.patch("/v1/users/" + u.id(), u.token(), "{\"time_zone\":\"America/New_York\"}");

    assertThat(moved.status()).isEqualTo(200);
    JsonNode after = api.get(path(u) + "/" + id, u.token()).json();
    assertThat(after.get("next_fire_at").asText()).isEqualTo("2024-01-15T14:00:00Z");
    assertThat(after.get("next_fire_local").asText()).isEqualTo("2024-01-15T09:00:00-05:00");
    assertThat(executions(u)).containsExactly(id + " at 2024-01-15T14:00:00Z");
  }

  @Test
  void completing_a_reminder_without_a_firing_records_a_completion_on_the_users_local_day() {
    User u = api.newUser("America/New_York");
    String id = id(create(u, daily("Meditate", "08:00")));
    clock.set(Instant.parse("2024-01-16T03:00:00Z"));

    Response done = api.post(path(u) + "/" + id + "/completions", u.token(), null);

    assertThat(done.status()).as(done.toString()).isEqualTo(201);
    assertThat(done.json().get("completed").asBoolean()).isTrue();
    assertThat(done.json().get("completed_at").asText()).isEqualTo("2024-01-16T03:00:00Z");
    assertThat(done.json().get("completed_local_date").asText()).as("22:00 the evening before, in New York").isEqualTo("2024-01-15");
    assertThat(api.get(path(u) + "/" + id + "/completions", u.token()).json().get("items")).hasSize(1);
  }

  // ---- bad input: a problem naming the field, nothing written ----

  @Test
  void each_bad_reminder_is_a_400_naming_its_field_and_writes_nothing() {
    User u = api.newUser("Europe/Berlin");
    String existing = id(create(u, daily("Existing", "09:00")));
    refused(u, "POST", "", "{\"message\":\"x\",\"schedule\":{\"type\":\"daily\",\"time\":\"25:00\"}}", "schedule.time");
    refused(u, "POST", "", "{\"message\":\"x\",\"schedule\":{\"type\":\"daily\",\"time\":\"09:00\",\"days\":[]}}", "schedule.days");
    refused(u, "POST", "", "{\"message\":\"x\",\"schedule\":{\"type\":\"interval\",\"every_hours\":0}}", "schedule.every_hours");
    refused(u, "POST", "", "{\"message\":\"x\",\"schedule\":{\"type\":\"one_time\",\"datetime\":\"2024-01-15T06:59:00\"}}",
        "schedule.datetime");
    refused(u, "POST", "", "{\"message\":\"x\",\"webhook_url\":\"ftp://example.com/hook\",\"schedule\":{\"type\":\"daily\",\"time\":\"09:00\"}}",
        "webhook_url");
    refused(u, "POST", "", "{\"message\":\"x\",\"webhook_url\":\"/relative\",\"schedule\":{\"type\":\"daily\",\"time\":\"09:00\"}}",
        "webhook_url");
    refused(u, "POST", "", "{\"message\":\"x\",\"schedule\":{\"type\":\"fortnightly\"}}", "schedule.type");
    refused(u, "POST", "", "{\"schedule\":{\"type\":\"daily\",\"time\":\"09:00\"}}", "message");
    refused(u, "POST", "", "{\"message\":\"x\"}", "schedule");
    refused(u, "POST", "", "{\"message\":\"x\",\"reminder_type\":\"nag\",\"schedule\":{\"type\":\"daily\",\"time\":\"09:00\"}}", "reminder_type");
    refused(u, "POST", "", "{\"message\":\"x\",\"active\":\"yes\",\"schedule\":{\"type\":\"daily\",\"time\":\"09:00\"}}", "active");
    refused(u, "POST", "", "[]", "body");
    refused(u, "PATCH", "/" + existing, "{\"schedule\":{\"time\":\"24:00\"}}", "schedule.time");
    refused(u, "PATCH", "/" + existing, "{\"id\":\"" + UUID.randomUUID() + "\"}", "id");
    refused(u, "PATCH", "/" + existing, "{\"webhook_url\":\"javascript:alert(1)\"}", "webhook_url");
    refused(u, "POST", "/" + existing + "/completions", "{\"completed_at\":\"2024-01-16T06:00:00Z\"}", "completed_at");
    refused(u, "POST", "/" + existing + "/completions", "{\"completion_id\":\"nope\"}", "completion_id");
    refused(u, "GET", "/upcoming?limit=0", null, "limit");
    refused(u, "GET", "?active=maybe", null, "active");
    refused(u, "GET", "/not-a-uuid", null, "reminderId");
  }

  private static void refused(User u, String method, String suffix, String body, String field) {
    var before = DatabaseSnapshot.of(api.db);
    Response r = api.send(method, path(u) + suffix, u.token(), body);
    assertThat(r.status()).as(method + " " + suffix + " " + body + " -> " + r).isEqualTo(400);
    assertThat(r.header("Content-Type")).startsWith("application/problem+json");
    assertThat(r.json().get("field").asText()).as(r.toString()).isEqualTo(field);
    assertThat(DatabaseSnapshot.of(api.db)).as("nothing written by " + body).isEqualTo(before);
  }

  // ---- factories ----

  private static Response create(User u, String body) {
    return calls.create(u, body);
  }

  private static List<String> executions(User u) {
    return calls.executions(u);
  }

  private static List<String> ids(JsonNode page) {
    var out = new ArrayList<String>();
    page.get("items").forEach(i -> out.add(i.get("id").asText()));
    return out;
  }
}
