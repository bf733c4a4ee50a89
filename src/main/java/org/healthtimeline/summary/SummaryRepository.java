package org.healthtimeline.summary;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** SQL of the daily rollups (V011, kept by R__summary_rollups.sql): reads only, by primary-key ranges. */
final class SummaryRepository {
  /** A user's days in a range: user, first day, last day. */
  static final String DAYS = """
      SELECT day, events, meals, calories, protein, carbs, fat, sleeps, sleep_hours, sleep_ratings, sleep_rating_sum,
             workouts, exercise_minutes, mood_ratings, mood_rating_sum, symptom_events,
             doses_taken, doses_late, doses_skipped, doses_missed, doses_unscheduled, stress_levels, stress_level_sum
      FROM summary_days
      WHERE user_id = ? AND day BETWEEN ? AND ?
      ORDER BY day""";

  /** A user's symptom types per day in a range: user, first day, last day. */
  static final String SYMPTOMS = """
      SELECT day, symptom, events, max_severity FROM summary_day_symptoms
      WHERE user_id = ? AND day BETWEEN ? AND ?
      ORDER BY day, symptom""";

  /** A user's doses per medication and day in a range: user, first day, last day. */
  static final String MEDICATIONS = """
      SELECT day, medication, taken, late, skipped, missed, unscheduled FROM summary_day_medications
      WHERE user_id = ? AND day BETWEEN ? AND ?
      ORDER BY day, medication""";

  /** One field of one tracker category per day in a range: user, category, field, first day, last day. */
  static final String TRACKER = """
      SELECT day, category, field, n, sum, min, max, last_at, last_event, last_value FROM summary_day_trackers
      WHERE user_id = ? AND category = ? AND field = ? AND day BETWEEN ? AND ?
      ORDER BY day""";

  /** A day of summary_days. */
  record Day(LocalDate day, DayFigures figures) {}

  /** A symptom type's day. */
  record SymptomDay(LocalDate day, String symptom, SymptomFigures figures) {}

  /** A medication's doses of a day; {@code medication} is its medication_id, or its name for events without one. */
  record MedicationDay(LocalDate day, String medication, DoseFigures doses) {}

  /** A tracker field's day; {@code category} is the key it is stored under (a category_id or a category_name). */
  record TrackerDay(LocalDate day, String category, String field, TrackerFigures figures) {}

  List<Day> days(Connection c, UUID user, LocalDate from, LocalDate to) throws SQLException {
    try (var st = c.prepareStatement(DAYS)) {
      bindRange(st, user, from, to);
      var out = new ArrayList<Day>();
      try (var rs = st.executeQuery()) {
        while (rs.next()) {
          out.add(new Day(rs.getObject(1, LocalDate.class), new DayFigures(rs.getInt(2), rs.getInt(3),
              rs.getBigDecimal(4), rs.getBigDecimal(5), rs.getBigDecimal(6), rs.getBigDecimal(7), rs.getInt(8),
              rs.getBigDecimal(9), rs.getInt(10), rs.getBigDecimal(11), rs.getInt(12), rs.getBigDecimal(13),
              rs.getInt(14), rs.getBigDecimal(15), rs.getInt(16), rs.getInt(17), rs.getInt(18), rs.getInt(19),
              rs.getInt(20), rs.getInt(21), rs.getInt(22), rs.getBigDecimal(23))));
        }
      }
      return out;
    }
  }

  List<SymptomDay> symptoms(Connection c, UUID user, LocalDate from, LocalDate to) throws SQLException {
    try (var st = c.prepareStatement(SYMPTOMS)) {
      bindRange(st, user, from, to);
      var out = new ArrayList<SymptomDay>();
      try (var rs = st.executeQuery()) {
        while (rs.next()) {
          out.add(new SymptomDay(rs.getObject(1, LocalDate.class), rs.getString(2),
              new SymptomFigures(rs.getInt(3), rs.getBigDecimal(4))));
        }
      }
      return out;
    }
  }

