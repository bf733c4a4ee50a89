package org.healthtimeline.reminder;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.healthtimeline.web.Fields;
import org.healthtimeline.web.Json;

/** SQL of the reminders table. Setting next_fire_at schedules (or unschedules) the firing: see V012__reminders.sql. */
final class ReminderRepository {
  private static final String COLUMNS = """
      id, user_id, reminder_type, message, schedule::text, active, webhook_url, webhook_secret IS NOT NULL,
      next_fire_at, created_at, updated_at""";

  Reminder insert(Connection c, UUID userId, NewReminder r, Instant nextFireAt, String secret, Instant now) throws SQLException {
    try (var st = c.prepareStatement("""
        INSERT INTO reminders (user_id, reminder_type, message, schedule, active, webhook_url, webhook_secret, next_fire_at,
            created_at, updated_at)
        VALUES (?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?)
        RETURNING""" + " " + COLUMNS)) {
      st.setObject(1, userId);
      st.setString(2, r.reminderType());
      st.setString(3, r.message());
      st.setString(4, r.schedule().toJson().toString());
      st.setBoolean(5, r.active());
      st.setString(6, r.webhookUrl());
      st.setString(7, secret);
      setInstant(st, 8, nextFireAt);
      setInstant(st, 9, now);
      setInstant(st, 10, now);
      try (var rs = st.executeQuery()) {
        rs.next();
        return row(rs);
      }
    }
  }

  Optional<Reminder> find(Connection c, UUID userId, UUID id, boolean forUpdate) throws SQLException {
    try (var st = c.prepareStatement("SELECT " + COLUMNS + " FROM reminders WHERE user_id = ? AND id = ?"
        + (forUpdate ? " FOR UPDATE" : ""))) {
      st.setObject(1, userId);
      st.setObject(2, id);
      try (var rs = st.executeQuery()) {
        return rs.next() ? Optional.of(row(rs)) : Optional.empty();
      }
    }
  }

  /** A user's reminders, oldest first; {@code active} null for all of them. */
  List<Reminder> list(Connection c, UUID userId, Boolean active, boolean forUpdate) throws SQLException {
    try (var st = c.prepareStatement("SELECT " + COLUMNS + " FROM reminders WHERE user_id = ?"
        + (active == null ? "" : " AND active = " + active) + " ORDER BY created_at, id" + (forUpdate ? " FOR UPDATE" : ""))) {
      st.setObject(1, userId);
      var out = new ArrayList<Reminder>();
      try (var rs = st.executeQuery()) {
        while (rs.next()) out.add(row(rs));
      }
      return out;
    }
  }

  /**
   * Writes what a client may change and when the reminder fires next; the webhook secret stays as it is with
   * {@code keepSecret}, else becomes {@code secret} (null removes it).
   */
  Reminder update(Connection c, Reminder cur, NewReminder r, Instant nextFireAt, String secret, boolean keepSecret, Instant now)
      throws SQLException {
    try (var st = c.prepareStatement("""
        UPDATE reminders SET reminder_type = ?, message = ?, schedule = ?::jsonb, active = ?, webhook_url = ?,
            webhook_secret = CASE WHEN ? THEN webhook_secret ELSE ? END, next_fire_at = ?, updated_at = ?
        WHERE user_id = ? AND id = ?
        RETURNING""" + " " + COLUMNS)) {
      st.setString(1, r.reminderType());
      st.setString(2, r.message());
      st.setString(3, r.schedule().toJson().toString());
      st.setBoolean(4, r.active());
      st.setString(5, r.webhookUrl());
      st.setBoolean(6, keepSecret);
      st.setString(7, secret);
      setInstant(st, 8, nextFireAt);
      setInstant(st, 9, now);
      st.setObject(10, cur.userId());
      st.setObject(11, cur.id());
      try (var rs = st.executeQuery()) {
        rs.next();
        return row(rs);
      }
    }
  }

  void setNextFireAt(Connection c, UUID userId, UUID id, Instant next) throws SQLException {
    try (var st = c.prepareStatement("UPDATE reminders SET next_fire_at = ? WHERE user_id = ? AND id = ?")) {
      setInstant(st, 1, next);
      st.setObject(2, userId);
      st.setObject(3, id);
      st.executeUpdate();
    }
  }

  boolean setSecret(Connection c, UUID userId, UUID id, String secret) throws SQLException {
    try (var st = c.prepareStatement("UPDATE reminders SET webhook_secret = ? WHERE user_id = ? AND id = ?")) {
      st.setString(1, secret);
      st.setObject(2, userId);
      st.setObject(3, id);
      return st.executeUpdate() == 1;
    }
  }

  boolean delete(Connection c, UUID userId, UUID id) throws SQLException {
    try (var st = c.prepareStatement("DELETE FROM reminders WHERE user_id = ? AND id = ?")) {
      st.setObject(1, userId);
      st.setObject(2, id);
      return st.executeUpdate() == 1;
    }
  }

  private static Reminder row(ResultSet rs) throws SQLException {
    JsonNode schedule = Json.read(rs.getString(5));
    var problems = new Fields(schedule);
    Schedule parsed = ScheduleInput.parse(schedule, problems);
    return new Reminder(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3), rs.getString(4),
        schedule, parsed, rs.getBoolean(6), rs.getString(7), rs.getBoolean(8), instant(rs, 9), instant(rs, 10),
        instant(rs, 11));
  }

  static Instant instant(ResultSet rs, int i) throws SQLException {
    OffsetDateTime t = rs.getObject(i, OffsetDateTime.class);
    return t == null ? null : t.toInstant();
  }

  static void setInstant(PreparedStatement st, int i, Instant t) throws SQLException {
    if (t == null) st.setNull(i, Types.TIMESTAMP_WITH_TIMEZONE);
    else st.setObject(i, OffsetDateTime.ofInstant(t, ZoneOffset.UTC));
  }
}
