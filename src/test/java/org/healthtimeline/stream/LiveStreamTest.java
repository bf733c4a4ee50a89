package org.healthtimeline.stream;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.healthtimeline.App;
import org.healthtimeline.db.Database;
import org.healthtimeline.testing.EventStream;
import org.healthtimeline.testing.EventStream.Event;
import org.healthtimeline.testing.MutableClock;
import org.healthtimeline.testing.TestApi;
import org.healthtimeline.testing.TestApi.Response;
import org.healthtimeline.testing.TestApi.User;
import org.healthtimeline.web.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The live stream across two servers on one database: changes written through one (or with plain SQL) reach a
 * subscriber of the other through LISTEN/NOTIFY, and a reconnect with Last-Event-ID resumes without loss or repeats.
 */
class LiveStreamTest {
  static final Duration PATIENCE = Duration.ofSeconds(20);
  static final Map<String, String> SSE = Map.of("Accept", "text/event-stream");

  static TestApi writer;
  static Database readerPool;
  static App reader;

  @BeforeAll
  static void up() {
    writer = TestApi.start();
    readerPool = Database.connect(writer.db.jdbcUrl(), 4);
    reader = new App(readerPool).start("127.0.0.1", 0);
  }

  @AfterAll
  static void down() {
    reader.close();
    readerPool.close();
    writer.close();
  }

