package org.healthtimeline.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.healthtimeline.archive.ArchiveService;
import org.healthtimeline.archive.PersonalData;
import org.healthtimeline.testing.TestDatabases;
import org.healthtimeline.user.UserService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Deleting a person leaves no row of theirs in any table, counted over every table the catalog shows to hold a
 * person's data ({@link PersonalData}), so a table added later is held to it too: {@link #ONE_ROW_EACH} must give
 * it a row, or the first assertion fails.
 */
class UserDeletionTest {
  static Database db;

  @BeforeAll
  static void up() {
    db = TestDatabases.fresh();
  }

  @AfterAll
  static void down() {
    db.close();
  }

  /** One small row in every table of a person's data; parents are found by the user, so order matters. */
  private static final String ONE_ROW_EACH = """
      INSERT INTO user_tokens (user_id, token_hash) VALUES (:u, sha256(convert_to(:u::text, 'UTF8')));
      INSERT INTO health_events (user_id, type, occurred_at, data) VALUES (:u, 'meal', now(), '{"total_calories": 500}');
      UPDATE health_events SET data = '{"total_calories": 550}' WHERE user_id = :u;
      INSERT INTO health_events (user_id, type, occurred_at, data) VALUES (:u, 'symptom', now(), '{"symptom_type": "cough"}'),
        (:u, 'tracker', now(), '{"category_name": "water", "data": {"glasses": 8}}'),
        (:u, 'medication', now(), '{"name": "progesterone", "status": "taken"}');
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

  @Test
  void deleting_a_user_removes_their_rows_from_every_table_and_keeps_everyone_elses() {
    deletes(leaving -> db.tx().inTransaction(c -> Sql.execute(c, "DELETE FROM users WHERE id = '" + leaving + "'")));
  }

  @Test
  void erasing_a_user_as_timeline_erase_does_removes_every_row_of_theirs_and_tells_how_many_per_table() {
    var erasure = new ArchiveService(db.tx(), new UserService(db.tx()));
    deletes(leaving -> assertThat(erasure.erase(leaving)).as("rows erased per table").doesNotContainValue(0L));
  }

  @Test
  void the_catalog_of_personal_data_holds_every_table_with_a_user_id_and_every_column_naming_a_user() {
    List<String> tables = db.tx().read(c -> PersonalData.tables(c).stream().map(PersonalData.Table::name).toList());
    assertThat(tables).containsAll(db.tx().read(Sql::userDataTables)).contains("users", "invite_codes");
  }

  private static void deletes(Consumer<UUID> delete) {
    UUID leaving = db.tx().inTransaction(UserDeletionTest::userWithOneRowEverywhere);
    UUID staying = db.tx().inTransaction(UserDeletionTest::userWithOneRowEverywhere);
    assertThat(rowsPerTable(leaving)).as("a table this test writes no row to").doesNotContainValue(0L);

    delete.accept(leaving);

    assertThat(rowsPerTable(leaving)).allSatisfy((table, rows) -> assertThat(rows).as(table).isZero());
    assertThat(rowsPerTable(staying)).allSatisfy((table, rows) -> assertThat(rows).as(table).isPositive());
    List<String> creator = db.tx().read(c -> Sql.strings(c,
        "SELECT coalesce(created_by::text, 'nobody') FROM invite_codes WHERE code = 'code-" + leaving + "'"));
    assertThat(creator).as("an invite code outlives its creator").containsExactly("nobody");
  }

  /** A person with one row in every table of the fixture above; also for the tests of the complete export. */
  static UUID userWithOneRowEverywhere(Connection c) throws SQLException {
    Sql.execute(c, """
        INSERT INTO assessment_definitions (code, name, items, scoring) VALUES ('phq4', 'PHQ-4', '[]', '{}')
        ON CONFLICT DO NOTHING""");
    UUID user = Sql.newUser(c);
    Sql.execute(c, ONE_ROW_EACH.replace(":u", "'" + user + "'::uuid"));
    return user;
  }

  private static Map<String, Long> rowsPerTable(UUID user) {
    return db.tx().read(c -> PersonalData.count(c, user));
  }
}
