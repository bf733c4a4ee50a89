package org.healthtimeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.DriverManager;
import java.sql.SQLException;
import org.healthtimeline.testing.TestDatabases;
import org.junit.jupiter.api.Test;

class SyncCommandTest {
  @Test
  void sync_gives_rows_written_with_sql_their_events_names_the_rows_it_cannot_and_a_second_run_adds_nothing() throws SQLException {
    String url = TestDatabases.freshUrl();
    String badRow;
    try (var c = DriverManager.getConnection(url); var st = c.createStatement()) {
      st.execute("INSERT INTO users (external_id) VALUES ('bot-user')");
      st.execute("""
          INSERT INTO food_entries (user_id, meal_type, foods, total_calories)
          SELECT id, 'lunch', '[{"name":"Rice","calories":200}]', 200 FROM users""");
      try (var rs = st.executeQuery("""
          INSERT INTO food_entries (user_id, meal_type, foods) SELECT id, 'dinner', '[{"calories":300}]' FROM users
          RETURNING id""")) {
        rs.next();
        badRow = rs.getString(1);
      }
    }

    CliRun first = CliRun.of("sync", "--database-url", url);
    assertThat(first.exitCode()).as(first.toString()).isZero();
    assertThat(first.stdout()).containsPattern("food_entries\\s+1 events made for 1 users; 1 rows cannot become events")
        .contains("food_entries " + badRow + " (user ").contains("foods[0].name: must be a string of 1 to 300 characters")
        .contains("sync: 1 events made, 1 rows cannot become events");

    CliRun second = CliRun.of("sync", "--database-url", url);
    assertThat(second.exitCode()).as(second.toString()).isZero();
    assertThat(second.stdout()).contains("sync: 0 events made, 1 rows cannot become events");
  }
}
