package org.healthtimeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.healthtimeline.web.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every acknowledged write survives a crash, and no write is half there: 32 writers load a {@code serve}
 * process, serve and its PostgreSQL are killed with SIGKILL mid-run, and a new serve on the same data folder
 * must show every event whose create was answered 201/200, each batch whole or not at all, and each correction
 * with its history row.
 *
 * <p>SIGKILL leaves the operating system's page cache intact, so this proves the transaction boundaries and
 * crash recovery, not that fsync reaches the disk; the settings that make it reach the disk are checked on the
 * restarted server.
 */
class CrashRecoveryTest {
  private static final int WRITERS = 32;
  private static final int USERS = 8;
  private static final int BATCH_SIZE = 20;
  private static final int ACKS_BEFORE_CRASH = 100;
  private static final Duration MIN_LOAD = Duration.ofSeconds(2);
  private static final int REPLAYS = 200;
  private static final Duration MAX_LOAD = Duration.ofSeconds(15);

  @TempDir Path tmp;
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();
  private final List<ServeProcess> started = new ArrayList<>();

  /** What the writers sent, and which of it the server acknowledged. */
  private final Set<String> attemptedSingles = ConcurrentHashMap.newKeySet();
  private final Map<String, UUID> acknowledgedSingles = new ConcurrentHashMap<>();
  private final Map<String, UUID> acknowledgedCorrections = new ConcurrentHashMap<>();
  private final Queue<List<String>> attemptedBatches = new ConcurrentLinkedQueue<>();
  private final Map<String, UUID> acknowledgedBatchItems = new ConcurrentHashMap<>();
  private final Queue<String> unexpectedResponses = new ConcurrentLinkedQueue<>();
  private final AtomicInteger acknowledgements = new AtomicInteger();
  /** Set just before the kill: from then on a failed request is the crash, not a bug. */
  private volatile boolean crashing;
  private volatile boolean stopWriters;

