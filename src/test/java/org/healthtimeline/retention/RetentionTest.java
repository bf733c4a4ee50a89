package org.healthtimeline.retention;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.healthtimeline.db.Database;
import org.healthtimeline.testing.DatabaseSnapshot;
import org.healthtimeline.testing.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RetentionTest {
  static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");

  Database db;
  RetentionService retention;

  @BeforeEach
  void up() {
    db = TestDatabases.fresh();
    retention = new RetentionService(db.tx());
  }

  @AfterEach
  void down() {
    db.close();
  }

  @Test
  void a_person_keeps_their_last_thousand_messages_and_nobody_else_loses_any() {
    UUID chatty = user();
    UUID quiet = user();
    messages(chatty, 1005);
    messages(quiet, 10);

    assertThat(rows(retention.run(NOW, false))).containsExactly(5L, 0L, 0L);

    assertThat(count("conversation_history WHERE user_id = '" + chatty + "'")).isEqualTo(1000);
    assertThat(count("conversation_history WHERE user_id = '" + chatty + "' AND content IN ('m0','m1','m2','m3','m4')"))
        .as("the oldest five are the ones removed").isZero();
    assertThat(count("conversation_history WHERE user_id = '" + quiet + "'")).isEqualTo(10);
  }

  @Test
  void corrections_older_than_a_year_are_removed_and_photos_older_than_thirty_days_marked_archived_once() {
    UUID person = user();
    UUID old = meal(person, NOW.minus(Duration.ofDays(40)), "photos/old.jpg");
    meal(person, NOW.minus(Duration.ofDays(10)), "photos/new.jpg");
    meal(person, NOW.minus(Duration.ofDays(40)), null);
    correction(person, old, NOW.minus(Duration.ofDays(400)));
    correction(person, old, NOW.minus(Duration.ofDays(10)));

    assertThat(rows(retention.run(NOW, false))).containsExactly(0L, 1L, 1L);

    assertThat(count("food_entry_audit")).isEqualTo(1);
    assertThat(count("food_entries WHERE photo_archived_at = '" + NOW + "' AND photo_path = 'photos/old.jpg'")).isEqualTo(1);
    assertThat(count("food_entries WHERE photo_archived_at IS NOT NULL")).isEqualTo(1);
    assertThat(rows(retention.run(NOW.plusSeconds(60), false))).as("a second run").containsExactly(0L, 0L, 0L);
  }

  @Test
  void a_dry_run_counts_what_a_run_would_do_and_changes_nothing() {
    UUID person = user();
    messages(person, 1002);
    UUID entry = meal(person, NOW.minus(Duration.ofDays(31)), "photos/a.jpg");
    correction(person, entry, NOW.minus(Duration.ofDays(366)));
    var before = DatabaseSnapshot.of(db);

    assertThat(rows(retention.run(NOW, true))).containsExactly(2L, 1L, 1L);

    assertThat(DatabaseSnapshot.of(db)).isEqualTo(before);
    assertThat(rows(retention.run(NOW, false))).containsExactly(2L, 1L, 1L);
  }

  @Test
  void the_timelines_own_history_is_kept_however_old() {
    UUID person = user();
    exec("INSERT INTO health_events (user_id, type, occurred_at, data) VALUES ('" + person + "', 'note', '2020-01-01Z', '{\"text\":\"a\"}')");
    exec("UPDATE health_events SET data = '{\"text\":\"b\"}' WHERE user_id = '" + person + "'");
    exec("UPDATE health_event_versions SET superseded_at = '2020-01-02Z'");

    retention.runAndLog();

    assertThat(count("health_event_versions")).isEqualTo(1);
  }

  private static List<Long> rows(List<RetentionService.Step> steps) {
    return steps.stream().map(RetentionService.Step::rows).toList();
  }

  private UUID user() {
    return db.tx().inTransaction(c -> {
      try (var st = c.createStatement(); var rs = st.executeQuery("INSERT INTO users DEFAULT VALUES RETURNING id")) {
        rs.next();
        return rs.getObject(1, UUID.class);
      }
    });
  }

  private void messages(UUID user, int n) {
    exec("INSERT INTO conversation_history (user_id, occurred_at, role, content) SELECT '" + user + "', '"
        + NOW + "'::timestamptz - interval '1 day' + i * interval '1 second', 'user', 'm' || i FROM generate_series(0, " + (n - 1) + ") i");
  }

  private UUID meal(UUID user, Instant at, String photo) {
    return db.tx().inTransaction(c -> {
      try (var st = c.prepareStatement(
          "INSERT INTO food_entries (user_id, occurred_at, foods, photo_path) VALUES (?, ?, '[]', ?) RETURNING id")) {
        st.setObject(1, user);
        st.setTimestamp(2, Timestamp.from(at));
        st.setString(3, photo);
        try (var rs = st.executeQuery()) {
          rs.next();
          return rs.getObject(1, UUID.class);
        }
      }
    });
  }

  private void correction(UUID user, UUID entry, Instant at) {
    db.tx().inTransaction(c -> {
      try (var st = c.prepareStatement("INSERT INTO food_entry_audit (user_id, entry_id, corrected_at, original_data, corrected_data)"
          + " VALUES (?, ?, ?, '{}', '{}')")) {
        st.setObject(1, user);
        st.setObject(2, entry);
        st.setTimestamp(3, Timestamp.from(at));
        return st.executeUpdate();
      }
    });
  }

  private long count(String from) {
    return db.tx().read(c -> {
      try (var st = c.createStatement(); var rs = st.executeQuery("SELECT count(*) FROM " + from)) {
        rs.next();
        return rs.getLong(1);
      }
    });
  }

  private void exec(String sql) {
    db.tx().inTransaction(c -> {
      try (var st = c.createStatement()) {
        return st.executeUpdate(sql);
      }
    });
  }
}
