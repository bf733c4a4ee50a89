package org.healthtimeline.reminder;

import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import java.util.UUID;
import org.healthtimeline.db.Tx;
import org.healthtimeline.user.UserService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fires a due reminder: the db-scheduler execution 'reminder-firing' of one firing (V012__reminders.sql). Whichever
 * serve process picks it (db-scheduler hands each execution to one), one transaction records the firing in
 * reminder_completions (which puts it on the user's stream and queues its webhook delivery) and sets the reminder's
 * next firing, which schedules that. It fires only if the reminder still holds this firing, so an execution run
 * again after a crash, or one whose reminder was changed, paused or deleted meanwhile, fires nothing.
 */
final class ReminderFiring {
  static final String TASK = "reminder-firing";
  private static final Logger LOG = LoggerFactory.getLogger(ReminderFiring.class);

  private final Tx tx;
  private final UserService users;
  private final Clock clock;
  private final ReminderRepository reminders = new ReminderRepository();
  private final CompletionRepository completions = new CompletionRepository();

  ReminderFiring(Tx tx, UserService users, Clock clock) {
    this.tx = tx;
    this.users = users;
    this.clock = clock;
  }

  OneTimeTask<Void> task() {
    // A failure (the database away) is tried again; the firing is recorded once however often it runs.
    return Tasks.oneTime(TASK)
        .onFailure(new FailureHandler.OnFailureRetryLater<>(Duration.ofSeconds(30)))
        .execute((instance, context) -> fire(instance.getId()));
  }

  private void fire(String executionId) {
    String[] p = TaskIds.parts(executionId, 3);
    if (p == null) {
      LOG.warn("dropping reminder firing {}: not a user/reminder/epoch-second id", executionId);
      return;
    }
    fire(UUID.fromString(p[0]), UUID.fromString(p[1]), Instant.ofEpochSecond(Long.parseLong(p[2])));
  }

  /**
   * Fires the reminder's firing at {@code due} if it still holds it; returns the firing's row id if this call
   * recorded it. A firing missed while no serve process ran fires once when one runs again, and the next firing is
   * the first one after now: missed ones are not repeated.
   */
  Optional<UUID> fire(UUID userId, UUID reminderId, Instant due) {
    return tx.inTransaction(c -> {
      // The user's row first, then the reminder's: the order a change of time zone locks them in.
      Optional<ZoneId> zone = users.lockTimeZone(c, userId);
      Optional<Reminder> found = reminders.find(c, userId, reminderId, true);
      if (zone.isEmpty() || found.isEmpty()) return Optional.<UUID>empty();
      Reminder r = found.get();
      if (!r.active() || !due.equals(r.nextFireAt()) || r.parsed() == null) return Optional.<UUID>empty();
      Instant now = clock.instant();
      Optional<UUID> fired = completions.insertFiring(c, userId, reminderId, due, now, r.webhookUrl() != null);
      reminders.setNextFireAt(c, userId, reminderId, r.parsed().nextAfter(now.isAfter(due) ? now : due, zone.get()));
      return fired;
    });
  }
}
