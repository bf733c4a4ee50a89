package org.healthtimeline.backfill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.healthtimeline.backfill.BackfillEngine.Summary;
import org.healthtimeline.db.Database;
import org.healthtimeline.testing.DatabaseSnapshot;
import org.healthtimeline.testing.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BackfillEngineTest {
  Database db;

  @BeforeEach
  void up() {
    db = TestDatabases.fresh();
  }

  @AfterEach
  void down() {
    db.close();
  }

  @Test
  void every_source_row_gets_one_event_across_batch_boundaries_and_a_second_run_changes_nothing() {
    meals(3, 17);
    var engine = engine(7);

    Summary first = engine.backfill(TestMappings.FOOD, false);

    assertThat(first).extracting(Summary::rows, Summary::migrated, Summary::present, Summary::failed).containsExactly(51L, 51L, 0L, 0L);
    assertThat(count("health_events WHERE source_table = 'food_entries'")).isEqualTo(51);
    var after = DatabaseSnapshot.of(db);
    Summary second = engine.backfill(TestMappings.FOOD, false);
    assertThat(second).extracting(Summary::rows, Summary::migrated, Summary::present).containsExactly(51L, 0L, 51L);
    assertThat(DatabaseSnapshot.of(db)).isEqualTo(after);
    assertThat(engine.verify(TestMappings.FOOD).mismatches()).isZero();
  }

  @Test
  void a_batch_holds_rows_of_a_bounded_number_of_people() {
    meals(7, 2);
    var batches = new java.util.ArrayList<Long>();
    var engine = new BackfillEngine(db.dataSource(), 100, 3, new BackfillEngine.Progress() {
      @Override
      public void advance(long rows) {
        batches.add(rows);
      }
    });

    assertThat(engine.backfill(TestMappings.FOOD, false).migrated()).isEqualTo(14);
    assertThat(batches).containsExactly(6L, 6L, 2L);
  }

  @Test
  void the_event_is_what_the_mapping_makes_of_the_row_with_its_lineage_and_the_users_offset() {
    UUID user = user("America/Chicago");
    exec("INSERT INTO food_entries (user_id, occurred_at, meal_type, total_calories, foods) VALUES ('" + user
        + "', '2024-03-10 12:30-05', 'lunch', 650, '[{\"name\":\"Chicken\"}]')");

    engine(100).backfill(TestMappings.FOOD, false);

    List<String> event = strings("SELECT type || ' ' || subtype || ' ' || utc_offset_min || ' ' || (data->>'total_calories')"
        + " || ' ' || source_table || ' ' || (source_id = f.id::text) || ' ' || (e.id = event_key_id(e.user_id, 'source', 'food_entries' || E'\\n' || f.id::text))"
        + " FROM health_events e JOIN food_entries f ON f.user_id = e.user_id");
    assertThat(event).containsExactly("meal lunch -300 650 food_entries true true");
  }

  @Test
  void a_row_that_cannot_be_an_event_is_reported_and_skipped_and_the_others_go_in() {
    UUID user = user("UTC");
    meals(1, 5);
    exec("INSERT INTO food_entries (user_id, foods) VALUES ('" + user + "', '[]')");

    Summary s = engine(3).backfill(TestMappings.FOOD, false);

    assertThat(s).extracting(Summary::migrated, Summary::failed).containsExactly(5L, 1L);
    assertThat(s.reasons()).containsExactly(java.util.Map.entry("foods: a meal needs foods or total_calories", 1L));
    assertThat(s.examples()).singleElement().extracting(BackfillEngine.Failure::sourceId)
        .isEqualTo(strings("SELECT id::text FROM food_entries WHERE user_id = '" + user + "'").getFirst());
    assertThat(engine(3).backfill(TestMappings.FOOD, false).failed()).as("reported again by the next run").isEqualTo(1);
  }

  @Test
  void a_batch_that_a_bad_row_breaks_is_done_row_by_row_and_only_that_row_is_left_out_with_the_databases_reason() {
    meals(2, 10);
    UUID user = user("UTC");
    exec("INSERT INTO food_entries (user_id, foods, total_calories, notes) VALUES ('" + user + "', '[]', 100, 'break')");

    Summary s = engine(50).backfill(TestMappings.FOOD, false);

    assertThat(s).extracting(Summary::rows, Summary::migrated, Summary::failed).containsExactly(21L, 20L, 1L);
    assertThat(s.reasons().keySet()).singleElement().asString().contains("ended_after_occurred");
    assertThat(count("health_events")).isEqualTo(20);
  }

  @Test
  void a_dry_run_counts_and_writes_nothing() {
    meals(2, 4);
    engine(3).backfill(TestMappings.FOOD, false);
    meals(1, 3);
    var before = DatabaseSnapshot.of(db);

    Summary s = engine(3).backfill(TestMappings.FOOD, true);

    assertThat(s).extracting(Summary::rows, Summary::migrated, Summary::present).containsExactly(11L, 3L, 8L);
    assertThat(DatabaseSnapshot.of(db)).isEqualTo(before);
  }

  @Test
  void verify_lists_rows_without_an_event_and_events_that_differ_from_their_row() {
    meals(1, 4);
    exec("INSERT INTO sleep_entries (user_id, bedtime, wake_time, sleep_quality_rating) SELECT id, '2024-03-09 23:05-06',"
        + " '2024-03-10 07:20-05', 7 FROM users");
    var engine = engine(2);
    engine.backfill(TestMappings.FOOD, false);
    engine.backfill(TestMappings.SLEEP, false);
    List<String> ids = strings("SELECT id::text FROM food_entries ORDER BY user_id, id");
    exec("DELETE FROM health_events WHERE source_id = '" + ids.get(0) + "'");
    exec("UPDATE health_events SET data = '{\"meal_type\":\"lunch\",\"total_calories\":1}' WHERE source_id = '" + ids.get(1) + "'");
    exec("UPDATE health_events SET deleted_at = now() WHERE source_id = '" + ids.get(2) + "'");

    var v = engine.verify(TestMappings.FOOD);

    assertThat(v.rows()).isEqualTo(4);
    assertThat(v.examples()).extracting(BackfillEngine.Failure::sourceId, BackfillEngine.Failure::reason).containsExactly(
        org.assertj.core.groups.Tuple.tuple(ids.get(0), "no event"),
        org.assertj.core.groups.Tuple.tuple(ids.get(1), "its event differs in data"),
        org.assertj.core.groups.Tuple.tuple(ids.get(2), "its event is deleted"));
    assertThat(engine.verify(TestMappings.SLEEP).mismatches()).isZero();
  }

  @Test
  void a_lost_connection_is_retried_with_backoff_at_most_three_times() {
    meals(1, 3);
    var flaky = new FlakyDataSource(db.dataSource(), 3);

    Summary s = new BackfillEngine(flaky, 100, BackfillEngine.Progress.NONE).backfill(TestMappings.FOOD, false);

    assertThat(s).extracting(Summary::migrated, Summary::retries).containsExactly(3L, 3);
    var hopeless = new FlakyDataSource(db.dataSource(), 4);
    assertThatThrownBy(() -> new BackfillEngine(hopeless, 100, BackfillEngine.Progress.NONE).backfill(TestMappings.FOOD, false))
        .isInstanceOf(BackfillFailed.class).hasMessageContaining("SQLSTATE 08001").hasMessageContaining("run it again");
  }

  private BackfillEngine engine(int batchSize) {
    return new BackfillEngine(db.dataSource(), batchSize, BackfillEngine.Progress.NONE);
  }

  private void meals(int users, int each) {
    for (int u = 0; u < users; u++) {
      exec("INSERT INTO food_entries (user_id, occurred_at, meal_type, total_calories, foods) SELECT '" + user("Europe/Berlin")
          + "', '2024-03-01Z'::timestamptz + i * interval '5 hours', 'dinner', 500 + i, '[{\"name\":\"soup\"}]' FROM generate_series(1, " + each + ") i");
    }
  }

  private UUID user(String zone) {
    return UUID.fromString(strings("INSERT INTO users (time_zone) VALUES ('" + zone + "') RETURNING id").getFirst());
  }

  private long count(String from) {
    return Long.parseLong(strings("SELECT count(*) FROM " + from).getFirst());
  }

  private List<String> strings(String sql) {
    return db.tx().inTransaction(c -> {
      var out = new java.util.ArrayList<String>();
      try (var st = c.createStatement(); var rs = st.executeQuery(sql)) {
        while (rs.next()) out.add(rs.getString(1));
      }
      return out;
    });
  }

  private void exec(String sql) {
    db.tx().inTransaction(c -> {
      try (var st = c.createStatement()) {
        return st.executeUpdate(sql);
      }
    });
  }

  /** Refuses its first {@code failures} connections as a server that went away would. */
  static final class FlakyDataSource implements DataSource {
    private final DataSource real;
    private final AtomicInteger failures;

    FlakyDataSource(DataSource real, int failures) {
      this.real = real;
      this.failures = new AtomicInteger(failures);
    }

    @Override
    public Connection getConnection() throws SQLException {
      if (failures.getAndDecrement() > 0) throw new SQLException("Connection refused", "08001");
      return real.getConnection();
    }

    @Override
    public Connection getConnection(String user, String password) throws SQLException {
      return getConnection();
    }

    @Override
    public PrintWriter getLogWriter() {
      return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {}

    @Override
    public void setLoginTimeout(int seconds) {}

    @Override
    public int getLoginTimeout() {
      return 0;
    }

    @Override
    public Logger getParentLogger() {
      return Logger.getGlobal();
    }

    @Override
    public <T> T unwrap(Class<T> iface) {
      throw new UnsupportedOperationException();
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
      return false;
    }
  }
}
