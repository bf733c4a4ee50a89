package org.healthtimeline.timeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.healthtimeline.db.Database;
import org.healthtimeline.db.DbException;
import org.healthtimeline.testing.TestDatabases;
import org.healthtimeline.user.UserService;
import org.healthtimeline.web.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;

/**
 * The import path's insert (COPY into a staging table, one INSERT … SELECT, the row trigger's work done once per
 * statement) stores what the row trigger would, takes turns with the user's other writers, and lets no update skip
 * the trigger.
 */
class StagedInsertTest {
  static Database db;
  static TimelineService timeline;

  @BeforeAll
  static void up() {
    db = TestDatabases.fresh();
    timeline = new TimelineService(db.tx(), new UserService(db.tx()), new EventSchemas());
  }

  @AfterAll
  static void down() {
    db.close();
  }

  private static UUID newUser() {
    return db.tx().inTransaction(c -> {
      try (var st = c.createStatement(); var rs = st.executeQuery("INSERT INTO users (time_zone) VALUES ('America/Chicago') RETURNING id")) {
        rs.next();
        return rs.getObject(1, UUID.class);
      }
    });
  }

  /** Events of every shape the insert has a column for: keyed, sourced, with and without the optional fields. */
  private static List<NewEvent> events() {
    Instant at = Instant.parse("2024-03-10T07:59:59.123456Z");
    return List.of(
        new NewEvent(null, EventType.MEAL, "breakfast", at, null, (short) -360,
            "{\"meal_type\":\"breakfast\",\"total_calories\":420.5,\"note\":\"tab\\tand \\\"quote\\\" and é\"}",
            "s-1", 0.25f, "oats", "app", null, null, 3L, "meal-1"),
        new NewEvent(null, EventType.SLEEP, null, at.minusSeconds(8 * 3600), at, (short) -360,
            "{\"total_sleep_hours\":8}", null, null, null, null, "sleep_entries", "42", null, null),
        new NewEvent(null, EventType.NOTE, null, at.plusSeconds(3600), null, (short) -300, "{\"text\":\"after the change\"}",
            null, null, null, null, null, null, null, "note-1"));
  }

  private static List<String> stored(UUID user) {
    return db.tx().read(c -> {
      try (var st = c.prepareStatement("""
          SELECT type, subtype, occurred_at, ended_at, utc_offset_min, data::text, session_id, importance, summary, origin,
                 source_table, source_id, record_version, dedupe_key, version, deleted_at,
                 id = coalesce(event_key_id(user_id, 'source', source_table || E'\\n' || source_id), event_key_id(user_id, 'dedupe', dedupe_key))
          FROM health_events WHERE user_id = ? ORDER BY occurred_at""")) {
        st.setObject(1, user);
        var out = new ArrayList<String>();
        try (var rs = st.executeQuery()) {
          while (rs.next()) {
            var row = new StringBuilder();
            for (int k = 1; k <= 17; k++) row.append(rs.getString(k)).append('|');
            out.add(row.toString());
          }
        }
        return out;
      }
    });
  }

  private static List<Long> changeSeqs(UUID user) {
    return timeline.changes(user, 0, 1000).items().stream().map(EventRepository.Change::seq).toList();
  }

  @Test
  void staged_events_are_stored_as_the_row_trigger_stores_events_written_one_by_one() {
    UUID staged = newUser();
    UUID oneByOne = newUser();

    List<TimelineService.ItemResult> results = db.tx().inTransaction(c -> timeline.writeParsed(c, staged, events()));
    db.tx().inTransaction(c -> {
      for (NewEvent e : events()) timeline.write(c, oneByOne, e);
      return null;
    });

    assertThat(results).extracting(r -> r.write().outcome()).containsOnly(WriteResult.Outcome.CREATED);
    assertThat(stored(staged)).hasSize(3).isEqualTo(stored(oneByOne));
    assertThat(changeSeqs(staged)).hasSize(3).doesNotHaveDuplicates();
  }

