package org.healthtimeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.healthtimeline.testing.TestDatabases;
import org.junit.jupiter.api.Test;

/** {@code timeline summary rebuild}: rollups made wrong behind the triggers' back are recomputed from the events. */
class SummaryCommandTest {
  private static final String TWO_USERS_EVENTS = """
      INSERT INTO users (external_id, time_zone) VALUES ('ana', 'Europe/Berlin'), ('ben', 'America/New_York');
      INSERT INTO health_events (user_id, type, occurred_at, data)
      SELECT u.id, e.type::event_type, e.at::timestamptz, e.data::json
      FROM users u, (VALUES
        ('meal', '2024-03-10 12:00+01', '{"meal_type":"lunch","total_calories":600}'),
        ('meal', '2024-03-11 12:00+01', '{"meal_type":"lunch","total_calories":500}'),
        ('symptom', '2024-03-11 15:00+01', '{"symptom_type":"headache","severity":4}'),
        ('tracker', '2024-03-11 09:00+01', '{"category_name":"Water","data":{"glasses":3}}'),
        ('medication', '2024-03-11 08:00+01', '{"name":"metformin","status":"taken"}'),
        ('note', '2024-03-11 20:00+01', '{"text":"not summed"}')) e(type, at, data);
      """;

  /** Every rollup row as it stands: a wrong one, a missing one and a left-over one, for each user. */
  private static final String BREAK_THE_ROLLUPS = """
      UPDATE summary_days SET calories = 1;
      DELETE FROM summary_day_symptoms;
      INSERT INTO summary_day_medications (user_id, day, medication, taken, late, skipped, missed, unscheduled)
      SELECT id, '2020-01-01', 'ghost', 1, 0, 0, 0, 0 FROM users;
      """;

  @Test
  void summary_rebuild_recomputes_every_users_rollups_and_reports_them_in_one_line() throws SQLException {
    String url = TestDatabases.freshUrl();
    execute(url, TWO_USERS_EVENTS);
    List<String> kept = rows(url);
    execute(url, BREAK_THE_ROLLUPS);

    CliRun run = CliRun.of("summary", "rebuild", "--database-url", url);

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.stdoutLines()).as(run.toString()).singleElement().asString().matches(
        "summary rebuild: 2 users, 8 events on 4 days \\(2 symptom days, 2 tracker field days, 2 medication days\\), "
            + "in \\d+\\.\\d s, in the database at \\$DATABASE_URL/--database-url");
    assertThat(rows(url)).isEqualTo(kept);
  }

  @Test
  void summary_rebuild_of_one_user_named_by_external_id_leaves_everybody_elses_rollups_as_they_are() throws SQLException {
    String url = TestDatabases.freshUrl();
    execute(url, TWO_USERS_EVENTS);
    execute(url, BREAK_THE_ROLLUPS);

    CliRun run = CliRun.of("summary", "rebuild", "--user", "ana", "--database-url", url);

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.stdoutLines()).as(run.toString()).singleElement().asString()
        .startsWith("summary rebuild: 1 user, 4 events on 2 days (1 symptom day, 1 tracker field day, 1 medication day), in ");
    assertThat(strings(url, "SELECT u.external_id || ' ' || s.day || ' ' || s.calories FROM summary_days s JOIN users u ON u.id = s.user_id ORDER BY 1"))
        .containsExactly("ana 2024-03-10 600", "ana 2024-03-11 500", "ben 2024-03-10 1", "ben 2024-03-11 1");
  }

  @Test
  void summary_rebuild_of_a_user_nobody_has_fails_with_one_line_on_stderr() {
    String url = TestDatabases.freshUrl();

    CliRun byName = CliRun.of("summary", "rebuild", "--user", "nobody", "--database-url", url);
    CliRun byId = CliRun.of("summary", "rebuild", "--user", "00000000-0000-0000-0000-000000000001", "--database-url", url);

    for (CliRun run : List.of(byName, byId)) {
      assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
      assertThat(run.stdout()).isEmpty();
      assertThat(run.stderrLines()).as(run.toString()).singleElement().asString().startsWith("timeline: no user has the id or external_id ");
    }
  }

  private static List<String> rows(String url) throws SQLException {
    var out = new ArrayList<String>();
    for (String table : List.of("summary_days", "summary_day_symptoms", "summary_day_trackers", "summary_day_medications")) {
      out.addAll(strings(url, "SELECT '" + table + " ' || t::text FROM " + table + " t ORDER BY 1"));
    }
    return out;
  }

  private static void execute(String url, String sql) throws SQLException {
    try (var c = DriverManager.getConnection(url); var st = c.createStatement()) {
      st.execute(sql);
    }
  }

  private static List<String> strings(String url, String sql) throws SQLException {
    var out = new ArrayList<String>();
    try (var c = DriverManager.getConnection(url); var st = c.createStatement(); var rs = st.executeQuery(sql)) {
      while (rs.next()) out.add(rs.getString(1));
    }
    return out;
  }
}
