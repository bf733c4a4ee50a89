package org.healthtimeline.reminder;

import com.github.kagkarlsson.scheduler.task.Task;
import java.time.Clock;
import java.util.List;
import org.healthtimeline.db.Tx;
import org.healthtimeline.user.UserService;

/** The background work of reminders, for {@code BackgroundTasks.register}: firing them and delivering webhooks. */
public final class ReminderTasks {
  private ReminderTasks() {}

  public static List<Task<?>> all(Tx tx, UserService users, Clock clock) {
    return List.of(new ReminderFiring(tx, users, clock).task(), new WebhookDelivery(tx, users, clock).task());
  }
}