  @Test
  void staging_again_replays_and_a_higher_record_version_corrects_through_the_row_trigger() {
    UUID user = newUser();
    db.tx().inTransaction(c -> timeline.writeParsed(c, user, events()));
    NewEvent meal = events().getFirst();
    NewEvent corrected = new NewEvent(null, meal.type(), meal.subtype(), meal.occurredAt(), null, meal.utcOffsetMin(),
        "{\"meal_type\":\"breakfast\",\"total_calories\":500}", null, null, null, null, null, null, 4L, meal.dedupeKey());

    var again = db.tx().inTransaction(c -> timeline.writeParsed(c, user, events()));
    var correction = db.tx().inTransaction(c -> timeline.writeParsed(c, user, List.of(corrected)));

    assertThat(again).extracting(r -> r.write().outcome()).containsOnly(WriteResult.Outcome.REPLAYED);
    assertThat(correction.getFirst().write().outcome()).isEqualTo(WriteResult.Outcome.CORRECTED);
    assertThat(timeline.history(user, correction.getFirst().write().id())).hasSize(2);
    assertThat(changeSeqs(user)).hasSize(3);
  }

  @Test
  void several_batches_in_one_transaction_are_each_staged_once() {
    UUID user = newUser();
    List<NewEvent> all = events();

    db.tx().inTransaction(c -> {
      timeline.writeParsed(c, user, all.subList(0, 2));
      return timeline.writeParsed(c, user, all.subList(2, 3));
    });

    assertThat(stored(user)).hasSize(3);
  }

  @Test
  void a_staged_batch_waits_for_an_open_writer_of_the_same_user_and_follows_it_in_the_change_feed() throws Exception {
    UUID user = newUser();
    UUID first;
    try (Connection slow = db.dataSource().getConnection()) {
      slow.setAutoCommit(false);
      first = timeline.write(slow, user, new NewEvent(null, EventType.NOTE, null, Instant.now(), null, null,
          "{\"text\":\"first, committed late\"}", null, null, null, null, null, null, null, null)).id();
      var staged = CompletableFuture.supplyAsync(() -> db.tx().inTransaction(c -> timeline.writeParsed(c, user, events())));
      Thread.sleep(300);
      assertThat(staged).as("the staged batch waits for the open writer").isNotDone();

      slow.commit();
      staged.get(10, TimeUnit.SECONDS);
    }

    var feed = timeline.changes(user, 0, 100).items();
    assertThat(feed).hasSize(4);
    assertThat(Json.read(feed.getFirst().json()).get("id").asText()).as("the writer that held the turn comes first")
        .isEqualTo(first.toString());
  }

  @Test
  void a_staged_batch_notifies_the_stream_once_for_its_user() throws Exception {
    UUID user = newUser();
    try (Connection listener = db.dataSource().getConnection()) {
      try (var st = listener.createStatement()) {
        st.execute("LISTEN timeline_changes");
      }

      db.tx().inTransaction(c -> timeline.writeParsed(c, user, events()));

      var notifications = listener.unwrap(PGConnection.class).getNotifications(5000);
      assertThat(notifications).extracting(n -> n.getParameter()).containsExactly(user.toString());
      try (var st = listener.createStatement()) {
        st.execute("UNLISTEN timeline_changes");
      }
    }
  }

  @Test
  void with_the_bulk_flag_on_an_update_still_keeps_its_history_and_an_insert_without_change_seq_fails() {
    UUID user = newUser();
    UUID id = db.tx().inTransaction(c -> timeline.writeParsed(c, user, events())).getFirst().write().id();
    long seqBefore = changeSeqs(user).stream().mapToLong(Long::longValue).max().orElseThrow();

    db.tx().inTransaction(c -> {
      execute(c, "SELECT set_config('timeline.bulk_insert', 'on', true)");
      return execute(c, "UPDATE health_events SET data = '{\"meal_type\":\"lunch\"}' WHERE user_id = '" + user + "' AND id = '" + id + "'");
    });

    assertThat(timeline.history(user, id)).hasSize(2);
    assertThat(changeSeqs(user).getLast()).as("the update took a new change_seq").isGreaterThan(seqBefore);
    assertThatThrownBy(() -> db.tx().inTransaction(c -> {
      execute(c, "SELECT set_config('timeline.bulk_insert', 'on', true)");
      return execute(c, "INSERT INTO health_events (user_id, type, occurred_at, utc_offset_min, data) VALUES ('" + user
          + "', 'note', now(), 0, '{}')");
    })).isInstanceOf(DbException.class).satisfies(e -> assertThat(((DbException) e).sqlState()).isEqualTo("23502"));
  }

  private static Void execute(Connection c, String sql) throws SQLException {
    try (var st = c.createStatement()) {
      st.execute(sql);
    }
    return null;
  }
}
