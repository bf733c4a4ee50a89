package org.healthtimeline.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.healthtimeline.db.Database;
import org.healthtimeline.db.TransientErrors;
import org.healthtimeline.db.Tx;
import org.healthtimeline.food.FoodMapping;
import org.healthtimeline.sleep.SleepMapping;
import org.healthtimeline.sync.BackfillEngine.Failure;
import org.healthtimeline.sync.BackfillEngine.Summary;
import org.healthtimeline.testing.DatabaseSnapshot;
import org.healthtimeline.testing.TestDatabases;
import org.healthtimeline.timeline.EventSchemas;
import org.healthtimeline.timeline.EventType;
import org.healthtimeline.web.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BackfillEngineTest {
  static final SourceMapping FOOD = FoodMapping.FOOD_ENTRIES;
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

    Summary first = engine.backfill(FOOD, false);

    assertThat(first).extracting(Summary::rows, Summary::migrated, Summary::users, Summary::present, Summary::failed)
        .containsExactly(51L, 51L, 3L, 0L, 0L);
    assertThat(count("health_events WHERE source_table = 'food_entries'")).isEqualTo(51);
    var after = DatabaseSnapshot.of(db);
    Summary second = engine.backfill(FOOD, false);
    assertThat(second).extracting(Summary::rows, Summary::migrated, Summary::users, Summary::present)
        .containsExactly(51L, 0L, 0L, 51L);
    assertThat(DatabaseSnapshot.of(db)).isEqualTo(after);
    assertThat(engine.verify(FOOD).mismatches()).isZero();
  }

  @Test
  void every_mapping_makes_an_event_of_a_row_written_with_plain_sql_a_second_run_changes_nothing_and_verify_is_clean() {
    UUID u = user("America/Chicago");
    UUID medication = UUID.randomUUID();
    UUID water = UUID.randomUUID();
    // One row of each source table, as the customer's bot writes them.
    exec("""
        INSERT INTO food_entries (user_id, occurred_at, meal_type, foods, total_calories)
          VALUES ('%1$s', '2024-03-10 12:30-05', 'lunch', '[{"name":"Rice","quantity":"1 cup","calories":205}]', 205);
        INSERT INTO sleep_entries (user_id, bedtime, wake_time, total_sleep_hours, sleep_quality_rating)
          VALUES ('%1$s', '2024-03-09 23:10-06', '2024-03-10 06:40-05', 6.25, 7);
        INSERT INTO exercise_entries (user_id, occurred_at, duration_minutes, activity_type, intensity)
          VALUES ('%1$s', '2024-03-11 07:00-05', 30, 'running', 'high');
        INSERT INTO tracking_categories (user_id, id, name, fields)
          VALUES ('%1$s', '%3$s', 'Water', '[{"name":"glasses","type":"integer"}]');
        INSERT INTO tracking_entries (user_id, category_id, occurred_at, data) VALUES ('%1$s', '%3$s', '2024-03-10 09:00Z', '{"glasses":3}');
        INSERT INTO user_medications (user_id, id, name, dose, unit, schedule)
          VALUES ('%1$s', '%2$s', 'Metformin', 500, 'mg', '{"times":["08:00"]}');
        INSERT INTO medication_adherence (user_id, medication_id, scheduled_for, taken_at, status)
          VALUES ('%1$s', '%2$s', '2024-03-10 08:00-05', '2024-03-10 08:20-05', 'taken');
        INSERT INTO assessment_responses (user_id, assessment_code, answers, score, severity)
          VALUES ('%1$s', 'phq4', '[1,0,2,1]', 4, 'mild');
        INSERT INTO sleep_quiz_submissions (user_id, responses, sleep_score) VALUES ('%1$s', '{"hours":"7_to_9"}', 70);
        """.formatted(u, medication, water));
    var engine = engine(100);

    for (SourceMapping m : Sources.ALL) {
      assertThat(engine.backfill(m, false)).as("%s: give this test a row of it", m.table())
          .extracting(Summary::rows, Summary::migrated, Summary::failed).containsExactly(1L, 1L, 0L);
    }
    var after = DatabaseSnapshot.of(db);
    for (SourceMapping m : Sources.ALL) {
      assertThat(engine.backfill(m, false)).as(m.table()).extracting(Summary::migrated, Summary::present).containsExactly(0L, 1L);
    }
    assertThat(DatabaseSnapshot.of(db)).isEqualTo(after);
    for (SourceMapping m : Sources.ALL) assertThat(engine.verify(m).examples()).as(m.table()).isEmpty();

    var schemas = new EventSchemas();
    for (String row : strings("SELECT type || E'\\t' || data FROM health_events")) {
      String[] parts = row.split("\t", 2);
      assertThat(schemas.validate(EventType.fromWire(parts[0]).orElseThrow(), Json.read(parts[1]), "data")).as(row).isEmpty();
    }
  }

  @Test
  void a_batch_holds_rows_of_a_bounded_number_of_people() {
    meals(7, 2);
    var batches = new ArrayList<Long>();
    var engine = new BackfillEngine(db.tx(), 100, 3, new BackfillEngine.Progress() {
      @Override
      public void advance(long rows) {
        batches.add(rows);
      }
    }, TransientErrors.withPauses());

    assertThat(engine.backfill(FOOD, false)).extracting(Summary::migrated, Summary::users).containsExactly(14L, 7L);
    assertThat(batches).containsExactly(6L, 6L, 2L);
  }

  @Test
  void the_event_is_what_the_mapping_makes_of_the_row_with_its_lineage_and_the_users_offset() {
    UUID user = user("America/Chicago");
    exec("INSERT INTO food_entries (user_id, occurred_at, meal_type, total_calories, foods) VALUES ('" + user
        + "', '2024-03-10 12:30-05', 'lunch', 650, '[{\"name\":\"Chicken\"}]')");

    engine(100).backfill(FOOD, false);

    List<String> event = strings("SELECT type || ' ' || subtype || ' ' || utc_offset_min || ' ' || (data->>'total_calories')"
        + " || ' ' || source_table || ' ' || (source_id = f.id::text) || ' ' || (e.id = event_key_id(e.user_id, 'source', 'food_entries' || E'\\n' || f.id::text))"
        + " FROM health_events e JOIN food_entries f ON f.user_id = e.user_id");
    assertThat(event).containsExactly("meal lunch -300 650 food_entries true true");
  }

  @Test
  void a_batch_waits_for_the_turn_of_each_of_its_people_among_their_writers() throws Exception {
    meals(2, 3);
    UUID busy = UUID.fromString(strings("SELECT min(user_id::text) FROM food_entries").getFirst());
    var engine = engine(100);
    try (Connection writer = db.dataSource().getConnection()) {
      writer.setAutoCommit(false);
      try (var st = writer.prepareStatement("SELECT pg_advisory_xact_lock(1214, hashtext(?::text))")) {
        st.setObject(1, busy);
        st.execute();
      }
      var backfill = CompletableFuture.supplyAsync(() -> engine.backfill(FOOD, false));
      Thread.sleep(500);
      assertThat(backfill).as("the backfill waits while another writer of that person holds their turn").isNotDone();
      writer.rollback();
      assertThat(backfill.get(30, TimeUnit.SECONDS).migrated()).isEqualTo(6);
    }
  }

  @Test
  void a_row_that_cannot_be_an_event_is_reported_and_skipped_and_the_others_go_in() {
    UUID user = user("UTC");
    meals(1, 5);
    exec("INSERT INTO food_entries (user_id, foods) VALUES ('" + user + "', '[{\"name\":\"Rice\",\"calories\":-5}]')");

    Summary s = engine(3).backfill(FOOD, false);

    assertThat(s).extracting(Summary::migrated, Summary::failed).containsExactly(5L, 1L);
    assertThat(s.reasons()).containsExactly(Map.entry("foods[0].calories: must be a number from 0 to 20000", 1L));
    assertThat(s.examples()).singleElement().extracting(Failure::userId, Failure::sourceId)
        .containsExactly(user, strings("SELECT id::text FROM food_entries WHERE user_id = '" + user + "'").getFirst());
    assertThat(engine(3).backfill(FOOD, false).failed()).as("reported again by the next run").isEqualTo(1);
  }

  @Test
  void a_batch_that_a_bad_row_breaks_is_done_row_by_row_and_only_that_row_is_left_out_with_the_databases_reason() {
    meals(2, 10);
    UUID user = user("UTC");
    exec("INSERT INTO food_entries (user_id, foods, total_calories, notes) VALUES ('" + user + "', '[]', 100, 'break')");
    // As a broken trigger or a constraint added later would: the mapping finds the row fine, the timeline refuses it.
    exec("ALTER TABLE health_events ADD CONSTRAINT refuses_break CHECK (data->>'notes' IS DISTINCT FROM 'break')");

    Summary s = engine(50).backfill(FOOD, false);

    assertThat(s).extracting(Summary::rows, Summary::migrated, Summary::users, Summary::failed).containsExactly(21L, 20L, 2L, 1L);
    assertThat(s.reasons().keySet()).singleElement().asString().contains("refuses_break");
    assertThat(s.examples()).singleElement().extracting(Failure::userId).isEqualTo(user);
    assertThat(count("health_events")).isEqualTo(20);
  }

  @Test
  void a_dry_run_counts_and_writes_nothing() {
    meals(2, 4);
    engine(3).backfill(FOOD, false);
    meals(1, 3);
    var before = DatabaseSnapshot.of(db);

    Summary s = engine(3).backfill(FOOD, true);

    assertThat(s).extracting(Summary::rows, Summary::migrated, Summary::users, Summary::present).containsExactly(11L, 3L, 1L, 8L);
    assertThat(DatabaseSnapshot.of(db)).isEqualTo(before);
  }

  @Test
  void verify_lists_rows_without_an_event_and_events_that_differ_from_their_row() {
    meals(1, 4);
    exec("INSERT INTO sleep_entries (user_id, bedtime, wake_time, sleep_quality_rating) SELECT id, '2024-03-09 23:05-06',"
        + " '2024-03-10 07:20-05', 7 FROM users");
    var engine = engine(2);
    engine.backfill(FOOD, false);
    engine.backfill(SleepMapping.SLEEP_ENTRIES, false);
    List<String> ids = strings("SELECT id::text FROM food_entries ORDER BY user_id, id");
    exec("DELETE FROM health_events WHERE source_id = '" + ids.get(0) + "'");
    exec("UPDATE health_events SET data = '{\"meal_type\":\"lunch\",\"total_calories\":1}' WHERE source_id = '" + ids.get(1) + "'");
    exec("UPDATE health_events SET deleted_at = now() WHERE source_id = '" + ids.get(2) + "'");

    var v = engine.verify(FOOD);

    assertThat(v.rows()).isEqualTo(4);
    assertThat(v.examples()).extracting(Failure::sourceId, Failure::reason).containsExactly(
        tuple(ids.get(0), "no event"),
        tuple(ids.get(1), "its event differs in data"),
        tuple(ids.get(2), "its event is deleted"));
    assertThat(engine.verify(SleepMapping.SLEEP_ENTRIES).mismatches()).isZero();
  }

  @Test
  void verify_lists_events_whose_source_row_is_gone() {
    meals(2, 3);
    UUID user = UUID.fromString(strings("SELECT id::text FROM users ORDER BY id").getFirst());
    var engine = engine(2);
    engine.backfill(FOOD, false);
    String gone = strings("SELECT id::text FROM food_entries WHERE user_id = '" + user + "' ORDER BY id").getFirst();
    exec("DELETE FROM food_entries WHERE id = '" + gone + "'");
    // Lineage that names no row of the table at all, as plain SQL may write it.
    exec("INSERT INTO health_events (user_id, type, occurred_at, data, source_table, source_id)"
        + " VALUES ('" + user + "', 'meal', now(), '{\"meal_type\":\"lunch\"}', 'food_entries', 'not-a-uuid')");

    List<BackfillEngine.Verification> both = engine.verify(List.of(FOOD, SleepMapping.SLEEP_ENTRIES));

    var v = both.getFirst();
    assertThat(v.rows()).isEqualTo(5);
    assertThat(v.mismatches()).isEqualTo(2);
    assertThat(v.kinds()).containsExactly(Map.entry("its source row no longer exists", 2L));
    assertThat(v.examples()).extracting(Failure::userId, Failure::sourceId, Failure::reason).containsExactlyInAnyOrder(
        tuple(user, gone, "its source row no longer exists"),
        tuple(user, "not-a-uuid", "its source row no longer exists"));
    assertThat(both.get(1).mismatches()).as("another source's events are not its orphans").isZero();
  }

  @Test
  void a_lost_connection_is_retried_with_exponential_backoff_at_most_three_times() {
    meals(1, 3);
    var pauses = new ArrayList<Long>();
    var retry = new TransientErrors(pauses::add);

    Summary s = new BackfillEngine(new Tx(new FlakyDataSource(db.dataSource(), 3)), 100, 500, BackfillEngine.Progress.NONE, retry)
        .backfill(FOOD, false);

    assertThat(s).extracting(Summary::migrated, Summary::retries).containsExactly(3L, 3);
    assertThat(pauses).hasSize(3);
    assertThat(pauses.get(0)).isBetween(75L, 125L);
    assertThat(pauses.get(1)).isBetween(300L, 500L);
    assertThat(pauses.get(2)).isBetween(1200L, 2000L);
    var hopeless = new BackfillEngine(new Tx(new FlakyDataSource(db.dataSource(), 4)), 100, 500, BackfillEngine.Progress.NONE, retry);
    assertThatThrownBy(() -> hopeless.backfill(FOOD, false))
        .isInstanceOf(BackfillFailed.class).hasMessageContaining("SQLSTATE 08001").hasMessageContaining("run it again");
  }

  @Test
  void a_constraint_violation_is_not_retried() {
    var retry = new TransientErrors(ms -> {});
    var tries = new AtomicInteger();

    assertThatThrownBy(() -> retry.run((failure, attempt, pause) -> {}, () -> {
      tries.incrementAndGet();
      throw new SQLException("duplicate key value violates unique constraint", "23505");
    })).hasMessageContaining("duplicate key");
    assertThat(tries).hasValue(1);
  }

  private BackfillEngine engine(int batchSize) {
    return new BackfillEngine(db.tx(), batchSize, BackfillEngine.Progress.NONE);
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
      var out = new ArrayList<String>();
      try (var st = c.createStatement(); var rs = st.executeQuery(sql)) {
        while (rs.next()) out.add(rs.getString(1));
      }
      return out;
    });
  }

  private void exec(String sql) {
    db.tx().inTransaction(c -> {
      try (var st = c.createStatement()) {
        return st.execute(sql);
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
