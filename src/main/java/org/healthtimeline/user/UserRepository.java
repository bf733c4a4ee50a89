package org.healthtimeline.user;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.ZoneId;
import java.util.Optional;
import java.util.UUID;
import org.healthtimeline.web.Json;

/** SQL of users and user_profiles. */
final class UserRepository {

  /** A user changes when its row or its profile row does; updated_at tells the later of the two. */
  private static final String SELECT = """
      SELECT u.id, u.external_id, u.time_zone, u.created_at, GREATEST(u.updated_at, p.updated_at),
             p.profile::text, p.preferences::text, p.patterns::text
      FROM users u JOIN user_profiles p ON p.user_id = u.id
      """;

  UUID insert(Connection c, String externalId, ZoneId zone) throws SQLException {
    try (var st = c.prepareStatement("INSERT INTO users (external_id, time_zone) VALUES (?, ?) RETURNING id")) {
      st.setString(1, externalId);
      st.setString(2, zone.getId());
      try (var rs = st.executeQuery()) {
        rs.next();
        return rs.getObject(1, UUID.class);
      }
    }
  }

  Optional<User> find(Connection c, UUID id) throws SQLException {
    try (var st = c.prepareStatement(SELECT + " WHERE u.id = ?")) {
      st.setObject(1, id);
      return one(st.executeQuery());
    }
  }

  Optional<User> findByExternalId(Connection c, String externalId) throws SQLException {
    try (var st = c.prepareStatement(SELECT + " WHERE u.external_id = ?")) {
      st.setString(1, externalId);
      return one(st.executeQuery());
    }
  }

  /** Locks the user's row for the rest of the transaction, so concurrent profile patches merge in turn. */
  Optional<User> findForUpdate(Connection c, UUID id) throws SQLException {
    try (var st = c.prepareStatement(SELECT + " WHERE u.id = ? FOR UPDATE OF u, p")) {
      st.setObject(1, id);
      return one(st.executeQuery());
    }
  }

  /** The user's zone; with {@code hold}, held (FOR SHARE) until the transaction ends, so a change of zone waits. */
  Optional<ZoneId> timeZone(Connection c, UUID id, boolean hold) throws SQLException {
    try (var st = c.prepareStatement("SELECT time_zone FROM users WHERE id = ?" + (hold ? " FOR SHARE" : ""))) {
      st.setObject(1, id);
      try (var rs = st.executeQuery()) {
        return rs.next() ? Optional.of(ZoneId.of(rs.getString(1))) : Optional.empty();
      }
    }
  }

  boolean exists(Connection c, UUID id) throws SQLException {
    try (var st = c.prepareStatement("SELECT 1 FROM users WHERE id = ?")) {
      st.setObject(1, id);
      try (var rs = st.executeQuery()) {
        return rs.next();
      }
    }
  }

  void updateUser(Connection c, UUID id, String externalId, ZoneId zone) throws SQLException {
    try (var st = c.prepareStatement("""
        UPDATE users SET external_id = ?, time_zone = ?
        WHERE id = ? AND (external_id IS DISTINCT FROM ? OR time_zone <> ?)""")) {
      st.setString(1, externalId);
      st.setString(2, zone.getId());
      st.setObject(3, id);
      st.setString(4, externalId);
      st.setString(5, zone.getId());
      st.executeUpdate();
    }
  }

  void updateProfile(Connection c, UUID id, String profile, String preferences, String patterns) throws SQLException {
    try (var st = c.prepareStatement("""
        UPDATE user_profiles SET profile = ?::jsonb, preferences = ?::jsonb, patterns = ?::jsonb
        WHERE user_id = ? AND (profile, preferences, patterns) IS DISTINCT FROM (?::jsonb, ?::jsonb, ?::jsonb)""")) {
      st.setString(1, profile);
      st.setString(2, preferences);
      st.setString(3, patterns);
      st.setObject(4, id);
      st.setString(5, profile);
      st.setString(6, preferences);
      st.setString(7, patterns);
      st.executeUpdate();
    }
  }

  boolean delete(Connection c, UUID id) throws SQLException {
    try (var st = c.prepareStatement("DELETE FROM users WHERE id = ?")) {
      st.setObject(1, id);
      return st.executeUpdate() == 1;
    }
  }

  private static Optional<User> one(ResultSet rs) throws SQLException {
    try (rs) {
      if (!rs.next()) return Optional.empty();
      return Optional.of(new User(
          rs.getObject(1, UUID.class),
          rs.getString(2),
          ZoneId.of(rs.getString(3)),
          rs.getObject(4, java.time.OffsetDateTime.class).toInstant(),
          rs.getObject(5, java.time.OffsetDateTime.class).toInstant(),
          Json.read(rs.getString(6)),
          Json.read(rs.getString(7)),
          Json.read(rs.getString(8))));
    }
  }
}