  @AfterEach
  void stopEverything() {
    crashing = true;
    stopWriters = true;
    started.forEach(ServeProcess::close);
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void every_acknowledged_write_survives_a_sigkill_of_serve_and_postgresql_and_no_write_is_half_there() throws Exception {
    Path data = tmp.resolve("data");
    ServeProcess first = serve(data);
    String token = serviceToken(data);
    List<UUID> users = new ArrayList<>();
    for (int i = 0; i < USERS; i++) users.add(createUser(first.url(), token));

    ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
    for (int w = 0; w < WRITERS; w++) {
      int writer = w;
      writers.submit(() -> write(first.url(), token, users.get(writer % USERS), writer));
    }
    awaitLoad();
    crashing = true;
    first.crash();
    stopWriters = true;
    writers.shutdown();
    assertThat(writers.awaitTermination(30, TimeUnit.SECONDS)).as("writers end once the server is gone").isTrue();
    assertThat(unexpectedResponses).as("answers other than 200/201 before the crash").isEmpty();

    long logBefore = Files.size(data.resolve("postgres.log"));
    ServeProcess second = serve(data);
    assertThat(Files.readString(data.resolve("postgres.log")).substring((int) logBefore))
        .as("the restarted PostgreSQL had to recover from the crash")
        .contains("automatic recovery in progress");

    Map<String, StoredEvent> stored = storedEvents(second.postmaster(), users);
    assertEveryAcknowledgedEventIsStored(stored);
    assertEveryBatchIsWholeOrAbsent(stored);
    assertEveryEventIsOneWholeVersionChain(stored);
    assertThat(stored.keySet()).as("nothing was stored that nobody sent").isSubsetOf(sentKeys());
    assertTheApiSeesTheSameEvents(second.url(), token, users);
    assertDurabilitySettingsAreOn(second.postmaster());
    System.err.printf("crash test: %d acknowledged creates (%d single, %d in %d batches), %d acknowledged corrections, "
            + "%d events stored after the restart%n",
        acknowledgedSingles.size() + acknowledgedBatchItems.size(), acknowledgedSingles.size(), acknowledgedBatchItems.size(),
        acknowledgedBatchItems.size() / BATCH_SIZE, acknowledgedCorrections.size(), stored.size());
  }

  // --- the load -------------------------------------------------------------------------------------------

  /** One writer: single events (every fourth one corrected afterwards) and batches of {@value #BATCH_SIZE}. */
  private void write(String url, String token, UUID user, int writer) {
    String events = url + "/v1/users/" + user + "/events";
    for (int n = 0; !stopWriters; n++) {
      try {
        if (n % 3 == 2) {
          writeBatch(events, token, "w" + writer + "-b" + n);
        } else {
          String key = "w" + writer + "-s" + n;
          if (writeSingle(events, token, key) && n % 4 == 0) correct(events, token, key);
        }
      } catch (IOException e) {
        if (!crashing) unexpectedResponses.add("writer " + writer + ": " + e);
        return;
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        unexpectedResponses.add("writer " + writer + ": " + e);
        return;
      }
    }
  }

  private boolean writeSingle(String events, String token, String key) throws IOException, InterruptedException {
    attemptedSingles.add(key);
    HttpResponse<String> r = post(events, token, event(key, "original " + key, null));
    if (r.statusCode() != 201) return unexpected(r);
    acknowledgedSingles.put(key, UUID.fromString(Json.read(r.body()).get("id").asText()));
    acknowledgements.incrementAndGet();
    return true;
  }

  private void correct(String events, String token, String key) throws IOException, InterruptedException {
    HttpResponse<String> r = post(events, token, event(key, "corrected " + key, 2));
    JsonNode body = r.statusCode() == 200 ? Json.read(r.body()) : null;
    if (body == null || body.get("version").asInt() != 2) {
      unexpected(r);
      return;
    }
    acknowledgedCorrections.put(key, UUID.fromString(body.get("id").asText()));
    acknowledgements.incrementAndGet();
  }

  private void writeBatch(String events, String token, String batchKey) throws IOException, InterruptedException {
    var keys = new ArrayList<String>();
    var body = new StringBuilder("{\"events\":[");
    for (int k = 0; k < BATCH_SIZE; k++) {
      String key = batchKey + "-" + k;
      keys.add(key);
      body.append(k == 0 ? "" : ",").append(event(key, "original " + key, null));
    }
    attemptedBatches.add(keys);
    HttpResponse<String> r = post(events + "/batch", token, body.append("]}").toString());
    if (r.statusCode() != 200) {
      unexpected(r);
      return;
    }
    JsonNode answer = Json.read(r.body());
    if (answer.get("created").asInt() != BATCH_SIZE) {
      unexpected(r);
      return;
    }
    for (JsonNode item : answer.get("results")) {
      acknowledgedBatchItems.put(keys.get(item.get("index").asInt()), UUID.fromString(item.get("id").asText()));
    }
    acknowledgements.incrementAndGet();
  }

  private boolean unexpected(HttpResponse<String> r) {
    if (!crashing) unexpectedResponses.add(r.statusCode() + " " + r.body());
    return false;
  }

  private void awaitLoad() throws InterruptedException {
    long start = System.nanoTime();
    while (true) {
      long elapsed = System.nanoTime() - start;
      if (elapsed > MAX_LOAD.toNanos()) break;
      if (elapsed > MIN_LOAD.toNanos() && acknowledgements.get() >= ACKS_BEFORE_CRASH) break;
      if (!unexpectedResponses.isEmpty()) break;
      Thread.sleep(20);
    }
  }

  /** The same key always makes the same body, so that a replay after the restart matches what was stored. */
  private static String event(String key, String text, Integer recordVersion) {
    int minute = Math.floorMod(key.hashCode(), 60 * 24 * 30);
    String occurredAt = Instant.parse("2024-03-01T00:00:00Z").plusSeconds(minute * 60L).toString();
    return "{\"type\":\"note\",\"occurred_at\":\"" + occurredAt + "\",\"dedupe_key\":\"" + key + "\""
        + (recordVersion == null ? "" : ",\"record_version\":" + recordVersion)
        + ",\"data\":{\"text\":\"" + text + "\"}}";
  }

  private Set<String> sentKeys() {
    var sent = new java.util.HashSet<>(attemptedSingles);
    attemptedBatches.forEach(sent::addAll);
    return sent;
  }

  // --- what the restarted server holds --------------------------------------------------------------------

  /** A stored event with its content and how many earlier versions its history holds. */
  private record StoredEvent(UUID id, int version, String text, int historyRows, String firstVersionText) {}

  private static Map<String, StoredEvent> storedEvents(Postmaster pg, List<UUID> users) throws SQLException {
    var stored = new HashMap<String, StoredEvent>();
    try (Connection c = pg.connect(); var st = c.prepareStatement("""
        SELECT e.dedupe_key, e.id, e.version, e.data->>'text',
               (SELECT count(*) FROM health_event_versions v WHERE v.user_id = e.user_id AND v.event_id = e.id),
               (SELECT v.data->>'text' FROM health_event_versions v
                 WHERE v.user_id = e.user_id AND v.event_id = e.id AND v.version = 1)
          FROM health_events e WHERE e.user_id = ANY (?)""")) {
      st.setArray(1, c.createArrayOf("uuid", users.toArray()));
      try (var rs = st.executeQuery()) {
        while (rs.next()) {
          var e = new StoredEvent(rs.getObject(2, UUID.class), rs.getInt(3), rs.getString(4), rs.getInt(5), rs.getString(6));
          StoredEvent twice = stored.put(rs.getString(1), e);
          assertThat(twice).as("events stored under the dedupe_key " + rs.getString(1)).isNull();
        }
      }
    }
    return stored;
  }

  private void assertEveryAcknowledgedEventIsStored(Map<String, StoredEvent> stored) {
    assertThat(acknowledgedSingles.size() + acknowledgedBatchItems.size()).as("acknowledged creates").isGreaterThan(100);
    acknowledgedSingles.forEach((key, id) ->
        assertThat(stored.get(key)).as("acknowledged event " + key).isNotNull().extracting(StoredEvent::id).isEqualTo(id));
    acknowledgedBatchItems.forEach((key, id) ->
        assertThat(stored.get(key)).as("acknowledged batch item " + key).isNotNull().extracting(StoredEvent::id).isEqualTo(id));
    acknowledgedCorrections.forEach((key, id) -> {
      StoredEvent e = stored.get(key);
      assertThat(e.version()).as("acknowledged correction of " + key).isEqualTo(2);
      assertThat(e.text()).isEqualTo("corrected " + key);
    });
  }

  /** The default (non-atomic) batch writes all its valid items in one transaction, so a crash keeps all or none. */
  private void assertEveryBatchIsWholeOrAbsent(Map<String, StoredEvent> stored) {
    int whole = 0;
    for (List<String> batch : attemptedBatches) {
      long present = batch.stream().filter(stored::containsKey).count();
      assertThat(present).as("items of batch " + batch.getFirst() + " after the crash").isIn(0L, (long) batch.size());
      if (present == batch.size()) whole++;
    }
    assertThat(whole).as("batches stored").isGreaterThanOrEqualTo(acknowledgedBatchItems.size() / BATCH_SIZE);
  }

  /** A correction is an update of the event and a history row, committed together. */
  private static void assertEveryEventIsOneWholeVersionChain(Map<String, StoredEvent> stored) {
    stored.forEach((key, e) -> {
      assertThat(e.version()).as("version of " + key).isIn(1, 2);
      assertThat(e.historyRows()).as("history rows of " + key + " at version " + e.version()).isEqualTo(e.version() - 1);
      assertThat(e.text()).as("text of " + key).isEqualTo((e.version() == 1 ? "original " : "corrected ") + key);
      if (e.version() == 2) assertThat(e.firstVersionText()).as("kept first version of " + key).isEqualTo("original " + key);
    });
  }

  /** Through the API too: its count per user, and a replay of acknowledged singles returns the stored id. */
  private void assertTheApiSeesTheSameEvents(String url, String token, List<UUID> users) throws Exception {
    Map<UUID, Long> perUser = new HashMap<>();
    try (Connection c = Postmaster.running(tmp.resolve("data")).connect();
        var st = c.prepareStatement("SELECT user_id, count(*) FROM health_events WHERE user_id = ANY (?) GROUP BY user_id")) {
      st.setArray(1, c.createArrayOf("uuid", users.toArray()));
      try (var rs = st.executeQuery()) {
        while (rs.next()) perUser.put(rs.getObject(1, UUID.class), rs.getLong(2));
      }
    }
    for (UUID user : users) {
      HttpResponse<String> r = get(url + "/v1/users/" + user + "/events/count", token);
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      assertThat(Json.read(r.body()).get("count").asLong()).as("events of " + user).isEqualTo(perUser.getOrDefault(user, 0L));
    }
    ExecutorService replays = Executors.newFixedThreadPool(8);
    try {
      var answers = new ArrayList<java.util.concurrent.Future<String>>();
      acknowledgedSingles.entrySet().stream().limit(REPLAYS).forEach(acked -> answers.add(replays.submit(() -> {
        String key = acked.getKey();
        UUID id = acked.getValue();
        UUID user = users.get(Integer.parseInt(key.substring(1, key.indexOf('-'))) % USERS);
        HttpResponse<String> r = post(url + "/v1/users/" + user + "/events", token, event(key, "original " + key, null));
        JsonNode body = Json.read(r.body());
        return r.statusCode() == 200 && id.toString().equals(body.get("id").asText()) ? null : key + ": " + r.statusCode() + " " + r.body();
      })));
      for (var answer : answers) assertThat(answer.get(30, TimeUnit.SECONDS)).as("replay after the restart").isNull();
    } finally {
      replays.shutdownNow();
    }
  }

  private static void assertDurabilitySettingsAreOn(Postmaster pg) throws SQLException {
    try (Connection c = pg.connect(); var st = c.createStatement()) {
      for (String setting : List.of("fsync", "synchronous_commit", "full_page_writes")) {
        try (var rs = st.executeQuery("SHOW " + setting)) {
          rs.next();
          assertThat(rs.getString(1)).as(setting).isEqualTo("on");
        }
      }
    }
  }

  // --- processes and HTTP ---------------------------------------------------------------------------------

  private ServeProcess serve(Path data) {
    // LOG_LEVEL=WARN: a log line per request would cost this 2-core machine more than the writes.
    ServeProcess serve = ServeProcess.start(data, Map.of("LOG_LEVEL", "WARN"), "--port", "0");
    started.add(serve);
    return serve;
  }

  /** Made by {@code timeline token create} beside the running server, as an operator would. */
  private static String serviceToken(Path data) {
    CliRun run = CliRun.of("token", "create", "--service", "--data-dir", data.toString());
    assertThat(run.exitCode()).as(run.toString()).isZero();
    return run.stdout().strip();
  }

  private UUID createUser(String url, String token) throws Exception {
    HttpResponse<String> r = post(url + "/v1/users", token, "{\"time_zone\":\"Europe/Berlin\"}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    return UUID.fromString(Json.read(r.body()).get("id").asText());
  }

  private HttpResponse<String> post(String url, String token, String body) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> get(String url, String token) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
        .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
  }
}
