package org.healthtimeline.medication;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.healthtimeline.db.Database;
import org.healthtimeline.testing.TestDatabases;
import org.healthtimeline.testing.TestSql;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** When a schedule's local times are due across DST changes: the same rule as reminders (README "The DST rule"). */
class DoseTimesTest {
  static Database db;

  @BeforeAll
  static void up() {
    db = TestDatabases.fresh();
  }

  @AfterAll
  static void down() {
    db.close();
  }

  /** The due instants (UTC) of a schedule's times over the local day {@code date} in {@code zone}. */
  private static List<String> due(String times, String zone, String date) {
    return TestSql.strings(db, """
        SELECT to_char(t AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI"Z"')
        FROM medication_dose_times(?::jsonb, NULL, NULL, ?,
             (?::date)::timestamp AT TIME ZONE ?, (?::date + 1)::timestamp AT TIME ZONE ?) AS t ORDER BY t""",
        "{\"times\":" + times + "}", zone, date, zone, date, zone);
  }

  @Test
  void a_time_the_clocks_skip_is_due_as_late_as_the_gap() {
    assertThat(due("[\"02:30\"]", "Europe/Berlin", "2024-03-31")).containsExactly("2024-03-31T01:30Z");
  }

  @Test
  void a_time_the_clocks_pass_twice_is_due_once_at_its_first_occurrence() {
    assertThat(due("[\"02:30\"]", "Europe/Berlin", "2024-10-27")).containsExactly("2024-10-27T00:30Z");
    assertThat(due("[\"01:30\"]", "America/New_York", "2024-11-03")).containsExactly("2024-11-03T05:30Z");
  }

  @Test
  void the_same_local_time_is_a_different_utc_time_in_winter_and_summer() {
    assertThat(due("[\"08:00\"]", "America/New_York", "2024-01-15")).containsExactly("2024-01-15T13:00Z");
    assertThat(due("[\"08:00\"]", "America/New_York", "2024-07-15")).containsExactly("2024-07-15T12:00Z");
    assertThat(due("[\"08:00\",\"20:00\"]", "UTC", "2024-03-10")).containsExactly("2024-03-10T08:00Z", "2024-03-10T20:00Z");
  }
}
