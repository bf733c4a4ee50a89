package org.healthtimeline.summary;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.UUID;

/**
 * The daily rollups as a whole. Triggers keep them current for every write; a load that bypasses triggers
 * (session_replication_role = replica, as timeline bench loads) must rebuild them afterwards.
 */
public final class Rollups {
  private Rollups() {}

  /** Recomputes every rollup from the events, in the caller's transaction. */
  public static void rebuild(Connection c) throws SQLException {
    try (var st = c.createStatement()) {
      st.execute("SELECT summary_rebuild()");
    }
  }

  /** Recomputes the rollups of these users from their events, in the caller's transaction. */
  public static void rebuild(Connection c, Collection<UUID> users) throws SQLException {
    try (var st = c.prepareStatement("SELECT summary_rebuild(?)")) {
      st.setArray(1, c.createArrayOf("uuid", users.toArray()));
      st.execute();
    }
  }
}
