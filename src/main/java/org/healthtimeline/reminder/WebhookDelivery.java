package org.healthtimeline.reminder;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import java.util.UUID;
import org.healthtimeline.db.Tx;
import org.healthtimeline.errors.NotFound;
import org.healthtimeline.user.UserService;
import org.healthtimeline.web.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * POSTs a firing to its reminder's webhook_url: the db-scheduler execution 'reminder-webhook' that the firing's row
 * queued (V012__reminders.sql). Signed as {@link WebhookSignature} says. A 2xx delivers; a network error, a timeout,
 * 408, 425, 429 or 5xx is tried again after 1, 3, 9, ... seconds ({@link #MAX_ATTEMPTS} attempts in all, the last
 * about 18 minutes after the first: a reminder much later than that is no use); any other answer, such as 404 or a
 * redirect, fails at once. Each attempt is recorded on the row. At least once: a receiver that must act once
 * dedupes by the Timeline-Delivery header.
 */
final class WebhookDelivery {
  static final String TASK = "reminder-webhook";
  static final int MAX_ATTEMPTS = 8;
  static final Duration FIRST_RETRY = Duration.ofSeconds(1);
  private static final Logger LOG = LoggerFactory.getLogger(WebhookDelivery.class);

  private final Tx tx;
  private final UserService users;
  private final Clock clock;
  private final CompletionRepository repo = new CompletionRepository();
  private final HttpClient http = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(5))
      .followRedirects(HttpClient.Redirect.NEVER)
      .build();

  WebhookDelivery(Tx tx, UserService users, Clock clock) {
    this.tx = tx;
    this.users = users;
    this.clock = clock;
  }

  CustomTask<Void> task() {
    return Tasks.custom(TASK, Void.class).execute((instance, context) -> deliver(instance.getId()));
  }

  /** The wait before attempt {@code attempt + 1}. */
  static Duration backoff(int attempt) {
    return FIRST_RETRY.multipliedBy((long) Math.pow(3, attempt - 1));
  }

  private CompletionHandler<Void> deliver(String executionId) {
    String[] p = TaskIds.parts(executionId, 2);
    if (p == null) {
      LOG.warn("dropping webhook delivery {}: not a user/completion id", executionId);
      return new CompletionHandler.OnCompleteRemove<>();
    }
    UUID userId = UUID.fromString(p[0]);
    UUID completionId = UUID.fromString(p[1]);
    Optional<CompletionRepository.Delivery> found = tx.read(c -> repo.delivery(c, userId, completionId));
    if (found.isEmpty() || !"pending".equals(found.get().completion().webhookState())) return new CompletionHandler.OnCompleteRemove<>();
    CompletionRepository.Delivery d = found.get();
    int attempt = d.completion().webhookAttempts() + 1;
    Outcome outcome = d.url() == null || d.secret() == null
        ? new Outcome(false, false, "the reminder has no webhook_url any more")
        : post(d, zoneOf(userId));
    Instant now = clock.instant();
    String state = outcome.delivered() ? "delivered" : outcome.retry() && attempt < MAX_ATTEMPTS ? "pending" : "failed";
    tx.inTransaction(c -> {
      repo.recordAttempt(c, userId, completionId, state, attempt, outcome.error(), outcome.delivered() ? now : null);
      return null;
    });
    if (!state.equals("pending")) return new CompletionHandler.OnCompleteRemove<>();
    Instant retryAt = now.plus(backoff(attempt));
    return (complete, operations) -> operations.reschedule(complete, retryAt);
  }

  /** How one attempt went; {@code retry}: whether another attempt may go better. */
  private record Outcome(boolean delivered, boolean retry, String error) {}

  private Outcome post(CompletionRepository.Delivery d, ZoneId zone) {
    String body = Json.write(payload(d.completion(), zone));
    HttpRequest request = HttpRequest.newBuilder(URI.create(d.url()))
        .timeout(Duration.ofSeconds(10))
        .header("Content-Type", "application/json")
        .header("User-Agent", "health-timeline-webhooks")
        .header("Timeline-Delivery", d.completion().id().toString())
        .header(WebhookSignature.HEADER, WebhookSignature.header(d.secret(), clock.instant().getEpochSecond(), body))
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
    try {
      int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
      if (status >= 200 && status < 300) return new Outcome(true, false, null);
      boolean retry = status >= 500 || status == 408 || status == 425 || status == 429;
      return new Outcome(false, retry, "HTTP " + status);
    } catch (IOException | IllegalArgumentException e) {
      return new Outcome(false, true, e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Outcome(false, true, "interrupted while delivering");
    }
  }

  private ZoneId zoneOf(UUID userId) {
    try {
      return users.timeZone(userId);
    } catch (NotFound e) {
      return ZoneId.of("UTC");
    }
  }

  /** The body of a delivery: the firing, and its time in the user's zone. */
  static ObjectNode payload(Completion c, ZoneId zone) {
    ObjectNode o = Json.MAPPER.createObjectNode().put("type", "reminder.fired").put("delivery_id", c.id().toString())
        .put("user_id", c.userId().toString()).put("reminder_id", c.reminderId().toString())
        .put("reminder_type", c.reminderType()).put("message", c.message())
        .put("scheduled_for", c.scheduledFor() == null ? null : c.scheduledFor().toString())
        .put("scheduled_local", c.scheduledFor() == null ? null : Times.local(c.scheduledFor(), zone))
        .put("time_zone", zone.getId())
        .put("triggered_at", c.triggeredAt().toString());
    return o;
  }
}
