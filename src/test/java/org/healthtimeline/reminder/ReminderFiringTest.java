package org.healthtimeline.reminder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.healthtimeline.reminder.ReminderCalls.await;
import static org.healthtimeline.reminder.ReminderCalls.daily;
import static org.healthtimeline.reminder.ReminderCalls.id;
import static org.healthtimeline.reminder.ReminderCalls.letTheSchedulerPoll;
import static org.healthtimeline.reminder.ReminderCalls.path;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import org.healthtimeline.testing.MutableClock;
import org.healthtimeline.testing.TestApi;
import org.healthtimeline.testing.TestApi.Response;
import org.healthtimeline.testing.TestApi.User;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The scheduler of serve (db-scheduler, polling every 50 ms here) fires reminders on a clock the test moves, through
 * seed 001's time zone checklist: UTC, New York in winter and summer, a change of zone, and both DST changes.
 * Each test has an app and a clock of its own: db-scheduler waits between polls by its clock, so a clock may only
 * move forward.
 */
class ReminderFiringTest {
  MutableClock clock;
  TestApi api;
  ReminderCalls calls;

  private void startAt(String instant) {
    clock = new MutableClock(Instant.parse(instant));
    api = TestApi.start(clock);
    calls = new ReminderCalls(api);
    api.app.background().start(Duration.ofMillis(50));
  }

  @AfterEach
  void down() {
    if (api != null) api.close();
  }

  @Test
  void a_user_in_utc_with_a_reminder_at_eight_is_reminded_at_0800_utc() {
    startAt("2024-01-15T06:00:00Z");
    User u = api.newUser("UTC");
    String id = id(calls.create(u, daily("Weigh in", "08:00")));

    firesExactlyAt(u, id, "2024-01-15T08:00:00Z");
  }

  @Test
  void eight_in_new_york_is_reminded_at_1300_utc_in_winter_and_1200_utc_in_summer() {
    startAt("2024-01-15T06:00:00Z");
    User winter = api.newUser("America/New_York");
    String w = id(calls.create(winter, daily("Breakfast", "08:00")));
    firesExactlyAt(winter, w, "2024-01-15T13:00:00Z");

    clock.set(Instant.parse("2024-07-15T06:00:00Z"));
    User summer = api.newUser("America/New_York");
    String s = id(calls.create(summer, daily("Breakfast", "08:00")));
    firesExactlyAt(summer, s, "2024-07-15T12:00:00Z");
  }

  @Test
  void half_past_two_in_berlin_on_the_spring_forward_day_fires_once_at_half_past_three_local() {
    startAt("2024-03-30T12:00:00Z");
    User u = api.newUser("Europe/Berlin");
    String id = id(calls.create(u, daily("Night pill", "02:30")));

    firesExactlyAt(u, id, "2024-03-31T01:30:00Z");
    assertThat(calls.get(u, id).get("next_fire_local").asText()).isEqualTo("2024-04-01T02:30:00+02:00");
  }

  @Test
  void half_past_two_in_berlin_on_the_fall_back_day_fires_once_not_twice() {
    startAt("2024-10-26T12:00:00Z");
    User u = api.newUser("Europe/Berlin");
    String id = id(calls.create(u, daily("Night pill", "02:30")));

    firesExactlyAt(u, id, "2024-10-27T00:30:00Z");
    clock.set(Instant.parse("2024-10-27T01:30:00Z"));
    letTheSchedulerPoll();
    assertThat(calls.firings(u, id)).as("02:30 again, an hour later, in winter time").containsExactly("2024-10-27T00:30:00Z");
    assertThat(calls.get(u, id).get("next_fire_at").asText()).isEqualTo("2024-10-28T01:30:00Z");
  }

  @Test
  void a_user_who_moves_from_berlin_to_new_york_is_reminded_at_nine_in_new_york() {
    startAt("2024-01-15T06:00:00Z");
    User u = api.newUser("Europe/Berlin");
    String id = id(calls.create(u, daily("Coffee", "09:00")));

    Response moved = api.patch("/v1/users/" + u.id(), u.token(), "{\"time_zone\":\"America/New_York\"}");
    assertThat(moved.status()).isEqualTo(200);
    clock.set(Instant.parse("2024-01-15T08:00:00Z"));
    letTheSchedulerPoll();
    assertThat(calls.firings(u, id)).as("nine in Berlin is no longer the time").isEmpty();

    firesExactlyAt(u, id, "2024-01-15T14:00:00Z");
  }

