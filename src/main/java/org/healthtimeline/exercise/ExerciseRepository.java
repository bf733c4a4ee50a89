package org.healthtimeline.exercise;

import static org.healthtimeline.db.Timestamps.instant;
import static org.healthtimeline.db.Timestamps.utc;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.healthtimeline.sync.SourceEvents;
import org.healthtimeline.web.PageRequest;

/** SQL of exercise_entries; a workout is read with its event (by the id its lineage derives). */
final class ExerciseRepository {
  private static final String WORKOUT = """
      SELECT s.id, s.user_id, s.occurred_at, s.ended_at, s.duration_minutes, s.activity_type, s.intensity, s.distance_km,
             s.calories, s.avg_heart_rate, s.notes, e.id, e.version
      FROM exercise_entries s
      """ + SourceEvents.joinEvent(ExerciseMapping.EXERCISE_ENTRIES) + " WHERE s.user_id = ?";

  /** Keeps a row that has the id already: importing the same workouts again adds nothing. */
  private static final String INSERT = """
      INSERT INTO exercise_entries (user_id, id, occurred_at, ended_at, duration_minutes, activity_type, intensity,
        distance_km, calories, avg_heart_rate, notes)
      VALUES (?, coalesce(?::uuid, gen_random_uuid()), ?, ?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT DO NOTHING""";

  UUID insert(Connection c, UUID userId, NewWorkout w) throws SQLException {
    try (var st = c.prepareStatement(INSERT + " RETURNING id")) {
      bind(st, userId, null, w);
      try (var rs = st.executeQuery()) {
        rs.next();
        return rs.getObject(1, UUID.class);
      }
    }
  }

  /** Inserts the workouts under their ids, in one batch. */
  void insertAll(Connection c, UUID userId, List<UUID> ids, List<NewWorkout> workouts) throws SQLException {
    try (var st = c.prepareStatement(INSERT)) {
      for (int i = 0; i < ids.size(); i++) {
        bind(st, userId, ids.get(i), workouts.get(i));
        st.addBatch();
      }
      st.executeBatch();
    }
  }

  private static void bind(PreparedStatement st, UUID userId, UUID id, NewWorkout w) throws SQLException {
    st.setObject(1, userId);
    st.setObject(2, id, Types.OTHER);
    st.setObject(3, utc(w.occurredAt()));
    st.setObject(4, utc(w.endedAt()), Types.TIMESTAMP_WITH_TIMEZONE);
    st.setBigDecimal(5, w.durationMinutes());
    st.setString(6, w.activityType());
    st.setString(7, w.intensity());
    st.setBigDecimal(8, w.distanceKm());
    st.setBigDecimal(9, w.calories());
    st.setBigDecimal(10, w.avgHeartRate());
    st.setString(11, w.notes());
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
    return new Workout(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), instant(rs, 3), instant(rs, 4), rs.getObject(5, BigDecimal.class), rs.getString(6), rs.getString(7),
        rs.getObject(8, BigDecimal.class), rs.getObject(9, BigDecimal.class), rs.getObject(10, BigDecimal.class),
        rs.getString(11), rs.getObject(12, UUID.class), rs.getObject(13, Integer.class));
  }
}
