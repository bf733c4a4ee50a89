package org.healthtimeline.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import org.healthtimeline.testing.TestDatabases;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class UndoTimelineMigrationTest {
  static Database db;

  @BeforeAll
  static void up() {
    db = TestDatabases.fresh();
  }

  @AfterAll
  static void down() {
    db.close();
  }

  @Test
  void undo_of_the_timeline_removes_only_the_timeline_and_migrate_brings_it_back() {
    UUID user = db.tx().inTransaction(c -> {
      UUID u = Sql.newUser(c);
      Sql.execute(c, "INSERT INTO food_entries (user_id, foods) VALUES ('" + u + "', '[]')");
      insertEvent(c, u);
      return u;
    });

    Migrations.undo(db.dataSource(), "2");

    assertThat(timelineObjects()).isEmpty();
    assertThat(appliedVersions()).containsExactly("001", "003");
    assertThat(count("SELECT count(*) FROM users WHERE id = '" + user + "'")).isOne();
    assertThat(count("SELECT count(*) FROM food_entries WHERE user_id = '" + user + "'")).isOne();

    assertThat(Migrations.migrate(db.dataSource())).isOne();

    assertThat(timelineObjects()).containsExactlyInAnyOrder("event_type", "health_event_change_seq", "health_event_versions",
        "health_events", "health_events_track_change");
    assertThat(appliedVersions()).containsExactlyInAnyOrder("001", "002", "003");
    db.tx().inTransaction(c -> insertEvent(c, user));
    assertThat(count("SELECT count(*) FROM health_events WHERE user_id = '" + user + "'")).isOne();
    assertThat(Migrations.migrate(db.dataSource())).as("nothing left to apply").isZero();
  }

  private static Void insertEvent(Connection c, UUID user) throws SQLException {
    return Sql.execute(c, "INSERT INTO health_events (user_id, type, occurred_at, data) VALUES ('" + user
        + "', 'meal', now(), '{\"total_calories\": 500}')");
  }

  /** What V002 creates, by name: tables, the sequence, the type and the trigger function. */
  private static List<String> timelineObjects() {
    return db.tx().read(c -> Sql.strings(c, """
        SELECT relname::text FROM pg_class
        WHERE relnamespace = 'public'::regnamespace AND relname IN ('health_events', 'health_event_versions', 'health_event_change_seq')
        UNION ALL SELECT typname::text FROM pg_type WHERE typnamespace = 'public'::regnamespace AND typname = 'event_type'
        UNION ALL SELECT proname::text FROM pg_proc WHERE pronamespace = 'public'::regnamespace AND proname = 'health_events_track_change'
        """));
  }

  private static List<String> appliedVersions() {
    return db.tx().read(c -> Sql.strings(c, "SELECT version FROM flyway_schema_history WHERE success ORDER BY installed_rank"));
  }

  private static long count(String sql) {
    return Long.parseLong(db.tx().read(c -> Sql.strings(c, sql)).getFirst());
  }
}
