package org.healthtimeline.summary;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * The daily rollups as a whole. Triggers keep them current for every write; a load that bypasses triggers
 * (session_replication_role = replica, as timeline bench loads) must rebuild them afterwards.
 */
public final class Rollups {
  private Rollups() {}

  /** What the rollups of some users hold: their rows per table, and the events the daily rows count. */
  record Counts(long users, long events, long days, long symptomDays, long trackerDays, long medicationDays) {
    Counts plus(Counts o) {
      return new Counts(users + o.users, events + o.events, days + o.days, symptomDays + o.symptomDays,
          trackerDays + o.trackerDays, medicationDays + o.medicationDays);
    }

    @Override
    public String toString() {
      return String.format("%s, %s on %s (%s, %s, %s)", n(users, "user"), n(events, "event"), n(days, "day"),
          n(symptomDays, "symptom day"), n(trackerDays, "tracker field day"), n(medicationDays, "medication day"));
    }

    private static String n(long count, String what) {
      return String.format("%,d %s%s", count, what, count == 1 ? "" : "s");
    }
  }

  /** Recomputes every rollup from the events, in the caller's transaction. */
  public static void rebuild(Connection c) throws SQLException {
    try (var st = c.createStatement()) {
      st.execute("SELECT summary_rebuild()");
    }
  }

  /**
   * Recomputes the rollups of these users from their events, in the caller's transaction. Their writers wait
   * until it commits (it takes their lock of the timeline's trigger), so it is safe beside a running serve.
   */
  public static void rebuild(Connection c, Collection<UUID> users) throws SQLException {
    try (var st = c.prepareStatement("SELECT summary_rebuild(?)")) {
      st.setArray(1, c.createArrayOf("uuid", users.toArray()));
      st.execute();
    }
  }

  /** What the rollups of these users hold now. */
  static Counts count(Connection c, Collection<UUID> users) throws SQLException {
    try (var st = c.prepareStatement("""
        SELECT (SELECT count(*) FROM unnest(?::uuid[])),
               (SELECT coalesce(sum(events), 0) FROM summary_days WHERE user_id = ANY (?)),
               (SELECT count(*) FROM summary_days WHERE user_id = ANY (?)),
               (SELECT count(*) FROM summary_day_symptoms WHERE user_id = ANY (?)),
               (SELECT count(*) FROM summary_day_trackers WHERE user_id = ANY (?)),
               (SELECT count(*) FROM summary_day_medications WHERE user_id = ANY (?))""")) {
      var ids = c.createArrayOf("uuid", users.toArray());
      for (int i = 1; i <= 6; i++) st.setArray(i, ids);
      try (var rs = st.executeQuery()) {
        rs.next();
        return new Counts(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6));
      }
    }
  }

  /** How many users there are: the rollups of all of them are rebuilt in batches of {@link #users}. */
  static long userCount(Connection c) throws SQLException {
    try (var st = c.createStatement(); var rs = st.executeQuery("SELECT count(*) FROM users")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** Up to {@code limit} user ids after {@code after} (null: from the first), in id order. */
  static List<UUID> users(Connection c, UUID after, int limit) throws SQLException {
    try (var st = c.prepareStatement("SELECT id FROM users WHERE ?::uuid IS NULL OR id > ?::uuid ORDER BY id LIMIT ?")) {
      st.setObject(1, after);
      st.setObject(2, after);
      st.setInt(3, limit);
      var out = new ArrayList<UUID>();
      try (var rs = st.executeQuery()) {
        while (rs.next()) out.add(rs.getObject(1, UUID.class));
      }
      return out;
    }
  }
}
