package org.healthtimeline.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.healthtimeline.db.Database;
import org.healthtimeline.testing.TestDatabases;
import org.healthtimeline.user.UserService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The change feed never passes over a change that commits late: a reader that has seen change N cannot
 * later find one below N, because one user's writers take turns until they commit.
 */
class ChangeFeedTest {
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

  @Test
  void a_change_that_commits_late_is_not_skipped_by_a_reader_who_saw_a_later_one() throws Exception {
    UUID user = newUser();
    try (Connection slow = db.dataSource().getConnection()) {
      slow.setAutoCommit(false);
      UUID first = insert(slow, user, "first, committed late");
      // A second writer of the same user, started while the first is still open.
      var second = CompletableFuture.supplyAsync(() -> db.tx().inTransaction(c -> insert(c, user, "second")));
      Thread.sleep(300);
      assertThat(second).as("the second writer waits for the first to commit").isNotDone();
      var before = timeline.changes(user, 0, 100);
      assertThat(before.items()).as("nothing uncommitted is visible").isEmpty();

      slow.commit();
      UUID secondId = second.get(10, TimeUnit.SECONDS);
      var after = timeline.changes(user, before.nextSince(), 100);
      assertThat(after.items()).extracting(c -> org.healthtimeline.web.Json.read(c.json()).get("id").asText())
          .containsExactly(first.toString(), secondId.toString());
      assertThat(after.items().get(0).seq()).isLessThan(after.items().get(1).seq());
    }
  }

  @Test
  void a_reader_polling_while_many_writers_commit_at_random_sees_every_event_once() throws Exception {
    UUID user = newUser();
    Set<UUID> written = ConcurrentHashMap.newKeySet();
    var done = new AtomicBoolean();
    var pool = Executors.newFixedThreadPool(6);
    var writers = new ArrayList<CompletableFuture<Void>>();
    for (int w = 0; w < 6; w++) {
      int writer = w;
      writers.add(CompletableFuture.runAsync(() -> {
        for (int i = 0; i < 40; i++) {
          int n = i;
          written.add(db.tx().inTransaction(c -> {
            UUID id = insert(c, user, "writer " + writer + " #" + n);
            sleepQuietly((long) (Math.random() * 4));
            return id;
          }));
        }
      }, pool));
    }
    CompletableFuture.allOf(writers.toArray(CompletableFuture[]::new)).thenRun(() -> done.set(true));

    List<UUID> seen = new ArrayList<>();
    long since = 0;
    long lastSeq = 0;
    boolean finalPass = false;
    while (!finalPass) {
      finalPass = done.get();
      var page = timeline.changes(user, since, 50);
      for (var change : page.items()) {
        assertThat(change.seq()).isGreaterThan(lastSeq);
        lastSeq = change.seq();
        seen.add(UUID.fromString(org.healthtimeline.web.Json.read(change.json()).get("id").asText()));
      }
      since = page.nextSince();
      if (page.hasMore()) finalPass = false;
    }
    pool.shutdown();
    assertThat(new LinkedHashSet<>(seen)).hasSameSizeAs(seen).containsExactlyInAnyOrderElementsOf(written);
  }

  private static UUID newUser() {
    return db.tx().inTransaction(c -> {
      try (var st = c.createStatement(); var rs = st.executeQuery("INSERT INTO users (time_zone) VALUES ('UTC') RETURNING id")) {
        rs.next();
        return rs.getObject(1, UUID.class);
      }
    });
  }

  private static UUID insert(Connection c, UUID user, String text) throws SQLException {
    var e = new NewEvent(null, EventType.NOTE, null, java.time.Instant.now(), null, null,
        "{\"text\":\"" + text + "\"}", null, null, null, null, null, null, null, null);
    return timeline.write(c, user, e).id();
  }

  private static void sleepQuietly(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
