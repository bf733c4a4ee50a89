package org.healthtimeline.reminder;

import static org.healthtimeline.reminder.ReminderRepository.instant;
import static org.healthtimeline.reminder.ReminderRepository.setInstant;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** SQL of reminder_completions: firings, completions, their webhook deliveries, and their changes for the stream. */
final class CompletionRepository {
  private static final String SELECT = """
      SELECT c.id, c.reminder_id, c.user_id, r.message, r.reminder_type, c.scheduled_for, c.triggered_at, c.completed,
          c.completed_at, c.completed_local_date, c.webhook_state, c.webhook_attempts, c.webhook_delivered_at,
          c.webhook_last_error, c.change_seq
      FROM reminder_completions c JOIN reminders r ON r.user_id = c.user_id AND r.id = c.reminder_id
      """;

  /** Records a firing once: empty when this firing of the reminder is recorded already. */
  Optional<UUID> insertFiring(Connection c, UUID userId, UUID reminderId, Instant scheduledFor, Instant triggeredAt,
      boolean deliver) throws SQLException {
    try (var st = c.prepareStatement("""
        INSERT INTO reminder_completions (user_id, reminder_id, scheduled_for, triggered_at, webhook_state)
        VALUES (?, ?, ?, ?, ?)
        ON CONFLICT (user_id, reminder_id, scheduled_for) DO NOTHING
        RETURNING id""")) {
      st.setObject(1, userId);
      st.setObject(2, reminderId);
      setInstant(st, 3, scheduledFor);
      setInstant(st, 4, triggeredAt);
      st.setString(5, deliver ? "pending" : null);
      try (var rs = st.executeQuery()) {
        return rs.next() ? Optional.of(rs.getObject(1, UUID.class)) : Optional.empty();
      }
    }
  }

  UUID insertCompleted(Connection c, UUID userId, UUID reminderId, Instant completedAt) throws SQLException {
    try (var st = c.prepareStatement("""
        INSERT INTO reminder_completions (user_id, reminder_id, triggered_at, completed, completed_at)
        VALUES (?, ?, ?, true, ?)
        RETURNING id""")) {
      st.setObject(1, userId);
      st.setObject(2, reminderId);
      setInstant(st, 3, completedAt);
      setInstant(st, 4, completedAt);
      try (var rs = st.executeQuery()) {
        rs.next();
        return rs.getObject(1, UUID.class);
      }
    }
  }

  /** Marks a firing completed; false when it was completed already. */
  boolean complete(Connection c, UUID userId, UUID reminderId, UUID completionId, Instant completedAt) throws SQLException {
    try (var st = c.prepareStatement("""
        UPDATE reminder_completions SET completed = true, completed_at = ?
        WHERE user_id = ? AND reminder_id = ? AND id = ? AND NOT completed""")) {
      setInstant(st, 1, completedAt);
      st.setObject(2, userId);
      st.setObject(3, reminderId);
      st.setObject(4, completionId);
      return st.executeUpdate() == 1;
    }
  }

  /** The reminder's latest firing that nobody completed, up to {@code at}. */
  Optional<UUID> latestOpen(Connection c, UUID userId, UUID reminderId, Instant at) throws SQLException {
    try (var st = c.prepareStatement("""
        SELECT id FROM reminder_completions
        WHERE user_id = ? AND reminder_id = ? AND triggered_at <= ? AND NOT completed
        ORDER BY triggered_at DESC, id DESC LIMIT 1
        FOR UPDATE""")) {
      st.setObject(1, userId);
      st.setObject(2, reminderId);
      setInstant(st, 3, at);
      try (var rs = st.executeQuery()) {
        return rs.next() ? Optional.of(rs.getObject(1, UUID.class)) : Optional.empty();
      }
    }
  }

  Optional<Completion> find(Connection c, UUID userId, UUID id) throws SQLException {
    try (var st = c.prepareStatement(SELECT + "WHERE c.user_id = ? AND c.id = ?")) {
      st.setObject(1, userId);
      st.setObject(2, id);
      try (var rs = st.executeQuery()) {
        return rs.next() ? Optional.of(row(rs)) : Optional.empty();
      }
    }
  }

