package org.healthtimeline.reminder;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.healthtimeline.testing.TestApi;
import org.healthtimeline.testing.TestApi.Response;
import org.healthtimeline.testing.TestApi.User;

/** Requests the reminder tests make, and waiting for what background work does. */
final class ReminderCalls {
  private final TestApi api;

  ReminderCalls(TestApi api) {
    this.api = api;
  }

  static String daily(String message, String time) {
    return "{\"message\":\"" + message + "\",\"schedule\":{\"type\":\"daily\",\"time\":\"" + time + "\"}}";
  }

  static String path(User u) {
    return "/v1/users/" + u.id() + "/reminders";
  }

  static String id(Response r) {
    return r.json().get("id").asText();
  }

  Response create(User u, String body) {
    Response r = api.post(path(u), u.token(), body);
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    return r;
  }

  JsonNode get(User u, String reminderId) {
    Response r = api.get(path(u) + "/" + reminderId, u.token());
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    return r.json();
  }

  /** The reminder's firings and completions, oldest first. */
  List<JsonNode> completions(User u, String reminderId) {
    Response r = api.get(path(u) + "/" + reminderId + "/completions", u.token());
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    var out = new ArrayList<JsonNode>();
    r.json().get("items").forEach(out::add);
    return out.reversed();
  }

  /** When each firing of the reminder was due, oldest first. */
  List<String> firings(User u, String reminderId) {
    return completions(u, reminderId).stream().map(c -> c.get("scheduled_for").asText()).toList();
  }

  /** The user's scheduled reminder firings: "reminder id at execution time". */
  List<String> executions(User u) {
    return api.db.tx().read(c -> {
      try (var st = c.prepareStatement("""
          SELECT task_instance, execution_time FROM scheduled_tasks
          WHERE task_name = 'reminder-firing' AND task_instance LIKE ? ORDER BY execution_time""")) {
        st.setString(1, u.id() + "/%");
        var out = new ArrayList<String>();
        try (var rs = st.executeQuery()) {
          while (rs.next()) {
            String[] parts = rs.getString(1).split("/");
            Instant at = rs.getObject(2, OffsetDateTime.class).toInstant();
            assertThat(Instant.ofEpochSecond(Long.parseLong(parts[2]))).isEqualTo(at);
            out.add(parts[1] + " at " + at);
          }
        }
        return out;
      }
    });
  }

  /** Waits until the condition holds (background work is asynchronous); fails after a generous while. */
  static void await(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) throw new AssertionError("waited in vain for " + what);
      pause(Duration.ofMillis(20));
    }
  }

  /** Long enough for the scheduler (polling every 50 ms in these tests) to have run whatever was due. */
  static void letTheSchedulerPoll() {
    pause(Duration.ofMillis(600));
  }

  private static void pause(Duration d) {
    try {
      Thread.sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
