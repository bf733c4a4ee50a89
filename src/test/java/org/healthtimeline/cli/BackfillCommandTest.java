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
    String meal = firstColumn(url, """
        WITH u AS (INSERT INTO users (external_id) VALUES ('bot-user') RETURNING id),
          lunch AS (INSERT INTO food_entries (user_id, meal_type, foods) SELECT id, 'lunch', '[{"name":"Rice","calories":200}]' FROM u)
        INSERT INTO food_entries (user_id, meal_type, foods) SELECT id, 'dinner', '[{"name":"Soup","calories":90}]' FROM u
        RETURNING id""");

    CliRun first = CliRun.of("backfill", "--database-url", url);
    assertThat(first.exitCode()).as(first.toString()).isZero();
    assertThat(first.stdout()).containsPattern("food_entries\\s+2\\s+2\\s+0\\s+0\\s");
    CliRun second = CliRun.of("backfill", "--database-url", url);
    assertThat(second.stdout()).as(second.toString()).containsPattern("food_entries\\s+2\\s+0\\s+2\\s+0\\s");

    firstColumn(url, "DELETE FROM food_entries WHERE id = '" + meal + "' RETURNING id");
    CliRun verified = CliRun.of("backfill", "--verify", "--database-url", url);
    assertThat(verified.exitCode()).as(verified.toString()).isOne();
    assertThat(verified.stdout()).containsPattern("food_entries\\s+1 rows\\s+1 mismatches");
    assertThat(verified.stdoutLines()).containsSubsequence(
        "  1: its source row no longer exists",
        "    food_entries " + meal + ": its source row no longer exists");
  }

  /** Runs one statement as the customer's bot would, with plain SQL; the first column of its first row. */
  private static String firstColumn(String url, String sql) throws SQLException {
    try (var c = DriverManager.getConnection(url); var st = c.createStatement(); var rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }
}