  @Test
  void a_paused_or_deleted_reminder_does_not_fire() {
    startAt("2024-01-15T06:00:00Z");
    User u = api.newUser("UTC");
    String paused = id(calls.create(u, daily("Paused", "07:00")));
    String deleted = id(calls.create(u, daily("Deleted", "07:00")));
    String kept = id(calls.create(u, daily("Kept", "07:00")));
    api.patch(path(u) + "/" + paused, u.token(), "{\"active\":false}");
    api.delete(path(u) + "/" + deleted, u.token());

    clock.set(Instant.parse("2024-01-15T07:00:00Z"));
    await("the kept reminder to fire", () -> !calls.firings(u, kept).isEmpty());
    letTheSchedulerPoll();

    assertThat(calls.firings(u, paused)).isEmpty();
    assertThat(api.get(path(u) + "/" + deleted + "/completions", u.token()).status()).isEqualTo(404);
  }

  @Test
  void a_firing_missed_while_no_server_ran_fires_once_and_the_next_is_the_first_after_now() {
    startAt("2024-01-15T06:00:00Z");
    User u = api.newUser("UTC");
    String id = id(calls.create(u, daily("Vitamins", "08:00")));

    clock.set(Instant.parse("2024-01-18T10:00:00Z"));
    await("the missed firing", () -> !calls.firings(u, id).isEmpty());
    letTheSchedulerPoll();

    JsonNode firing = calls.completions(u, id).getFirst();
    assertThat(calls.firings(u, id)).containsExactly("2024-01-15T08:00:00Z");
    assertThat(firing.get("triggered_at").asText()).isEqualTo("2024-01-18T10:00:00Z");
    assertThat(calls.get(u, id).get("next_fire_at").asText()).isEqualTo("2024-01-19T08:00:00Z");
  }

  @Test
  void completing_a_fired_reminder_completes_that_firing_and_counts_on_the_local_day() {
    startAt("2024-01-15T20:00:00Z");
    User u = api.newUser("America/New_York");
    String id = id(calls.create(u, daily("Journal", "21:30")));
    clock.set(Instant.parse("2024-01-16T02:30:00Z"));
    await("the firing", () -> !calls.firings(u, id).isEmpty());

    clock.set(Instant.parse("2024-01-16T04:00:00Z"));
    Response done = api.post(path(u) + "/" + id + "/completions", u.token(), null);

    assertThat(done.status()).as(done.toString()).isEqualTo(200);
    assertThat(done.json().get("scheduled_for").asText()).isEqualTo("2024-01-16T02:30:00Z");
    assertThat(done.json().get("completed_at").asText()).isEqualTo("2024-01-16T04:00:00Z");
    assertThat(done.json().get("completed_local_date").asText()).as("23:00 in New York").isEqualTo("2024-01-15");
    Response again = api.post(path(u) + "/" + id + "/completions", u.token(),
        "{\"completion_id\":\"" + done.json().get("id").asText() + "\"}");
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.json().get("completed_at").asText()).as("completing twice changes nothing").isEqualTo("2024-01-16T04:00:00Z");
    assertThat(api.app.completions().completedPerDay(u.id(), java.time.LocalDate.parse("2024-01-14"), java.time.LocalDate.parse("2024-01-16")))
        .containsExactly(java.util.Map.entry(java.time.LocalDate.parse("2024-01-15"), 1));
  }

  /** Scheduled for {@code at} and nothing before; at {@code at}, exactly that firing, and the next one scheduled. */
  private void firesExactlyAt(User u, String id, String at) {
    Instant due = Instant.parse(at);
    assertThat(calls.executions(u)).containsExactly(id + " at " + at);
    clock.set(due.minus(Duration.ofMinutes(10)));
    letTheSchedulerPoll();
    assertThat(calls.firings(u, id)).as("ten minutes early").isEmpty();

    clock.set(due);
    await("the firing at " + at, () -> !calls.firings(u, id).isEmpty());
    letTheSchedulerPoll();
    assertThat(calls.firings(u, id)).containsExactly(at);
    assertThat(calls.completions(u, id).getFirst().get("triggered_at").asText()).isEqualTo(at);
    assertThat(calls.executions(u)).hasSize(1).allMatch(e -> !e.endsWith(" at " + at));
  }
}