  @Test
  void changes_written_through_one_server_reach_a_subscriber_of_the_other_and_a_reconnect_resumes_exactly() {
    User u = writer.newUser();
    User other = writer.newUser();
    List<Event> seen;
    String lastId;
    try (var stream = open(u, Map.of())) {
      assertThat(stream.status()).isEqualTo(200);
      assertThat(stream.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/event-stream");
      stream.await("the stream to start", e -> !stream.comments().isEmpty(), PATIENCE);

      String lunch = created(writer.post(events(u), u.token(), note("lunch")));
      stream.await("the create", e -> e.size() == 1, PATIENCE);
      writer.patch(events(u) + "/" + lunch, u.token(), "{\"summary\":\"corrected\"}");
      stream.await("the correction", e -> e.size() == 2, PATIENCE);
      writer.delete(events(u) + "/" + lunch, u.token());
      stream.await("the deletion", e -> e.size() == 3, PATIENCE);
      writer.post(events(other), other.token(), note("somebody else's"));
      insertWithPlainSql(u, "written with SQL");
      seen = stream.await("the plain SQL write", e -> e.size() == 4, PATIENCE);
      lastId = seen.getLast().id();
    }

    assertThat(seen).extracting(Event::name).containsExactly("event.created", "event.updated", "event.deleted", "event.created");
    assertThat(seen).extracting(e -> Json.read(e.data()).get("seq").asText()).containsExactlyElementsOf(seen.stream().map(Event::id).toList());
    assertThat(seen).extracting(e -> Long.parseLong(e.id())).isSorted();
    assertThat(Json.read(seen.get(1).data()).get("event").get("summary").asText()).isEqualTo("corrected");
    assertThat(Json.read(seen.get(2).data()).get("event").has("data")).as("a deletion is a tombstone").isFalse();
    assertThat(seen.getLast().data()).contains("written with SQL").doesNotContain("somebody else's");

    String missed1 = created(writer.post(events(u), u.token(), note("while away 1")));
    String missed2 = created(writer.post(events(u), u.token(), note("while away 2")));
    try (var resumed = open(u, Map.of("Last-Event-ID", lastId))) {
      List<Event> after = resumed.await("what was missed", e -> e.size() >= 2, PATIENCE);
      created(writer.post(events(u), u.token(), note("after the reconnect")));
      after = resumed.await("the next change", e -> e.size() >= 3, PATIENCE);

      assertThat(after).extracting(e -> Json.read(e.data()).get("event").get("id").asText()).startsWith(missed1, missed2);
      assertThat(after).hasSize(3);
      assertThat(Long.parseLong(after.getFirst().id())).isGreaterThan(Long.parseLong(lastId));
    }
  }

  @Test
  void a_stream_started_with_since_zero_replays_everything_and_without_a_cursor_starts_from_now() {
    User u = writer.newUser();
    writer.post(events(u), u.token(), note("before"));
    try (var all = open(u, Map.of(), "?since=0"); var fromNow = open(u, Map.of())) {
      all.await("the replay", e -> e.size() == 1, PATIENCE);
      fromNow.await("the stream to start", e -> !fromNow.comments().isEmpty(), PATIENCE);
      writer.post(events(u), u.token(), note("after"));
      all.await("the new change", e -> e.size() == 2, PATIENCE);
      List<Event> fresh = fromNow.await("the new change", e -> e.size() == 1, PATIENCE);
      assertThat(fresh.getFirst().data()).contains("after");
    }
  }

  @Test
  void an_idle_stream_sends_heartbeats() {
    User u = writer.newUser();
    try (var stream = open(u, Map.of(), "?heartbeat=1")) {
      stream.awaitComment("heartbeat", PATIENCE);
    }
  }

  @Test
  void a_subscriber_that_hangs_up_is_let_go_by_the_next_heartbeat() {
    User u = writer.newUser();
    int before = reader.stream().subscribers();
    var stream = open(u, Map.of(), "?heartbeat=1");
    stream.await("the stream to start", e -> !stream.comments().isEmpty(), PATIENCE);
    assertThat(reader.stream().subscribers()).isEqualTo(before + 1);

    stream.close();

    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (reader.stream().subscribers() > before && System.nanoTime() < deadline) pause();
    assertThat(reader.stream().subscribers()).isEqualTo(before);
  }

  @Test
  void a_request_that_cannot_be_a_stream_is_a_problem_before_it_starts() {
    User u = writer.newUser();
    String path = "/v1/users/" + u.id() + "/stream";
    Response noAccept = writer.get(path, u.token());
    assertThat(noAccept.status()).isEqualTo(406);
    assertThat(noAccept.header("Content-Type")).startsWith("application/problem+json");
    Response badCursor = writer.send("GET", path, u.token(), null, Map.of("Accept", "text/event-stream", "Last-Event-ID", "yesterday"));
    assertThat(badCursor.status()).isEqualTo(400);
    assertThat(badCursor.json().get("field").asText()).isEqualTo("Last-Event-ID");
    Response badSince = writer.send("GET", path + "?since=-3", u.token(), null, SSE);
    assertThat(badSince.json().get("field").asText()).isEqualTo("since");
    Response badHeartbeat = writer.send("GET", path + "?heartbeat=0", u.token(), null, SSE);
    assertThat(badHeartbeat.json().get("field").asText()).isEqualTo("heartbeat");
    Response nobody = writer.send("GET", "/v1/users/" + java.util.UUID.randomUUID() + "/stream", writer.serviceToken, null, SSE);
    assertThat(nobody.status()).isEqualTo(404);
  }

  @Test
  void fired_and_completed_reminders_are_on_the_stream_in_one_order_with_events() {
    var clock = new MutableClock(Instant.parse("2024-01-15T06:00:00Z"));
    try (TestApi api = TestApi.start(clock)) {
      api.app.background().start(Duration.ofMillis(50));
      User u = api.newUser("UTC");
      String reminder = created(api.post("/v1/users/" + u.id() + "/reminders", u.token(),
          "{\"message\":\"Drink water\",\"schedule\":{\"type\":\"daily\",\"time\":\"08:00\"}}"));
      try (var stream = EventStream.open(api.base() + "/v1/users/" + u.id() + "/stream", u.token(), SSE)) {
        stream.await("the stream to start", e -> !stream.comments().isEmpty(), PATIENCE);
        api.post(events(u), u.token(), note("before the reminder"));
        stream.await("the event", e -> e.size() == 1, PATIENCE);
        clock.set(Instant.parse("2024-01-15T08:00:00Z"));
        stream.await("the firing", e -> e.size() == 2, PATIENCE);
        api.post("/v1/users/" + u.id() + "/reminders/" + reminder + "/completions", u.token(), null);
        List<Event> seen = stream.await("the completion", e -> e.size() == 3, PATIENCE);

        assertThat(seen).extracting(Event::name).containsExactly("event.created", "reminder.fired", "reminder.completed");
        assertThat(seen).extracting(e -> Long.parseLong(e.id())).isSorted();
        JsonNode fired = Json.read(seen.get(1).data());
        assertThat(fired.get("op").asText()).isEqualTo("fired");
        assertThat(fired.get("firing").get("message").asText()).isEqualTo("Drink water");
        assertThat(fired.get("firing").get("scheduled_for").asText()).isEqualTo("2024-01-15T08:00:00Z");
        assertThat(Json.read(seen.get(2).data()).get("firing").get("completed").asBoolean()).isTrue();

        try (var resumed = EventStream.open(api.base() + "/v1/users/" + u.id() + "/stream", u.token(),
            Map.of("Accept", "text/event-stream", "Last-Event-ID", seen.getFirst().id()))) {
          assertThat(resumed.await("the replay", e -> e.size() == 1, PATIENCE))
              .as("the firing, now completed, once and in its latest state").extracting(Event::name).containsExactly("reminder.completed");
        }
      }
    }
  }

  // ---- factories ----

  private static EventStream open(User u, Map<String, String> headers) {
    return open(u, headers, "");
  }

  private static EventStream open(User u, Map<String, String> headers, String query) {
    var all = new java.util.HashMap<>(SSE);
    all.putAll(headers);
    return EventStream.open("http://127.0.0.1:" + reader.port() + "/v1/users/" + u.id() + "/stream" + query, u.token(), all);
  }

  private static String events(User u) {
    return "/v1/users/" + u.id() + "/events";
  }

  private static String note(String text) {
    return "{\"type\":\"note\",\"occurred_at\":\"2024-03-10T12:30:00Z\",\"data\":{\"text\":\"" + text + "\"}}";
  }

  private static String created(Response r) {
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    return r.json().get("id").asText();
  }

  private static void insertWithPlainSql(User u, String text) {
    writer.db.tx().inTransaction(c -> {
      try (var st = c.prepareStatement("INSERT INTO health_events (user_id, type, occurred_at, data) VALUES (?, 'note', now(), ?::json)")) {
        st.setObject(1, u.id());
        st.setString(2, "{\"text\":\"" + text + "\"}");
        return st.executeUpdate();
      }
    });
  }

  private static void pause() {
    try {
      Thread.sleep(20);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
