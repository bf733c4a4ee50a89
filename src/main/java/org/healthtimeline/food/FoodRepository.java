package org.healthtimeline.food;

import static org.healthtimeline.db.Timestamps.instant;
import static org.healthtimeline.db.Timestamps.utc;

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

/** SQL of food_entries and food_entry_audit. A meal is read with its event (by the id its lineage derives). */
final class FoodRepository {
  private static final String MEAL = """
      SELECT s.id, s.user_id, s.occurred_at, s.meal_type, s.total_calories, s.total_macros, s.foods, s.photo_path,
             s.notes, e.id, e.version
      FROM food_entries s
      """ + SourceEvents.joinEvent(FoodMapping.FOOD_ENTRIES) + " WHERE s.user_id = ?";

  /** Keeps a row that has the id already: importing the same meals again adds nothing. */
  private static final String INSERT = """
      INSERT INTO food_entries (user_id, id, occurred_at, meal_type, foods, total_calories, total_macros, photo_path, notes)
      VALUES (?, coalesce(?::uuid, gen_random_uuid()), ?, ?, ?::jsonb, ?, ?::jsonb, ?, ?)
      ON CONFLICT DO NOTHING""";

  UUID insert(Connection c, UUID userId, MealContent m) throws SQLException {
    try (var st = c.prepareStatement(INSERT + " RETURNING id")) {
      st.setObject(1, userId);
      st.setNull(2, Types.OTHER);
      bindContent(st, 3, m);
      try (var rs = st.executeQuery()) {
        rs.next();
        return rs.getObject(1, UUID.class);
      }
    }
  }

  /** Inserts the meals under their ids, in one batch. */
  void insertAll(Connection c, UUID userId, List<UUID> ids, List<MealContent> meals) throws SQLException {
    try (var st = c.prepareStatement(INSERT)) {
      for (int i = 0; i < ids.size(); i++) {
        st.setObject(1, userId);
        st.setObject(2, ids.get(i));
        bindContent(st, 3, meals.get(i));
        st.addBatch();
      }
      st.executeBatch();
    }
  }

  void update(Connection c, UUID userId, UUID id, MealContent m) throws SQLException {
    try (var st = c.prepareStatement("""
        UPDATE food_entries SET occurred_at = ?, meal_type = ?, foods = ?::jsonb, total_calories = ?,
          total_macros = ?::jsonb, photo_path = ?, notes = ?
        WHERE user_id = ? AND id = ?""")) {
      int p = bindContent(st, 1, m);
      st.setObject(p++, userId);
      st.setObject(p, id);
      st.executeUpdate();
    }
  }

  private static int bindContent(PreparedStatement st, int p, MealContent m) throws SQLException {
    st.setObject(p++, utc(m.occurredAt()));
    st.setString(p++, m.mealType());
    st.setString(p++, Json.write(m.foods()));
    if (m.totalCalories() == null) st.setNull(p++, Types.INTEGER);
    else st.setInt(p++, m.totalCalories());
    st.setString(p++, m.totalMacros() == null ? null : Json.write(m.totalMacros()));
    st.setString(p++, m.photoPath());
    st.setString(p++, m.notes());
    return p;
  }

  /** The meal, locked for this transaction when {@code forUpdate}. */
  Optional<Meal> find(Connection c, UUID userId, UUID id, boolean forUpdate) throws SQLException {
    try (var st = c.prepareStatement(MEAL + " AND s.id = ?" + (forUpdate ? " FOR UPDATE OF s" : ""))) {
      st.setObject(1, userId);
      st.setObject(2, id);
      try (var rs = st.executeQuery()) {
        return rs.next() ? Optional.of(meal(rs)) : Optional.empty();
      }
    }
  }

  /** A page of the user's meals, newest first, optionally of one meal type. */
  List<Meal> list(Connection c, UUID userId, String mealType, PageRequest page) throws SQLException {
    try (var st = c.prepareStatement(MEAL + (mealType == null ? "" : " AND s.meal_type = ?") + page.sql("s.occurred_at", "s.id"))) {
      int p = 1;
      st.setObject(p++, userId);
      if (mealType != null) st.setString(p++, mealType);
      page.bind(st, p);
      var out = new ArrayList<Meal>();
      try (var rs = st.executeQuery()) {
        while (rs.next()) out.add(meal(rs));
      }
      return out;
    }
  }

  boolean exists(Connection c, UUID userId, UUID id) throws SQLException {
    try (var st = c.prepareStatement("SELECT 1 FROM food_entries WHERE user_id = ? AND id = ?")) {
      st.setObject(1, userId);
      st.setObject(2, id);
      try (var rs = st.executeQuery()) {
        return rs.next();
      }
    }
  }

  MealCorrection insertCorrection(Connection c, UUID userId, UUID mealId, String by, String reason, MealContent before,
      MealContent after) throws SQLException {
    try (var st = c.prepareStatement("""
        INSERT INTO food_entry_audit (user_id, entry_id, corrected_by, correction_reason, original_data, corrected_data)
        VALUES (?, ?, ?, ?, ?::jsonb, ?::jsonb)
        RETURNING id, entry_id, corrected_at, corrected_by, correction_reason, original_data, corrected_data""")) {
      st.setObject(1, userId);
      st.setObject(2, mealId);
      st.setString(3, by);
      st.setString(4, reason);
      st.setString(5, Json.write(before.toJson()));
      st.setString(6, Json.write(after.toJson()));
      try (var rs = st.executeQuery()) {
        rs.next();
        return correction(rs);
      }
    }
  }

  /** The meal's corrections, oldest first. */
  List<MealCorrection> corrections(Connection c, UUID userId, UUID mealId) throws SQLException {
    try (var st = c.prepareStatement("""
        SELECT id, entry_id, corrected_at, corrected_by, correction_reason, original_data, corrected_data
        FROM food_entry_audit WHERE user_id = ? AND entry_id = ? ORDER BY corrected_at, id""")) {
      st.setObject(1, userId);
      st.setObject(2, mealId);
      var out = new ArrayList<MealCorrection>();
      try (var rs = st.executeQuery()) {
        while (rs.next()) out.add(correction(rs));
      }
      return out;
    }
  }

  private static Meal meal(ResultSet rs) throws SQLException {
    int calories = rs.getInt(5);
    Integer total = rs.wasNull() ? null : calories;
    int version = rs.getInt(11);
    Integer eventVersion = rs.wasNull() ? null : version;
    return new Meal(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), instant(rs, 3), rs.getString(4), total,
        json(rs.getString(6)), json(rs.getString(7)), rs.getString(8), rs.getString(9), rs.getObject(10, UUID.class),
        eventVersion);
  }

  private static MealCorrection correction(ResultSet rs) throws SQLException {
    return new MealCorrection(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), instant(rs, 3), rs.getString(4),
        rs.getString(5), json(rs.getString(6)), json(rs.getString(7)));
  }

  private static com.fasterxml.jackson.databind.JsonNode json(String text) {
    return text == null ? null : Json.read(text);
  }

}
