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
    List<String> applied = appliedVersions();
    List<String> builtOnTheTimeline = builtOnTheTimeline();
    UUID user = db.tx().inTransaction(c -> {
      UUID u = Sql.newUser(c);
      Sql.execute(c, "INSERT INTO food_entries (user_id, foods) VALUES ('" + u + "', '[]')");
      insertEvent(c, u);
      return u;
    });

    Migrations.undo(db.dataSource(), "2");

    assertThat(timelineObjects()).isEmpty();
    assertThat(builtOnTheTimeline()).isEmpty();
    assertThat(appliedVersions()).as("versions but 002; repeatable migrations are forgotten, to be applied again")
        .containsExactlyElementsOf(applied.stream().filter(v -> v.matches("\\d+(\\.\\d+)?") && !"002".equals(v)).toList());
    assertThat(count("SELECT count(*) FROM users WHERE id = '" + user + "'")).isOne();
    assertThat(count("SELECT count(*) FROM food_entries WHERE user_id = '" + user + "'")).isOne();

    assertThat(Migrations.migrate(db.dataSource())).isPositive();

    assertThat(timelineObjects()).containsExactlyInAnyOrder("event_type", "health_event_change_seq", "health_event_versions",
        "health_events", "health_events_track_change");
    assertThat(appliedVersions()).containsExactlyInAnyOrderElementsOf(applied);
    assertThat(builtOnTheTimeline()).as("triggers and views of later migrations, made again").isEqualTo(builtOnTheTimeline);
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

  /** Applied migrations: versions, and the descriptions of repeatable ones (which have no version). */
  private static List<String> appliedVersions() {
    return db.tx().read(c -> Sql.strings(c,
        "SELECT coalesce(version, description) FROM flyway_schema_history WHERE success ORDER BY installed_rank"));
  }

  /** What later migrations build on health_events: triggers other than V002's own, and views that read it. */
  private static List<String> builtOnTheTimeline() {
    return db.tx().read(c -> Sql.strings(c, """
        SELECT 'trigger ' || tgname FROM pg_trigger
        WHERE tgrelid = to_regclass('health_events') AND NOT tgisinternal AND tgname <> 'health_events_track_change'
        UNION ALL
        SELECT DISTINCT 'view ' || v.relname FROM pg_depend d
        JOIN pg_rewrite r ON r.oid = d.objid JOIN pg_class v ON v.oid = r.ev_class
        WHERE d.refobjid = to_regclass('health_events') AND v.relname <> 'health_events'
        ORDER BY 1
        """));
  }

  private static long count(String sql) {
    return Long.parseLong(db.tx().read(c -> Sql.strings(c, sql)).getFirst());
  }
}
