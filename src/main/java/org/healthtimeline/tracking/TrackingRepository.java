package org.healthtimeline.tracking;

import static org.healthtimeline.db.Timestamps.instant;
import static org.healthtimeline.db.Timestamps.utc;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.healthtimeline.sync.SourceEvents;
import org.healthtimeline.web.Json;
import org.healthtimeline.web.PageRequest;

/** SQL of tracking_categories and tracking_entries; an entry is read with its event. */
final class TrackingRepository {
  private static final String CATEGORY = """
      SELECT id, user_id, name, fields, schedule, active, created_at, updated_at FROM tracking_categories WHERE user_id = ?""";
  private static final String ENTRY = """
      SELECT s.id, s.user_id, s.category_id, s.occurred_at, s.data, s.notes, e.id, e.version
      FROM tracking_entries s
      """ + SourceEvents.joinEvent(TrackingMapping.TRACKING_ENTRIES) + " WHERE s.user_id = ?";

  Category insertCategory(Connection c, UUID userId, String name, String fields, String schedule) throws SQLException {
    try (var st = c.prepareStatement("""
        INSERT INTO tracking_categories (user_id, name, fields, schedule) VALUES (?, ?, ?::jsonb, ?::jsonb)
        RETURNING id, user_id, name, fields, schedule, active, created_at, updated_at""")) {
      st.setObject(1, userId);
      st.setString(2, name);
      st.setString(3, fields);
      st.setString(4, schedule);
      try (var rs = st.executeQuery()) {
        rs.next();
        return category(rs);
      }
    }
  }

  /** The category, locked against changes for this transaction when {@code lock} (FOR UPDATE) is given. */
  Optional<Category> category(Connection c, UUID userId, UUID id, String lock) throws SQLException {
    try (var st = c.prepareStatement(CATEGORY + " AND id = ?" + (lock == null ? "" : " " + lock))) {
      st.setObject(1, userId);
      st.setObject(2, id);
      try (var rs = st.executeQuery()) {
        return rs.next() ? Optional.of(category(rs)) : Optional.empty();
      }
    }
  }

  List<Category> categories(Connection c, UUID userId, Boolean active) throws SQLException {
    try (var st = c.prepareStatement(CATEGORY + (active == null ? "" : " AND active = ?") + " ORDER BY name, id")) {
      st.setObject(1, userId);
      if (active != null) st.setBoolean(2, active);
      var out = new ArrayList<Category>();
      try (var rs = st.executeQuery()) {
        while (rs.next()) out.add(category(rs));
      }
      return out;
    }
  }

  void updateCategory(Connection c, UUID userId, UUID id, String name, boolean active, String schedule) throws SQLException {
    try (var st = c.prepareStatement("UPDATE tracking_categories SET name = ?, active = ?, schedule = ?::jsonb WHERE user_id = ? AND id = ?")) {
      st.setString(1, name);
      st.setBoolean(2, active);
      st.setString(3, schedule);
      st.setObject(4, userId);
      st.setObject(5, id);
      st.executeUpdate();
    }
  }

  /** Keeps a row that has the id already: importing the same entries again adds nothing. */
  private static final String INSERT_ENTRY = """
      INSERT INTO tracking_entries (user_id, id, category_id, occurred_at, data, notes)
      VALUES (?, coalesce(?::uuid, gen_random_uuid()), ?, ?, ?::jsonb, ?)
      ON CONFLICT DO NOTHING""";

  UUID insertEntry(Connection c, UUID userId, UUID categoryId, Instant at, JsonNode data, String notes) throws SQLException {
    try (var st = c.prepareStatement(INSERT_ENTRY + " RETURNING id")) {
      bindEntry(st, userId, null, categoryId, at, data, notes);
      try (var rs = st.executeQuery()) {
        rs.next();
        return rs.getObject(1, UUID.class);
      }
    }
  }

  /** Inserts entries of one category under their ids, in one batch. */
  void insertEntries(Connection c, UUID userId, UUID categoryId, List<UUID> ids, List<NewEntry> entries) throws SQLException {
    try (var st = c.prepareStatement(INSERT_ENTRY)) {
      for (int i = 0; i < ids.size(); i++) {
        NewEntry e = entries.get(i);
        bindEntry(st, userId, ids.get(i), categoryId, e.occurredAt(), e.data(), e.notes());
        st.addBatch();
      }
      st.executeBatch();
    }
  }

  private static void bindEntry(PreparedStatement st, UUID userId, UUID id, UUID categoryId, Instant at, JsonNode data,
      String notes) throws SQLException {
    st.setObject(1, userId);
    st.setObject(2, id, Types.OTHER);
    st.setObject(3, categoryId);
    st.setObject(4, utc(at));
    st.setString(5, Json.write(data));
    st.setString(6, notes);
  }

  Optional<TrackerEntry> entry(Connection c, UUID userId, UUID id) throws SQLException {
    try (var st = c.prepareStatement(ENTRY + " AND s.id = ?")) {
      st.setObject(1, userId);
      st.setObject(2, id);
      try (var rs = st.executeQuery()) {
        return rs.next() ? Optional.of(entry(rs)) : Optional.empty();
      }
    }
  }

  /** A page of a category's entries, newest first. */
  List<TrackerEntry> entries(Connection c, UUID userId, UUID categoryId, PageRequest page) throws SQLException {
    try (var st = c.prepareStatement(ENTRY + " AND s.category_id = ?" + page.sql("s.occurred_at", "s.id"))) {
      st.setObject(1, userId);
      st.setObject(2, categoryId);
      page.bind(st, 3);
      var out = new ArrayList<TrackerEntry>();
      try (var rs = st.executeQuery()) {
        while (rs.next()) out.add(entry(rs));
      }
      return out;
    }
  }

  private static Category category(ResultSet rs) throws SQLException {
    String schedule = rs.getString(5);
    return new Category(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3), Json.read(rs.getString(4)),
        schedule == null ? null : Json.read(schedule), rs.getBoolean(6), instant(rs, 7), instant(rs, 8));
  }

  private static TrackerEntry entry(ResultSet rs) throws SQLException {
    return new TrackerEntry(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getObject(3, UUID.class),
        instant(rs, 4), Json.read(rs.getString(5)), rs.getString(6), rs.getObject(7, UUID.class), rs.getObject(8, Integer.class));
  }
}