  List<MedicationDay> medications(Connection c, UUID user, LocalDate from, LocalDate to) throws SQLException {
    try (var st = c.prepareStatement(MEDICATIONS)) {
      bindRange(st, user, from, to);
      var out = new ArrayList<MedicationDay>();
      try (var rs = st.executeQuery()) {
        while (rs.next()) {
          out.add(new MedicationDay(rs.getObject(1, LocalDate.class), rs.getString(2),
              new DoseFigures(rs.getInt(3), rs.getInt(4), rs.getInt(5), rs.getInt(6), rs.getInt(7))));
        }
      }
      return out;
    }
  }

  /** One field of one category over a range of days. */
  List<TrackerDay> tracker(Connection c, UUID user, String category, String field, LocalDate from, LocalDate to)
      throws SQLException {
    try (var st = c.prepareStatement(TRACKER)) {
      st.setObject(1, user);
      st.setString(2, category);
      st.setString(3, field);
      st.setObject(4, from);
      st.setObject(5, to);
      return trackerDays(st);
    }
  }

  /** Every field of every category on one day. */
  List<TrackerDay> trackersOn(Connection c, UUID user, LocalDate day) throws SQLException {
    try (var st = c.prepareStatement("""
        SELECT day, category, field, n, sum, min, max, last_at, last_event, last_value FROM summary_day_trackers
        WHERE user_id = ? AND day = ?
        ORDER BY category, field""")) {
      st.setObject(1, user);
      st.setObject(2, day);
      return trackerDays(st);
    }
  }

  boolean hasCategory(Connection c, UUID user, String category) throws SQLException {
    try (var st = c.prepareStatement("SELECT EXISTS (SELECT 1 FROM summary_day_trackers WHERE user_id = ? AND category = ?)")) {
      st.setObject(1, user);
      st.setString(2, category);
      return bool(st);
    }
  }

  boolean hasField(Connection c, UUID user, String category, String field) throws SQLException {
    try (var st = c.prepareStatement(
        "SELECT EXISTS (SELECT 1 FROM summary_day_trackers WHERE user_id = ? AND category = ? AND field = ?)")) {
      st.setObject(1, user);
      st.setString(2, category);
      st.setString(3, field);
      return bool(st);
    }
  }

  /** The numeric fields a category's events have had, by name (at most 50). */
  List<String> fields(Connection c, UUID user, String category) throws SQLException {
    try (var st = c.prepareStatement("""
        SELECT DISTINCT field FROM summary_day_trackers WHERE user_id = ? AND category = ? ORDER BY field LIMIT 50""")) {
      st.setObject(1, user);
      st.setString(2, category);
      var out = new ArrayList<String>();
      try (var rs = st.executeQuery()) {
        while (rs.next()) out.add(rs.getString(1));
      }
      return out;
    }
  }

  private static void bindRange(PreparedStatement st, UUID user, LocalDate from, LocalDate to) throws SQLException {
    st.setObject(1, user);
    st.setObject(2, from);
    st.setObject(3, to);
  }

  private static List<TrackerDay> trackerDays(PreparedStatement st) throws SQLException {
    var out = new ArrayList<TrackerDay>();
    try (ResultSet rs = st.executeQuery()) {
      while (rs.next()) {
        out.add(new TrackerDay(rs.getObject(1, LocalDate.class), rs.getString(2), rs.getString(3),
            new TrackerFigures(rs.getInt(4), rs.getBigDecimal(5), rs.getBigDecimal(6), rs.getBigDecimal(7),
                rs.getObject(8, OffsetDateTime.class).toInstant(), rs.getObject(9, UUID.class), rs.getBigDecimal(10))));
      }
    }
    return out;
  }

  private static boolean bool(PreparedStatement st) throws SQLException {
    try (var rs = st.executeQuery()) {
      rs.next();
      return rs.getBoolean(1);
    }
  }
}
