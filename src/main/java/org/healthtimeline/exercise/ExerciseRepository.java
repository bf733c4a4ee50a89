package org.healthtimeline.exercise;

import java.math.BigDecimal;
import java.sql.Connection;
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
import org.healthtimeline.sync.SourceEvents;
import org.healthtimeline.web.PageRequest;

/** SQL of exercise_entries; a workout is read with its event (by the id its lineage derives). */
final class ExerciseRepository {
  private static final String WORKOUT = """
      SELECT s.id, s.user_id, s.occurred_at, s.ended_at, s.duration_minutes, s.activity_type, s.intensity, s.notes,
             e.id, e.version
      FROM exercise_entries s
      """ + SourceEvents.joinEvent(ExerciseMapping.EXERCISE_ENTRIES) + " WHERE s.user_id = ?";

  UUID insert(Connection c, UUID userId, NewWorkout w) throws SQLException {
    try (var st = c.prepareStatement("""
        INSERT INTO exercise_entries (user_id, occurred_at, ended_at, duration_minutes, activity_type, intensity, notes)
        VALUES (?, ?, ?, ?, ?, ?, ?)
        RETURNING id""")) {
      st.setObject(1, userId);
      st.setObject(2, utc(w.occurredAt()));
      st.setObject(3, w.endedAt() == null ? null : utc(w.endedAt()), Types.TIMESTAMP_WITH_TIMEZONE);
      st.setBigDecimal(4, w.durationMinutes());
      st.setString(5, w.activityType());
      st.setString(6, w.intensity());
      st.setString(7, w.notes());
      try (var rs = st.executeQuery()) {
        rs.next();
        return rs.getObject(1, UUID.class);
      }
    }
  }

  Optional<Workout> find(Connection c, UUID userId, UUID id) throws SQLException {
    try (var st = c.prepareStatement(WORKOUT + " AND s.id = ?")) {
      st.setObject(1, userId);
      st.setObject(2, id);
      try (var rs = st.executeQuery()) {
        return rs.next() ? Optional.of(workout(rs)) : Optional.empty();
      }
    }
  }

  /** A page of the user's workouts, newest first, optionally of one activity. */
  List<Workout> list(Connection c, UUID userId, String activity, PageRequest page) throws SQLException {
    try (var st = c.prepareStatement(WORKOUT + (activity == null ? "" : " AND s.activity_type = ?") + page.sql("s.occurred_at", "s.id"))) {
      int p = 1;
      st.setObject(p++, userId);
      if (activity != null) st.setString(p++, activity);
      page.bind(st, p);
      var out = new ArrayList<Workout>();
      try (var rs = st.executeQuery()) {
        while (rs.next()) out.add(workout(rs));
      }
      return out;
    }
  }

  private static Workout workout(ResultSet rs) throws SQLException {
    OffsetDateTime ended = rs.getObject(4, OffsetDateTime.class);
    return new Workout(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getObject(3, OffsetDateTime.class).toInstant(),
        ended == null ? null : ended.toInstant(), rs.getObject(5, BigDecimal.class), rs.getString(6), rs.getString(7),
        rs.getString(8), rs.getObject(9, UUID.class), rs.getObject(10, Integer.class));
  }

  private static OffsetDateTime utc(Instant t) {
    return OffsetDateTime.ofInstant(t, ZoneOffset.UTC);
  }
}
