package org.healthtimeline.reminder;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.healthtimeline.db.Tx;
import org.healthtimeline.errors.Conflict;
import org.healthtimeline.errors.InvalidInput;
import org.healthtimeline.errors.NotFound;
import org.healthtimeline.user.UserService;
import org.healthtimeline.web.MergePatch;

/**
 * Creating, changing, pausing and deleting reminders, and when they fire next. Every write is one transaction that
 * also sets the reminder's next firing, which schedules it (V012__reminders.sql). The user's zone is read and held
 * in that transaction, so that a change of zone, which reschedules every reminder of the user, waits for it.
 */
public final class ReminderService {
  private final Tx tx;
  private final UserService users;
  private final Clock clock;
  private final ReminderRepository repo = new ReminderRepository();

  public ReminderService(Tx tx, UserService users, Clock clock) {
    this.tx = tx;
    this.users = users;
    this.clock = clock;
  }

  /** A reminder as saved, in its user's zone; {@code newSecret} is the webhook secret made by this write, if any. */
  record Saved(Reminder reminder, ZoneId zone, String newSecret) {}

  Saved create(UUID userId, JsonNode body) {
    NewReminder r = ReminderInput.parse(body);
    String secret = r.webhookUrl() == null ? null : WebhookSignature.newSecret();
    Instant now = clock.instant();
    return tx.inTransaction(c -> {
      ZoneId zone = zone(c, userId);
      Instant next = firstFiring(r, zone, now, true);
      return new Saved(repo.insert(c, userId, r, next, secret, now), zone, secret);
    });
  }

  List<Saved> list(UUID userId, Boolean active) {
    ZoneId zone = users.timeZone(userId);
    return tx.read(c -> repo.list(c, userId, active, false)).stream().map(r -> new Saved(r, zone, null)).toList();
  }

  Saved get(UUID userId, UUID id) {
    ZoneId zone = users.timeZone(userId);
    return new Saved(tx.read(c -> repo.find(c, userId, id, false)).orElseThrow(() -> notFound(id)), zone, null);
  }

  /**
   * A JSON Merge Patch of the reminder. Only a change of schedule or of {@code active} moves the next firing: a firing
   * that is due right now still happens after a change of message. {@code active: false} pauses (the reminder keeps
   * no firing), {@code true} resumes from now on. A webhook_url on a reminder that had none gets a new secret.
   */
  Saved update(UUID userId, UUID id, JsonNode patch) {
    if (!patch.isObject()) throw new InvalidInput("body", "must be a JSON object (a JSON Merge Patch)");
    var bad = ReminderInput.unpatchable(patch);
    if (!bad.isEmpty()) throw new InvalidInput(bad);
    Instant now = clock.instant();
    return tx.inTransaction(c -> {
      ZoneId zone = zone(c, userId);
      Reminder cur = repo.find(c, userId, id, true).orElseThrow(() -> notFound(id));
      NewReminder r = ReminderInput.parse(MergePatch.apply(cur.editable(), patch));
      boolean timingChanged = r.active() != cur.active() || !r.schedule().toJson().equals(cur.schedule());
      Instant next = timingChanged ? firstFiring(r, zone, now, patch.has("schedule")) : cur.nextFireAt();
      boolean keepSecret = r.webhookUrl() != null && cur.hasWebhookSecret();
      String secret = r.webhookUrl() != null && !keepSecret ? WebhookSignature.newSecret() : null;
      return new Saved(repo.update(c, cur, r, next, secret, keepSecret, now), zone, secret);
    });
  }

  void delete(UUID userId, UUID id) {
    if (!tx.inTransaction(c -> repo.delete(c, userId, id))) throw notFoundOrNoUser(userId, id);
  }

  /** A new webhook secret for a reminder that has a webhook_url; the old one stops working at once. */
  String rotateSecret(UUID userId, UUID id) {
    String secret = WebhookSignature.newSecret();
    tx.inTransaction(c -> {
      zone(c, userId);
      Reminder r = repo.find(c, userId, id, true).orElseThrow(() -> notFound(id));
      if (r.webhookUrl() == null) throw new Conflict("webhook_url", "the reminder has no webhook_url to sign deliveries to");
      return repo.setSecret(c, userId, id, secret);
    });
    return secret;
  }

  /** One coming firing of a reminder. */
  record Upcoming(Reminder reminder, Instant at) {}

  /** The next {@code limit} firings of the user's active reminders, soonest first, and the zone they are read in. */
  record UpcomingPage(List<Upcoming> items, ZoneId zone) {}

  UpcomingPage upcoming(UUID userId, int limit) {
    ZoneId zone = users.timeZone(userId);
    Instant now = clock.instant();
    var all = new ArrayList<Upcoming>();
    for (Reminder r : tx.read(c -> repo.list(c, userId, true, false))) {
      if (r.parsed() == null) continue;
      for (Instant t : r.parsed().upcoming(now, zone, limit)) all.add(new Upcoming(r, t));
    }
    all.sort(Comparator.comparing(Upcoming::at).thenComparing(u -> u.reminder().id()));
    return new UpcomingPage(List.copyOf(all.subList(0, Math.min(limit, all.size()))), zone);
  }

  /**
   * Reschedules every active reminder of a user who moved to {@code zone}, inside the transaction that changes the
   * zone (registered with {@link UserService#onTimeZoneChange}): 09:00 stays 09:00, now in the new zone.
   */
  public void timeZoneChanged(Connection c, UUID userId, ZoneId zone) throws SQLException {
    Instant now = clock.instant();
    for (Reminder r : repo.list(c, userId, true, true)) {
      if (r.parsed() != null) repo.setNextFireAt(c, userId, r.id(), r.parsed().nextAfter(now, zone));
    }
  }

  /**
   * The first firing of an active reminder from now on; a one-time reminder whose time has passed is refused when
   * the request named its schedule (an old one that fired is left alone).
   */
  private static Instant firstFiring(NewReminder r, ZoneId zone, Instant now, boolean scheduleGiven) {
    Instant next = r.schedule().nextAfter(now, zone);
    if (next == null && scheduleGiven && r.schedule() instanceof Schedule.OneTime) {
      throw new InvalidInput("schedule.datetime", "is not in the future in the user's time zone " + zone.getId()
          + " (it is " + Times.local(now, zone) + " there now)");
    }
    return r.active() ? next : null;
  }

  private ZoneId zone(Connection c, UUID userId) throws SQLException {
    return users.lockTimeZone(c, userId).orElseThrow(() -> new NotFound("userId", "user " + userId + " does not exist"));
  }

  private RuntimeException notFoundOrNoUser(UUID userId, UUID id) {
    if (!users.exists(userId)) return new NotFound("userId", "user " + userId + " does not exist");
    return notFound(id);
  }

  static NotFound notFound(UUID id) {
    return new NotFound("reminderId", "reminder " + id + " does not exist");
  }
}
