package org.healthtimeline.reminder;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.healthtimeline.db.Tx;
import org.healthtimeline.errors.InvalidInput;
import org.healthtimeline.errors.NotFound;
import org.healthtimeline.user.UserService;
import org.healthtimeline.web.Fields;

/**
 * Completing reminders (seed 003: a firing's row gets completed and completed_at), counting completions per local
 * day (for streaks and XP), and the firings and completions as changes for the live stream.
 */
public final class CompletionService {
  /** A completion may say it happened a little later than the server's clock, but not later than that. */
  private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

  private final Tx tx;
  private final UserService users;
  private final Clock clock;
  private final ReminderRepository reminders = new ReminderRepository();
  private final CompletionRepository repo = new CompletionRepository();

  public CompletionService(Tx tx, UserService users, Clock clock) {
    this.tx = tx;
    this.users = users;
    this.clock = clock;
  }

  /** The completion, and whether this request made its row (no firing was there to complete). */
  record Completed(Completion completion, boolean created) {}

  /**
   * Completes the firing named by {@code completion_id}, else the reminder's latest firing nobody completed, else
   * records a completion without a firing. Completing a completed firing again changes nothing.
   */
  Completed complete(UUID userId, UUID reminderId, JsonNode body) {
    var f = new Fields(body);
    f.onlyKnown(Set.of("completion_id", "completed_at"));
    UUID completionId = f.uuid("completion_id");
    Instant now = clock.instant();
    Instant at = f.given("completed_at") ? f.instant("completed_at") : now;
    if (at != null && at.isAfter(now.plus(CLOCK_SKEW))) f.fail("completed_at", "must not be in the future");
    f.check();
    return tx.inTransaction(c -> {
      users.lockTimeZone(c, userId).orElseThrow(() -> new NotFound("userId", "user " + userId + " does not exist"));
      reminders.find(c, userId, reminderId, false).orElseThrow(() -> ReminderService.notFound(reminderId));
      UUID id = completionId;
      boolean created = false;
      if (id == null) {
        id = repo.latestOpen(c, userId, reminderId, at).orElse(null);
        if (id == null) {
          id = repo.insertCompleted(c, userId, reminderId, at);
          created = true;
        }
      }
      if (!created) repo.complete(c, userId, reminderId, id, at);
      Completion done = repo.find(c, userId, id).filter(x -> x.reminderId().equals(reminderId))
          .orElseThrow(() -> new NotFound("completion_id", "the reminder has no firing " + completionId));
      return new Completed(done, created);
    });
  }

  List<Completion> list(UUID userId, UUID reminderId, int limit) {
    List<Completion> found = tx.read(c -> reminders.find(c, userId, reminderId, false).isEmpty()
        ? null : repo.list(c, userId, reminderId, limit));
    if (found != null) return found;
    throw users.exists(userId) ? ReminderService.notFound(reminderId) : new NotFound("userId", "user " + userId + " does not exist");
  }

  /**
   * How many reminders the user completed on each local day from {@code from} to {@code to} (both included), the
   * day being theirs when they completed it. Days without a completion are left out.
   */
  public Map<LocalDate, Integer> completedPerDay(UUID userId, LocalDate from, LocalDate to) {
    return tx.read(c -> repo.completedPerDay(c, userId, from, to));
  }

  /** One firing or completion for the live stream: {@code op} is fired or completed, {@code json} the row. */
  public record Change(long seq, String op, String json) {}

  /** The user's firings and completions that changed after {@code since}, in change_seq order. */
  public List<Change> changes(UUID userId, long since, int limit) {
    return tx.read(c -> repo.changes(c, userId, since, limit)).stream()
        .map(x -> new Change(x.changeSeq(), x.op(), x.toJson().toString())).toList();
  }

  /** The highest change_seq among the user's firings and completions, 0 when there is none. */
  public long lastChangeSeq(UUID userId) {
    return tx.read(c -> repo.lastChange(c, userId));
  }
}
