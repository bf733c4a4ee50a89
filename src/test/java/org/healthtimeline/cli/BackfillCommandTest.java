package org.healthtimeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.DriverManager;
import java.sql.SQLException;
import org.healthtimeline.testing.TestDatabases;
import org.junit.jupiter.api.Test;

class BackfillCommandTest {
  @Test
  void backfill_gives_rows_their_events_once_and_verify_lists_an_event_whose_source_row_is_gone() throws SQLException {
    String url = TestDatabases.freshUrl();
    String meal;
    try (var c = DriverManager.getConnection(url); var st = c.createStatement()) {
      st.execute("INSERT INTO users (external_id) VALUES ('bot-user')");
      st.execute("""
          INSERT INTO food_entries (user_id, meal_type, foods) SELECT id, 'lunch', '[{"name":"Rice","calories":200}]' FROM users""");
      try (var rs = st.executeQuery("""
          INSERT INTO food_entries (user_id, meal_type, foods) SELECT id, 'dinner', '[{"name":"Soup","calories":90}]' FROM users
          RETURNING id""")) {
        rs.next();
        meal = rs.getString(1);
      }
    }

    CliRun first = CliRun.of("backfill", "--database-url", url);
    assertThat(first.exitCode()).as(first.toString()).isZero();
    assertThat(first.stdout()).containsPattern("food_entries\\s+2\\s+2\\s+0\\s+0\\s");
    CliRun second = CliRun.of("backfill", "--database-url", url);
    assertThat(second.stdout()).as(second.toString()).containsPattern("food_entries\\s+2\\s+0\\s+2\\s+0\\s");

    try (var c = DriverManager.getConnection(url); var st = c.createStatement()) {
      st.execute("DELETE FROM food_entries WHERE id = '" + meal + "'");
    }
    CliRun verified = CliRun.of("backfill", "--verify", "--database-url", url);
    assertThat(verified.exitCode()).as(verified.toString()).isOne();
    assertThat(verified.stdout()).containsPattern("food_entries\\s+1 rows\\s+1 mismatches");
    assertThat(verified.stdoutLines()).containsSubsequence(
        "  1: its source row no longer exists",
        "    food_entries " + meal + ": its source row no longer exists");
  }
}
