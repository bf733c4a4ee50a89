package org.healthtimeline.reminder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.healthtimeline.reminder.ReminderCalls.await;
import static org.healthtimeline.reminder.ReminderCalls.id;
import static org.healthtimeline.reminder.ReminderCalls.letTheSchedulerPoll;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import org.healthtimeline.App;
import org.healthtimeline.db.Database;
import org.healthtimeline.testing.MutableClock;
import org.healthtimeline.testing.TestApi;
import org.healthtimeline.testing.TestApi.User;
import org.junit.jupiter.api.Test;

/** Two serve processes' apps, each with its own pool and scheduler, on one database: every firing happens once. */
class TwoServersFiringTest {
  @Test
  void with_two_servers_on_one_database_each_firing_is_recorded_and_delivered_once() {
    var clock = new MutableClock(Instant.parse("2024-01-15T00:30:00Z"));
    try (TestApi first = TestApi.start(clock);
        Database secondPool = Database.connect(first.db.jdbcUrl(), 4);
        App second = new App(secondPool, clock).start("127.0.0.1", 0);
        var receiver = new WebhookReceiver()) {
      first.app.background().start(Duration.ofMillis(50));
      second.background().start(Duration.ofMillis(50));
      var calls = new ReminderCalls(first);
      User u = first.newUser("UTC");
      String id = id(calls.create(u, "{\"message\":\"Hourly\",\"webhook_url\":\"" + receiver.url() + "\","
          + "\"schedule\":{\"type\":\"interval\",\"every_hours\":1}}"));

      int firings = 6;
      for (int hour = 1; hour <= firings; hour++) {
        int expected = hour;
        clock.set(Instant.parse("2024-01-15T00:00:00Z").plus(Duration.ofHours(hour)));
        await("firing " + hour, () -> calls.firings(u, id).size() == expected);
      }
      await("every delivery", () -> receiver.received().size() >= firings);
      letTheSchedulerPoll();

      assertThat(calls.firings(u, id)).containsExactly("2024-01-15T01:00:00Z", "2024-01-15T02:00:00Z", "2024-01-15T03:00:00Z",
          "2024-01-15T04:00:00Z", "2024-01-15T05:00:00Z", "2024-01-15T06:00:00Z");
      assertThat(receiver.received()).hasSize(firings);
      assertThat(new HashSet<>(receiver.received().stream().map(r -> r.header("Timeline-Delivery")).toList())).hasSize(firings);
      assertThat(calls.executions(u)).containsExactly(id + " at 2024-01-15T07:00:00Z");
    }
  }
}
