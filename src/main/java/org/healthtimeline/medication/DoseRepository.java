package org.healthtimeline.medication;

import static org.healthtimeline.medication.MedicationRepository.instant;
import static org.healthtimeline.medication.MedicationRepository.utc;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.healthtimeline.timeline.EventKeys;
import org.healthtimeline.web.Json;

/** SQL of medication_adherence: one row per dose. */
final class DoseRepository {
  private static final String COLUMNS = "id, user_id, medication_id, status, scheduled_for, taken_at, side_effects::text, notes";

  /** The dose stored for a scheduled time, locked for this transaction. */
  Optional<Dose> findScheduled(Connection c, UUID userId, UUID medicationId, Instant scheduledFor) throws SQLException {
    try (var st = c.prepareStatement("SELECT " + COLUMNS
        + " FROM medication_adherence WHERE user_id = ? AND medication_id = ? AND scheduled_for = ? FOR UPDATE")) {
      st.setObject(1, userId);
      st.setObject(2, medicationId);
      st.setObject(3, utc(scheduledFor));
      return one(st.executeQuery());
    }
  }

  Optional<Dose> find(Connection c, UUID userId, UUID id) throws SQLException {
    try (var st = c.prepareStatement("SELECT " + COLUMNS + " FROM medication_adherence WHERE user_id = ? AND id = ?")) {
      st.setObject(1, userId);
      st.setObject(2, id);
      return one(st.executeQuery());
    }
  }

  /** Inserts the dose unless its id or its scheduled time is taken already; the new dose, or empty. */
  Optional<Dose> insert(Connection c, UUID userId, UUID medicationId, UUID id, DoseInput d, Instant takenAt) throws SQLException {
    try (var st = c.prepareStatement("""
        INSERT INTO medication_adherence (user_id, id, medication_id, scheduled_for, taken_at, status, side_effects, notes)
        VALUES (?, coalesce(?, gen_random_uuid()), ?, ?, ?, ?, ?::jsonb, ?)
        ON CONFLICT DO NOTHING
        RETURNING""" + " " + COLUMNS)) {
      st.setObject(1, userId);
      st.setObject(2, id);
      st.setObject(3, medicationId);
      st.setObject(4, utc(d.scheduledFor()));
      st.setObject(5, utc(takenAt));
      st.setString(6, d.status());
      st.setString(7, d.sideEffects() == null ? null : Json.write(d.sideEffects()));
      st.setString(8, d.notes());
      return one(st.executeQuery());
    }
  }

  void update(Connection c, UUID userId, UUID id, DoseInput d, Instant takenAt) throws SQLException {
    try (var st = c.prepareStatement("""
        UPDATE medication_adherence SET status = ?, taken_at = ?, side_effects = ?::jsonb, notes = ?
        WHERE user_id = ? AND id = ?""")) {
      st.setString(1, d.status());
      st.setObject(2, utc(takenAt));
      st.setString(3, d.sideEffects() == null ? null : Json.write(d.sideEffects()));
      st.setString(4, d.notes());
      st.setObject(5, userId);
      st.setObject(6, id);
      st.executeUpdate();
    }
  }

  /** The times a medication's doses are due in [from, to), in order. */
  List<Instant> dueTimes(Connection c, UUID userId, UUID medicationId, Instant from, Instant to) throws SQLException {
    try (var st = c.prepareStatement("""
        SELECT t.due FROM user_medications m JOIN users u ON u.id = m.user_id
        CROSS JOIN LATERAL medication_dose_times(m.schedule, m.start_date, m.end_date, u.time_zone, ?, ?) AS t(due)
        WHERE m.user_id = ? AND m.id = ? ORDER BY 1""")) {
      st.setObject(1, utc(from));
      st.setObject(2, utc(to));
      st.setObject(3, userId);
      st.setObject(4, medicationId);
      var out = new ArrayList<Instant>();
      try (var rs = st.executeQuery()) {
        while (rs.next()) out.add(instant(rs, 1));
      }
      return out;
    }
  }

  /** A medication's doses that happened (were taken, or due) in [from, to), newest first. */
  List<Dose> list(Connection c, UUID userId, UUID medicationId, Instant from, Instant to, int limit) throws SQLException {
    try (var st = c.prepareStatement("SELECT " + COLUMNS + " " + """
        FROM medication_adherence
        WHERE user_id = ? AND medication_id = ?
          AND coalesce(taken_at, scheduled_for) >= ? AND coalesce(taken_at, scheduled_for) < ?
        ORDER BY coalesce(taken_at, scheduled_for) DESC, id DESC
        LIMIT ?""")) {
      st.setObject(1, userId);
      st.setObject(2, medicationId);
      st.setObject(3, utc(from));
      st.setObject(4, utc(to));
      st.setInt(5, limit);
      var out = new ArrayList<Dose>();
      try (var rs = st.executeQuery()) {
        while (rs.next()) out.add(row(rs));
      }
      return out;
    }
  }

  private static Optional<Dose> one(ResultSet rs) throws SQLException {
    try (rs) {
      return rs.next() ? Optional.of(row(rs)) : Optional.empty();
    }
  }

  private static Dose row(ResultSet rs) throws SQLException {
    UUID id = rs.getObject(1, UUID.class);
    UUID user = rs.getObject(2, UUID.class);
    String sideEffects = rs.getString(7);
    return new Dose(id, user, rs.getObject(3, UUID.class), rs.getString(4), instant(rs, 5), instant(rs, 6),
        sideEffects == null ? null : Json.read(sideEffects), rs.getString(8), eventId(user, id));
  }

  static UUID eventId(UUID userId, UUID doseId) {
    return EventKeys.forSource(userId, DoseEvents.MAPPING.table(), doseId.toString());
  }
}
