package org.healthtimeline.testing;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.UUID;

/**
 * A person with one small row in every table of a person's data. A table added later gets its row here: the
 * tests of deletion, erasure and the complete export fail for any such table that this leaves empty.
 */
public final class PersonRows {
  private PersonRows() {}

  /** One small row in every table of a person's data; parents are found by the user, so order matters. */
  static final String ONE_ROW_EACH = """
      INSERT INTO user_tokens (user_id, token_hash) VALUES (:u, sha256(convert_to(:u::text, 'UTF8')));
      INSERT INTO health_events (user_id, type, occurred_at, data) VALUES (:u, 'meal', now(), '{"total_calories": 500}');
      UPDATE health_events SET data = '{"total_calories": 550}' WHERE user_id = :u;
      INSERT INTO food_entries (user_id, foods, total_calories, meal_type) VALUES (:u, '[{"name": "oats"}]', 300, 'breakfast');
      INSERT INTO food_entry_audit (user_id, entry_id, original_data, corrected_data, corrected_by)
        SELECT user_id, id, '{"total_calories": 300}', '{"total_calories": 350}', 'user' FROM food_entries WHERE user_id = :u;
      INSERT INTO sleep_entries (user_id, bedtime, wake_time, sleep_quality_rating)
        VALUES (:u, '2024-03-09 23:05-06', '2024-03-10 07:20-05', 7);
      INSERT INTO exercise_entries (user_id, activity_type, occurred_at, ended_at, duration_minutes)
        VALUES (:u, 'running', '2024-03-11 17:45-05', '2024-03-11 18:21:30-05', 36.5);
      INSERT INTO tracking_categories (user_id, name, fields) VALUES (:u, 'water', '[{"name": "glasses", "type": "number"}]');
      INSERT INTO tracking_entries (user_id, category_id, data) SELECT user_id, id, '{"glasses": 8}' FROM tracking_categories WHERE user_id = :u;
      INSERT INTO user_medications (user_id, name, dose, unit) VALUES (:u, 'progesterone', 200, 'mg');
      INSERT INTO medication_adherence (user_id, medication_id, scheduled_for, status, taken_at)
        SELECT user_id, id, now(), 'taken', now() FROM user_medications WHERE user_id = :u;
      INSERT INTO assessment_responses (user_id, assessment_code, answers, score) VALUES (:u, 'phq4', '[1, 0, 2, 1]', 4);
      INSERT INTO conversation_history (user_id, role, content) VALUES (:u, 'user', 'hi');
      INSERT INTO user_habits (user_id, habit_type, habit_description, confidence) VALUES (:u, 'dietary', 'high-protein breakfast', 0.85);
      INSERT INTO memories (user_id, memory_text) VALUES (:u, 'likes oat milk');
      INSERT INTO user_xp (user_id, xp) VALUES (:u, 10);
      INSERT INTO user_streaks (user_id, current_streak, best_streak) VALUES (:u, 1, 1);
      INSERT INTO user_achievements (user_id, achievement_id, achievement_name) VALUES (:u, 'first_steps', 'First steps');
      INSERT INTO user_challenges (user_id, challenge_id, challenge_name, progress) VALUES (:u, 'water_7', 'Water week', '{}');
      INSERT INTO reminders (user_id, reminder_type, message, schedule) VALUES (:u, 'simple', 'drink', '{"type": "daily", "time": "09:00"}');
      INSERT INTO reminder_completions (user_id, reminder_id) SELECT user_id, id FROM reminders WHERE user_id = :u;
      INSERT INTO dynamic_tools (user_id, tool_name, tool_description, tool_type, definition)
        VALUES (:u, 'weekly_calories', 'calories per week', 'read_only', '{"query": "calories_by_week"}');
      INSERT INTO tool_approval_requests (user_id, tool_id) SELECT user_id, id FROM dynamic_tools WHERE user_id = :u;
      INSERT INTO user_onboarding (user_id, state) VALUES (:u, 'welcome');
      INSERT INTO sleep_quiz_submissions (user_id, responses) VALUES (:u, '{}');
      INSERT INTO insights (user_id, kind, title, body) VALUES (:u, 'pattern', 'Late dinners', 'You sleep worse after them.');
      INSERT INTO insight_interactions (user_id, insight_id, action) SELECT user_id, id, 'viewed' FROM insights WHERE user_id = :u;
      INSERT INTO subscriptions (user_id) VALUES (:u);
      INSERT INTO invite_codes (code, created_by) VALUES ('code-' || :u, :u);
      """;

  /** Makes the person, inside the caller's transaction. */
  public static UUID personWithOneRowInEveryTable(Connection c) throws SQLException {
    try (var st = c.createStatement()) {
      st.execute("""
          INSERT INTO assessment_definitions (code, name, items, scoring) VALUES ('phq4', 'PHQ-4', '[]', '{}')
          ON CONFLICT DO NOTHING""");
    }
    UUID user;
    try (var st = c.createStatement(); var rs = st.executeQuery("INSERT INTO users DEFAULT VALUES RETURNING id")) {
      rs.next();
      user = rs.getObject(1, UUID.class);
    }
    try (var st = c.createStatement()) {
      st.execute(ONE_ROW_EACH.replace(":u", "'" + user + "'::uuid"));
    }
    return user;
  }
}