  /** A reminder's firings and completions, newest first. */
  List<Completion> list(Connection c, UUID userId, UUID reminderId, int limit) throws SQLException {
    try (var st = c.prepareStatement(SELECT + """
        WHERE c.user_id = ? AND c.reminder_id = ? ORDER BY c.triggered_at DESC, c.id DESC LIMIT ?""")) {
      st.setObject(1, userId);
      st.setObject(2, reminderId);
      st.setInt(3, limit);
      return rows(st.executeQuery());
    }
  }

  /** The user's firings and completions that changed after {@code since}, in change_seq order. */
  List<Completion> changes(Connection c, UUID userId, long since, int limit) throws SQLException {
    try (var st = c.prepareStatement(SELECT + """
        WHERE c.user_id = ? AND c.change_seq > ? ORDER BY c.change_seq LIMIT ?""")) {
      st.setObject(1, userId);
      st.setLong(2, since);
      st.setInt(3, limit);
      return rows(st.executeQuery());
    }
  }

  long lastChange(Connection c, UUID userId) throws SQLException {
    try (var st = c.prepareStatement("SELECT coalesce(max(change_seq), 0) FROM reminder_completions WHERE user_id = ?")) {
      st.setObject(1, userId);
      try (var rs = st.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  /** Completions per local day of the user, days without any left out. */
  Map<LocalDate, Integer> completedPerDay(Connection c, UUID userId, LocalDate from, LocalDate to) throws SQLException {
    try (var st = c.prepareStatement("""
        SELECT completed_local_date, count(*) FROM reminder_completions
        WHERE user_id = ? AND completed AND completed_local_date BETWEEN ? AND ?
        GROUP BY 1 ORDER BY 1""")) {
      st.setObject(1, userId);
      st.setObject(2, from);
      st.setObject(3, to);
      var out = new LinkedHashMap<LocalDate, Integer>();
      try (var rs = st.executeQuery()) {
        while (rs.next()) out.put(rs.getObject(1, LocalDate.class), rs.getInt(2));
      }
      return out;
    }
  }

  /** What a webhook delivery needs: the firing, where to send it and the key to sign it with. */
  record Delivery(Completion completion, String url, String secret) {}

  Optional<Delivery> delivery(Connection c, UUID userId, UUID completionId) throws SQLException {
    try (var st = c.prepareStatement(SELECT.replace("SELECT c.id,", "SELECT r.webhook_url, r.webhook_secret, c.id,")
        + "WHERE c.user_id = ? AND c.id = ?")) {
      st.setObject(1, userId);
      st.setObject(2, completionId);
      try (var rs = st.executeQuery()) {
        return rs.next() ? Optional.of(new Delivery(row(rs, 2), rs.getString(1), rs.getString(2))) : Optional.empty();
      }
    }
  }

  /** The outcome of one delivery attempt; {@code state} stays pending while retries remain. */
  void recordAttempt(Connection c, UUID userId, UUID completionId, String state, int attempts, String error, Instant deliveredAt)
      throws SQLException {
    try (var st = c.prepareStatement("""
        UPDATE reminder_completions SET webhook_state = ?, webhook_attempts = ?, webhook_last_error = ?, webhook_delivered_at = ?
        WHERE user_id = ? AND id = ?""")) {
      st.setString(1, state);
      st.setInt(2, attempts);
      st.setString(3, error);
      setInstant(st, 4, deliveredAt);
      st.setObject(5, userId);
      st.setObject(6, completionId);
      st.executeUpdate();
    }
  }

  private static List<Completion> rows(ResultSet rs) throws SQLException {
    try (rs) {
      var out = new ArrayList<Completion>();
      while (rs.next()) out.add(row(rs));
      return out;
    }
  }

  private static Completion row(ResultSet rs) throws SQLException {
    return row(rs, 0);
  }

  private static Completion row(ResultSet rs, int skip) throws SQLException {
    int i = skip;
    return new Completion(rs.getObject(i + 1, UUID.class), rs.getObject(i + 2, UUID.class), rs.getObject(i + 3, UUID.class),
        rs.getString(i + 4), rs.getString(i + 5), instant(rs, i + 6), instant(rs, i + 7), rs.getBoolean(i + 8),
        instant(rs, i + 9), rs.getObject(i + 10, LocalDate.class), rs.getString(i + 11), rs.getInt(i + 12),
        instant(rs, i + 13), rs.getString(i + 14), rs.getLong(i + 15));
  }
}
