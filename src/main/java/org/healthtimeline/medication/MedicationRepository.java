package org.healthtimeline.medication;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.healthtimeline.web.Json;

/** SQL of user_medications. */
final class MedicationRepository {
  private static final String COLUMNS = """
      id, user_id, name, dose, unit, as_needed, schedule::text, start_date, end_date, active, created_at, updated_at""";

  Medication insert(Connection c, UUID userId, MedicationInput m, Instant settledFrom) throws SQLException {
    try (var st = c.prepareStatement("""
        INSERT INTO user_medications (user_id, name, dose, unit, as_needed, schedule, start_date, end_date, doses_settled_until)
        VALUES (?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?)
        RETURNING""" + " " + COLUMNS)) {
      st.setObject(1, userId);
      int p = bind(st, 2, m);
      st.setObject(p, utc(settledFrom));
      return one(st.executeQuery()).orElseThrow();
    }
  }

  /** Replaces what a person may change, and sets where doses are settled up to (they were settled first). */
  Medication update(Connection c, UUID userId, UUID id, MedicationInput m, Instant settledUntil) throws SQLException {
    try (var st = c.prepareStatement("""
        UPDATE user_medications SET name = ?, dose = ?, unit = ?, as_needed = ?, schedule = ?::jsonb, start_date = ?,
          end_date = ?, active = ?, doses_settled_until = ?
        WHERE user_id = ? AND id = ?
        RETURNING""" + " " + COLUMNS)) {
      int p = bind(st, 1, m);
      st.setBoolean(p++, m.active());
      st.setObject(p++, utc(settledUntil));
      st.setObject(p++, userId);
      st.setObject(p, id);
      return one(st.executeQuery()).orElseThrow();
    }
  }

  private static int bind(java.sql.PreparedStatement st, int p, MedicationInput m) throws SQLException {
    st.setString(p++, m.name());
    st.setBigDecimal(p++, m.dose());
    st.setString(p++, m.unit());
    st.setBoolean(p++, m.asNeeded());
    st.setString(p++, m.schedule() == null ? null : Json.write(m.schedule().toJson()));
    setDate(st, p++, m.startDate());
    setDate(st, p++, m.endDate());
    return p;
  }

  Optional<Medication> find(Connection c, UUID userId, UUID id, boolean forUpdate) throws SQLException {
    try (var st = c.prepareStatement("SELECT " + COLUMNS + " FROM user_medications WHERE user_id = ? AND id = ?"
        + (forUpdate ? " FOR UPDATE" : ""))) {
      st.setObject(1, userId);
      st.setObject(2, id);
      return one(st.executeQuery());
    }
  }

  /** A medication, and whether its schedule has a dose due at exactly {@code at} (false when {@code at} is null). */
  record WithDue(Medication medication, boolean due) {}

  Optional<WithDue> findWithDue(Connection c, UUID userId, UUID id, Instant at) throws SQLException {
    try (var st = c.prepareStatement("SELECT " + COLUMNS + """
        , EXISTS (SELECT 1 FROM users u
                  CROSS JOIN LATERAL medication_dose_times(m.schedule, m.start_date, m.end_date, u.time_zone,
                                                           ?::timestamptz, ?::timestamptz + interval '1 microsecond')
                  WHERE u.id = m.user_id AND NOT m.as_needed)
        FROM user_medications m WHERE user_id = ? AND id = ?""")) {
      st.setObject(1, utc(at));
      st.setObject(2, utc(at));
      st.setObject(3, userId);
      st.setObject(4, id);
      try (var rs = st.executeQuery()) {
        return rs.next() ? Optional.of(new WithDue(row(rs), rs.getBoolean(13))) : Optional.empty();
      }
    }
  }

  List<Medication> list(Connection c, UUID userId, boolean includeInactive) throws SQLException {
    try (var st = c.prepareStatement("SELECT " + COLUMNS + " FROM user_medications WHERE user_id = ?"
        + (includeInactive ? "" : " AND active") + " ORDER BY name, created_at, id")) {
      st.setObject(1, userId);
      var out = new ArrayList<Medication>();
      try (var rs = st.executeQuery()) {
        while (rs.next()) out.add(row(rs));
      }
      return out;
    }
  }

  private static Optional<Medication> one(ResultSet rs) throws SQLException {
    try (rs) {
      return rs.next() ? Optional.of(row(rs)) : Optional.empty();
    }
  }

  private static Medication row(ResultSet rs) throws SQLException {
    String schedule = rs.getString(7);
    return new Medication(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3), rs.getBigDecimal(4),
        rs.getString(5), rs.getBoolean(6), schedule == null ? null : Json.read(schedule), rs.getObject(8, LocalDate.class),
        rs.getObject(9, LocalDate.class), rs.getBoolean(10), instant(rs, 11), instant(rs, 12));
  }

  static Instant instant(ResultSet rs, int column) throws SQLException {
    OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
    return t == null ? null : t.toInstant();
  }

  static OffsetDateTime utc(Instant t) {
    return t == null ? null : t.atOffset(ZoneOffset.UTC);
  }

  private static void setDate(java.sql.PreparedStatement st, int p, LocalDate d) throws SQLException {
    if (d == null) st.setNull(p, Types.DATE);
    else st.setObject(p, d);
  }
}
