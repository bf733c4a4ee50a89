package org.healthtimeline.sleep;

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
import org.healthtimeline.web.Json;
import org.healthtimeline.web.PageRequest;

/** SQL of sleep_entries; an entry is read with its event (by the id its lineage derives). */
final class SleepRepository {
  private static final String ENTRY = """
      SELECT s.id, s.user_id, s.logged_at, s.bedtime, s.wake_time, s.sleep_latency_minutes, s.total_sleep_hours,
             s.night_wakings, s.sleep_quality_rating, s.alertness_rating, s.disruptions, s.phone_usage,
             s.phone_duration_minutes, e.id, e.version
      FROM sleep_entries s
      """ + SourceEvents.joinEvent(SleepMapping.SLEEP_ENTRIES) + " WHERE s.user_id = ?";

  /** Keeps a row that has the id already: importing the same nights again adds nothing. */
  private static final String INSERT = """
      INSERT INTO sleep_entries (user_id, id, bedtime, wake_time, sleep_latency_minutes, total_sleep_hours, night_wakings,
        sleep_quality_rating, alertness_rating, disruptions, phone_usage, phone_duration_minutes)
      VALUES (?, coalesce(?::uuid, gen_random_uuid()), ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?)
      ON CONFLICT DO NOTHING""";

  UUID insert(Connection c, UUID userId, NewSleep n) throws SQLException {
    try (var st = c.prepareStatement(INSERT + " RETURNING id")) {
      bind(st, userId, null, n);
      try (var rs = st.executeQuery()) {
        rs.next();
        return rs.getObject(1, UUID.class);
      }
    }
  }

  /** Inserts the nights under their ids, in one batch. */
  void insertAll(Connection c, UUID userId, List<UUID> ids, List<NewSleep> nights) throws SQLException {
    try (var st = c.prepareStatement(INSERT)) {
      for (int i = 0; i < ids.size(); i++) {
        bind(st, userId, ids.get(i), nights.get(i));
        st.addBatch();
      }
      st.executeBatch();
    }
  }

  private static void bind(PreparedStatement st, UUID userId, UUID id, NewSleep n) throws SQLException {
    st.setObject(1, userId);
    st.setObject(2, id, Types.OTHER);
    st.setObject(3, utc(n.bedtime()));
    st.setObject(4, utc(n.wakeTime()));
    st.setObject(5, n.latencyMinutes(), Types.INTEGER);
    st.setBigDecimal(6, n.totalSleepHours());
    st.setObject(7, n.nightWakings(), Types.INTEGER);
    st.setObject(8, n.qualityRating(), Types.INTEGER);
    st.setObject(9, n.alertnessRating(), Types.INTEGER);
    st.setString(10, n.disruptions() == null ? null : Json.write(n.disruptions()));
    st.setObject(11, n.phoneUsage(), Types.BOOLEAN);
    st.setObject(12, n.phoneMinutes(), Types.INTEGER);
  }

  Optional<SleepEntry> find(Connection c, UUID userId, UUID id) throws SQLException {
    try (var st = c.prepareStatement(ENTRY + " AND s.id = ?")) {
      st.setObject(1, userId);
      st.setObject(2, id);
      try (var rs = st.executeQuery()) {
        return rs.next() ? Optional.of(entry(rs)) : Optional.empty();
      }
    }
  }

  /** A page of the user's nights by bedtime (logged_at for a row without one), newest first. */
  List<SleepEntry> list(Connection c, UUID userId, PageRequest page) throws SQLException {
    try (var st = c.prepareStatement(ENTRY + page.sql("coalesce(s.bedtime, s.logged_at)", "s.id"))) {
      st.setObject(1, userId);
      page.bind(st, 2);
      var out = new ArrayList<SleepEntry>();
      try (var rs = st.executeQuery()) {
        while (rs.next()) out.add(entry(rs));
      }
      return out;
    }
  }

  private static SleepEntry entry(ResultSet rs) throws SQLException {
    String disruptions = rs.getString(11);
    return new SleepEntry(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), instant(rs, 3), instant(rs, 4),
        instant(rs, 5), rs.getObject(6, Integer.class), rs.getObject(7, BigDecimal.class), rs.getObject(8, Integer.class),
        rs.getObject(9, Integer.class), rs.getObject(10, Integer.class), disruptions == null ? null : Json.read(disruptions),
        rs.getObject(12, Boolean.class), rs.getObject(13, Integer.class), rs.getObject(14, UUID.class),
        rs.getObject(15, Integer.class));
  }

}
