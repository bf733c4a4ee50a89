package org.healthtimeline.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ContainerNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.Function;
import org.healthtimeline.App.Route;
import org.healthtimeline.testing.DatabaseSnapshot;
import org.healthtimeline.testing.TestApi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A generated test without a property-testing library: a seeded {@link Random} (print the seed, rerun with
 * {@code -Dfuzz.seed=N}) takes a valid request for every route and mutates its body, query, path, and headers.
 * No answer may be a 5xx; every 4xx must be a problem+json naming a field, and must have written nothing.
 */
class MutationFuzzTest {
  static final long DEFAULT_SEED = 20240310L;
  static final int HTTP_REQUESTS = 1200;
  static final int RAW_REQUESTS = 120;
  static final int MAX_FAILURES = Integer.getInteger("fuzz.maxFailures", 20);
  /** Replaced, after serialisation, by raw JSON text that a tree cannot hold (NaN, bad escapes, ...). */
  static final String RAW = "\u00a7raw\u00a7";

  static TestApi api;
  static Fixture fixture;
  final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(10)).build();

  @BeforeAll
  static void up() {
    api = TestApi.start();
    fixture = Fixture.create();
  }

  @AfterAll
  static void down() {
    api.close();
  }

  @Test
  void every_route_has_a_template_to_mutate() {
    assertThat(new HashSet<>(templates().stream().map(Template::route).toList()))
        .containsExactlyInAnyOrderElementsOf(api.app.routes());
  }

  @Test
  void mutated_requests_across_every_route_never_get_a_5xx_and_every_refusal_names_a_field_and_writes_nothing() {
    long seed = Long.getLong("fuzz.seed", DEFAULT_SEED);
    System.out.println("MutationFuzzTest: seed " + seed + " (rerun with -Dfuzz.seed=" + seed + ")");
    var random = new Random(seed);
    var mutator = new Mutator(random);
    var failures = new ArrayList<String>();
    var statuses = new java.util.TreeMap<Integer, Integer>();
    // Routes with a body or many parameters have more to get wrong: they come up three times as often.
    List<Template> templates = new ArrayList<>();
    for (Template t : templates()) {
      int weight = t.body() != null || t.query().size() > 2 ? 3 : 1;
      for (int i = 0; i < weight; i++) templates.add(t);
    }
    long started = System.nanoTime();

    for (int i = 0; i < HTTP_REQUESTS; i++) {
      FuzzRequest request = mutator.mutate(mutator.pick(templates));
      int status = check(request, this::sendHttp, failures);
      statuses.merge(status, 1, Integer::sum);
      if (request.route().equals(route("DELETE /v1/users/{userId}")) && status == 204) fixture.replaceVictim();
    }
    for (int i = 0; i < RAW_REQUESTS; i++) {
      FuzzRequest request = mutator.rawMutation(mutator.pick(templates));
      statuses.merge(check(request, MutationFuzzTest::sendRaw, failures), 1, Integer::sum);
    }

    System.out.printf("MutationFuzzTest: %d requests in %.1f s, statuses %s%n", HTTP_REQUESTS + RAW_REQUESTS,
        (System.nanoTime() - started) / 1e9, statuses);
    assertThat(failures.size()).as("seed " + seed + ": " + failures.size() + " failures, the first ones:\n"
        + String.join("\n", failures.subList(0, Math.min(MAX_FAILURES, failures.size())))).isZero();
    assertThat(statuses.values().stream().mapToInt(Integer::intValue).sum()).isGreaterThanOrEqualTo(1000);
    assertThat(api.get("/health", null).status()).isEqualTo(200);
  }

  // ---- checking one answer ----

  interface Sender {
    Answer send(FuzzRequest request) throws IOException, InterruptedException;
  }

  record Answer(int status, String contentType, String body) {}

  /** Sends the request and records what is wrong with the answer; returns its status (0 if none came). */
  private static int check(FuzzRequest request, Sender sender, List<String> failures) {
    boolean mayWrite = !request.method().equals("GET");
    DatabaseSnapshot before = mayWrite ? DatabaseSnapshot.of(api.db) : null;
    Answer a;
    try {
      a = sender.send(request);
    } catch (IOException | InterruptedException e) {
      failures.add("no answer (" + e + ") to " + request);
      return 0;
    }
    String problem = problemWith(a);
    if (problem == null && a.status() >= 400 && mayWrite && !DatabaseSnapshot.of(api.db).equals(before)) {
      problem = "a refused request changed the database";
    }
    if (problem != null) {
      failures.add(problem + ": " + request + "\n    -> " + a.status() + " " + abbreviate(a.body(), 400));
    }
    return a.status();
  }

  private static String problemWith(Answer a) {
    if (a.status() >= 500) return "a server error";
    if (a.status() < 400) return null;
    if (a.contentType() == null || !a.contentType().startsWith("application/problem+json")) return "a 4xx that is not problem+json";
    JsonNode json;
    try {
      json = Json.MAPPER.readTree(a.body());
    } catch (IOException e) {
      return "a problem that is not JSON";
    }
    if (json == null || json.path("status").asInt() != a.status()) return "a problem whose status member is not the status";
    // The field may be "" when that is the name of the client's unknown key, but it must be there.
    if (!json.path("field").isTextual()) return "a 4xx problem that names no field";
    return null;
  }

  // ---- the valid requests that mutations start from ----

  /** A valid request for a route; {userId} and {eventId} are filled in when it is sent. */
  record Template(Route route, Map<String, String> query, Function<Random, JsonNode> body, Map<String, String> headers,
      boolean service) {}

  static List<Template> templates() {
    String events = "/v1/users/{userId}/events";
    String event = events + "/{eventId}";
    var list = new ArrayList<Template>();
    list.add(template("POST /v1/users", Map.of(), Fixture::newUser, true));
    list.add(template("GET /v1/users", Map.of("external_id", Fixture.EXTERNAL_ID), null, true));
    list.add(template("GET /v1/users/{userId}", Map.of(), null, false));
    list.add(template("PATCH /v1/users/{userId}", Map.of(), Fixture::userPatch, false));
    list.add(template("DELETE /v1/users/{userId}", Map.of(), null, true));
    list.add(template("POST /v1/users/{userId}/tokens", Map.of(), r -> json("{\"name\":\"bot\"}"), true));
    list.add(template("POST " + events, Map.of(), Fixture::meal, false));
    list.add(template("GET " + events, Fixture.listQuery(true), null, false));
    list.add(template("POST " + events + "/batch", Map.of("atomic", "false"), Fixture::batch, false));
    list.add(template("GET " + events + "/count", Fixture.listQuery(false), null, false));
    list.add(template("GET " + event, Map.of("include_deleted", "true"), null, false));
    list.add(new Template(route("PATCH " + event), Map.of(), Fixture::eventPatch, Map.of("If-Match", "\"1\""), false));
    list.add(template("DELETE " + event, Map.of(), null, false));
    list.add(template("GET " + event + "/history", Map.of(), null, false));
    list.add(template("POST " + event + "/restore", Map.of(), null, false));
    list.add(template("GET /v1/users/{userId}/changes", Map.of("since", "0", "limit", "10"), null, false));
    list.add(template("GET /v1/users/{userId}/archive", Map.of(), null, false));
    list.add(template("GET /v1/users/{userId}/aggregates",
        Map.of("metric", "calories", "bucket", "week", "from", "2024-03-01", "to", "2024-03-31"), null, false));
    list.add(template("GET /v1/users/{userId}/summary/daily", Map.of("date", "2024-03-10"), null, false));
    list.add(template("POST /v1/users/{userId}/imports", Map.of("strict", "true", "format", "ndjson"), Fixture::meal, false));
    list.add(template("GET /v1/users/{userId}/export", Map.of("format", "csv", "type", "meal", "from", "2024-03-01T00:00:00Z"), null, false));
    String meals = "/v1/users/{userId}/meals";
    list.add(template("POST " + meals, Map.of(), Fixture::loggedMeal, false));
    list.add(template("GET " + meals, Map.of("meal_type", "lunch", "from", "2024-03-01T00:00:00Z", "limit", "2"), null, false));
    list.add(template("GET " + meals + "/{mealId}", Map.of(), null, false));
    list.add(template("POST " + meals + "/{mealId}/corrections", Map.of(), Fixture::mealCorrection, false));
    list.add(template("GET " + meals + "/{mealId}/corrections", Map.of(), null, false));
    list.add(template("POST /v1/users/{userId}/sleep", Map.of(), r -> json("""
        {"bedtime":"2024-03-09T23:10:00-06:00","wake_time":"2024-03-10T06:40:00-05:00","sleep_latency_minutes":15,
         "total_sleep_hours":6,"night_wakings":1,"sleep_quality_rating":7,"alertness_rating":6,"disruptions":["noise"],
         "phone_usage":true,"phone_duration_minutes":10}"""), false));
    list.add(template("GET /v1/users/{userId}/sleep", Map.of("from", "2024-03-01T00:00:00Z", "limit", "2"), null, false));
    list.add(template("POST /v1/users/{userId}/exercise", Map.of(), r -> json("""
        {"occurred_at":"2024-03-11T07:00:00-05:00","ended_at":"2024-03-11T07:45:00-05:00","duration_minutes":45,
         "activity_type":"running","intensity":"moderate","notes":"easy"}"""), false));
    list.add(template("GET /v1/users/{userId}/exercise", Map.of("activity_type", "running", "limit", "2"), null, false));
    String categories = "/v1/users/{userId}/tracking-categories";
    list.add(template("POST " + categories, Map.of(), r -> json("""
        {"name":"BP %d","schedule":{"type":"daily","time":"08:00"},"fields":[
          {"name":"systolic","type":"integer","required":true,"min":60,"max":260,"unit":"mmHg"},
          {"name":"arm","type":"choice","choices":["left","right"]},{"name":"ok","type":"boolean"},
          {"name":"note","type":"text","max_length":50},{"name":"kg","type":"number","min":0.5}]}""".formatted(r.nextInt())), false));
    list.add(template("GET " + categories, Map.of("active", "true"), null, false));
    list.add(template("GET " + categories + "/{categoryId}", Map.of(), null, false));
    list.add(template("PATCH " + categories + "/{categoryId}", Map.of(), r -> json("""
        {"name":"Morning BP %d","active":true,"schedule":null}""".formatted(r.nextInt())), false));
    list.add(template("POST " + categories + "/{categoryId}/entries", Map.of(), r -> json("""
        {"occurred_at":"2024-03-11T07:30:00+01:00","notes":"calm",
         "data":{"systolic":121,"arm":"left","ok":true,"note":"fine","kg":71.5}}"""), false));
    list.add(template("GET " + categories + "/{categoryId}/entries", Map.of("from", "2024-03-01T00:00:00Z", "limit", "2"), null, false));
    list.add(template("POST /v1/users/{userId}/symptoms", Map.of(), r -> json("""
        {"occurred_at":"2024-03-11T14:00:00-04:00","symptom_type":"headache","severity":6,"duration_minutes":120,
         "triggers":["poor sleep"],"notes":"after lunch","dedupe_key":"s-%d"}""".formatted(r.nextInt())), false));
    list.add(template("POST /v1/users/{userId}/moods", Map.of(), r -> json("""
        {"mood_rating":7,"emotions":["happy"],"notes":"ok","occurred_at":"2024-03-11T21:00:00Z"}"""), false));
    list.add(template("POST /v1/users/{userId}/stress", Map.of(), r -> json("""
        {"stress_level":6.5,"triggers":["work"],"notes":"busy"}"""), false));
    list.add(template("POST /v1/users/{userId}/vitals", Map.of(), r -> json(r.nextBoolean()
        ? "{\"measure\":\"blood_pressure\",\"systolic\":16,\"diastolic\":10.7,\"unit\":\"kPa\",\"notes\":\"left arm\"}"
        : "{\"measure\":\"glucose\",\"value\":99,\"unit\":\"mg/dL\",\"dedupe_key\":\"g-" + r.nextInt() + "\",\"occurred_at\":\"2024-03-11T08:00:00Z\"}"), false));
    list.add(template("POST /v1/users/{userId}/notes", Map.of(), r -> json("{\"text\":\"hello\",\"tags\":[\"a\",\"b\"]}"), false));
    String medications = "/v1/users/{userId}/medications";
    String medication = medications + "/{medicationId}";
    list.add(template("POST " + medications, Map.of(), Fixture::medication, false));
    list.add(template("GET " + medications, Map.of("include_inactive", "true"), null, false));
    list.add(template("GET " + medications + "/adherence", Map.of("days", "30"), null, false));
    list.add(template("GET " + medication, Map.of(), null, false));
    list.add(template("PATCH " + medication, Map.of(), Fixture::medication, false));
    list.add(template("POST " + medication + "/doses", Map.of(), Fixture::dose, false));
    list.add(template("GET " + medication + "/doses", Map.of("from", "2024-03-01T00:00:00Z", "to", "2024-04-01T00:00:00Z", "limit", "5"), null, false));
    String responses = "/v1/users/{userId}/assessments/{code}/responses";
    list.add(template("GET /v1/assessments", Map.of(), null, false));
    list.add(template("POST " + responses, Map.of(), r -> json("{\"answers\":[1,0,2,3],\"completed_at\":\"2024-03-10T09:00:00Z\"}"), false));
    list.add(template("GET " + responses, Map.of("from", "2024-03-01T00:00:00Z", "limit", "5"), null, false));
    list.add(template("GET /v1/sleep-quiz", Map.of(), null, false));
    list.add(template("POST /v1/users/{userId}/sleep-quiz", Map.of(), Fixture::sleepQuiz, false));
    list.add(template("GET /v1/users/{userId}/sleep-quiz", Map.of("limit", "5"), null, false));
    list.add(template("POST /v1/users/{userId}/checkins", Map.of(), r -> json("""
        {"mood_today":"anxious","mood_rating":4,"confidence_today":7,"anxiety_level":6,"side_effects":["headache"],
         "notes":"worried","occurred_at":"2024-03-10T20:00:00Z"}"""), false));
    list.add(template("GET /v1/users/{userId}/checkins", Map.of("from", "2024-03-01", "to", "2024-03-31"), null, false));
    String reminders = "/v1/users/{userId}/reminders";
    String reminder = reminders + "/{reminderId}";
    list.add(template("POST " + reminders, Map.of(), Fixture::reminder, false));
    list.add(template("GET " + reminders, Map.of("active", "true"), null, false));
    list.add(template("GET " + reminders + "/upcoming", Map.of("limit", "5"), null, false));
    list.add(template("GET " + reminder, Map.of(), null, false));
    list.add(template("PATCH " + reminder, Map.of(), r -> json("{\"message\":\"Later\",\"active\":false,\"schedule\":{\"every_hours\":3}}"), false));
    list.add(template("DELETE " + reminder, Map.of(), null, false));
    list.add(template("POST " + reminder + "/webhook-secret", Map.of(), null, false));
    list.add(template("POST " + reminder + "/completions", Map.of(), r -> json("{\"completed_at\":\"2024-03-10T21:40:00Z\"}"), false));
    list.add(template("GET " + reminder + "/completions", Map.of("limit", "5"), null, false));
    // No Accept: text/event-stream, so no mutation opens a stream that never ends (LiveStreamTest covers streams).
    list.add(template("GET /v1/users/{userId}/stream", Map.of("since", "0", "heartbeat", "1"), null, false));
    for (String path : List.of("/health", "/metrics", "/openapi.json", "/docs")) {
      list.add(template("GET " + path, Map.of(), null, false));
    }
    return list;
  }

  private static Template template(String route, Map<String, String> query, Function<Random, JsonNode> body, boolean service) {
    return new Template(route(route), query, body, Map.of(), service);
  }

  /** The users and events that the requests act on. */
  static final class Fixture {
    static final String EXTERNAL_ID = "fuzz-known";
    final TestApi.User user;
    final List<String> eventIds = new ArrayList<>();
    /** The fixture user's resources that routes name by id, by path parameter: {@code {mealId}} to its ids. */
    final Map<String, List<String>> resources = new LinkedHashMap<>();
    final String cursor;
    UUID victim;

    private Fixture(TestApi.User user, String cursor) {
      this.user = user;
      this.cursor = cursor;
      this.victim = api.newUser().id();
    }

    static Fixture create() {
      api.post("/v1/users", api.serviceToken, "{\"external_id\":\"" + EXTERNAL_ID + "\"}");
      var user = api.newUser("America/Chicago");
      String events = "/v1/users/" + user.id() + "/events";
      var random = new Random(0);
      for (int i = 0; i < 3; i++) api.post(events, user.token(), meal(random).toString());
      String cursor = api.get(events + "?limit=1", user.token()).json().get("next_cursor").asText();
      var f = new Fixture(user, cursor);
      api.get(events, user.token()).json().get("items").forEach(e -> f.eventIds.add(e.get("id").asText()));
      String meals = "/v1/users/" + user.id() + "/meals";
      f.resources.put("{mealId}", List.of(api.post(meals, user.token(), loggedMeal(random).toString()).json().get("id").asText()));
      f.resources.put("{categoryId}", List.of(api.post("/v1/users/" + user.id() + "/tracking-categories", user.token(), """
          {"name":"Blood pressure","fields":[{"name":"systolic","type":"integer","required":true,"min":60,"max":260},
           {"name":"arm","type":"choice","choices":["left","right"]},{"name":"ok","type":"boolean"},
           {"name":"note","type":"text","max_length":50},{"name":"kg","type":"number","min":0.5}]}""").json().get("id").asText()));
      f.resources.put("{medicationId}", List.of(api.post("/v1/users/" + user.id() + "/medications", user.token(),
          medication(random).toString()).json().get("id").asText()));
      f.resources.put("{code}", List.of("phq4"));
      var reminderIds = new ArrayList<String>();
      for (int i = 0; i < 3; i++) {
        reminderIds.add(api.post("/v1/users/" + user.id() + "/reminders", user.token(), reminder(random).toString()).json().get("id").asText());
      }
      f.resources.put("{reminderId}", reminderIds);
      return f;
    }

    void replaceVictim() {
      victim = api.newUser().id();
    }

    static JsonNode newUser(Random r) {
      return json("""
          {"external_id":"%s","time_zone":"Europe/Berlin","profile":{"name":"Ann","age":41},
           "preferences":{"units":"metric"},"patterns":{"sleep":{"usual_bedtime":"23:00"}}}""".formatted(uuid(r)));
    }

    static JsonNode reminder(Random r) {
      return json("""
          {"message":"Evening pill","reminder_type":"simple","webhook_url":"https://example.com/hooks/%s",
           "schedule":{"type":"interval","every_hours":2,"start":"08:00","end":"20:00","days":["mon",1,"friday"]}}"""
          .formatted(uuid(r)));
    }

    static JsonNode userPatch(Random r) {
      return json("{\"time_zone\":\"America/Chicago\",\"external_id\":\"" + uuid(r) + "\",\"profile\":{\"goal\":\"sleep\",\"age\":null}}");
    }

    static ObjectNode meal(Random r) {
      return (ObjectNode) json("""
          {"type":"meal","subtype":"home-cooked","occurred_at":"2024-03-10T12:30:00-05:00",
           "ended_at":"2024-03-10T13:00:00-05:00","time_zone":"America/Chicago",
           "data":{"meal_type":"lunch","total_calories":650,"total_macros":{"protein":40,"carbs":70,"fat":20},
                   "foods":[{"name":"Chicken breast","quantity":"200g","calories":330},{"name":"Rice","quantity":1.5,"calories":320}],
                   "notes":"after the run"},
           "session_id":"chat-7","importance":0.6,"summary":"Lunch, 650 kcal","origin":"telegram-bot",
           "source_table":"food_entries","source_id":"%s","record_version":1}"""
          .formatted(uuid(r)));
    }

    static JsonNode loggedMeal(Random r) {
      return json("""
          {"occurred_at":"2024-03-10T12:30:00-05:00","meal_type":"lunch","notes":"after the run","photo_path":"/p/1.jpg",
           "total_calories":535,"total_macros":{"protein":66,"carbs":45,"fat":7.4},
           "foods":[{"name":"Chicken breast","quantity":"200g","calories":330,"macros":{"protein":62,"carbs":0,"fat":7}},
                    {"name":"Rice","quantity":1.5,"calories":205,"macros":{"protein":4,"carbs":45,"fat":0.4}}]}""");
    }

    static JsonNode mealCorrection(Random r) {
      return json("""
          {"reason":"smaller","corrected_by":"coach","meal_type":"dinner","notes":null,"total_calories":null,
           "foods":[{"name":"Chicken breast","quantity":"150g","calories":%d,"macros":{"protein":46,"carbs":0,"fat":5}}]}"""
          .formatted(200 + r.nextInt(100)));
    }

    static JsonNode batch(Random r) {
      ArrayNode items = Json.MAPPER.createArrayNode();
      items.add(meal(r));
      items.add(json("{\"type\":\"mood\",\"occurred_at\":\"2024-03-10T20:00:00Z\",\"data\":{\"mood_rating\":7,\"emotions\":[\"calm\"]}}"));
      items.add(json("{\"type\":\"vital\",\"occurred_at\":\"2024-03-10T08:00:00Z\",\"data\":{\"measure\":\"blood_pressure\",\"unit\":\"mmHg\",\"systolic\":120,\"diastolic\":80}}"));
      ObjectNode body = Json.MAPPER.createObjectNode();
      body.set("events", items);
      return body;
    }

    static JsonNode medication(Random r) {
      return json("""
          {"name":"Metformin %s","dose":500,"unit":"mg","as_needed":false,
           "schedule":{"times":["08:00","20:00"],"days":["mon","tue","wed","thu","fri","sat","sun"]},
           "start_date":"2024-03-01","end_date":"2030-12-31"}""".formatted(r.nextInt(1000)));
    }

    static JsonNode dose(Random r) {
      return json("""
          {"status":"taken","scheduled_for":"2024-03-1%dT08:00:00-05:00","taken_at":"2024-03-10T08:20:00-05:00",
           "side_effects":["mild nausea"],"notes":"with breakfast"}""".formatted(r.nextInt(10)));
    }

    static JsonNode sleepQuiz(Random r) {
      return json("""
          {"id":"%s","answers":{"hours":"6_to_7","latency":"15_to_30","wakings":"none","regularity":"under_30_min",
           "screens":"sometimes","caffeine":"before_noon","daytime":"mostly","quality":"fairly_good"}}""".formatted(uuid(r)));
    }

    static JsonNode eventPatch(Random r) {
      return json("{\"summary\":\"smaller lunch\",\"importance\":0.4,\"data\":{\"total_calories\":500,\"notes\":null}}");
    }

    static Map<String, String> listQuery(boolean paged) {
      var q = new LinkedHashMap<String, String>();
      q.put("from", "2024-03-01T00:00:00Z");
      q.put("to", "2024-04-01T00:00:00-05:00");
      q.put("type", "meal,mood");
      q.put("subtype", "home-cooked");
      q.put("session_id", "chat-7");
      q.put("min_importance", "0.5");
      q.put("data_contains", "{\"meal_type\":\"lunch\"}");
      q.put("data_path", "$.total_calories > 500");
      q.put("include_deleted", "false");
      q.put("order", "desc");
      if (paged) {
        q.put("limit", "2");
        q.put("cursor", "{cursor}");
      }
      return q;
    }
  }

  // ---- mutations ----

  /** One request as sent, every part already mutated; {@code mutations} says what was changed. */
  record FuzzRequest(Route route, String method, String target, Map<String, String> headers, byte[] body,
      String token, String mutations) {
    @Override
    public String toString() {
      return method + " " + abbreviate(target, 300) + " [" + mutations + "] body="
          + (body == null ? "none" : abbreviate(new String(body, StandardCharsets.UTF_8), 300));
    }
  }

  static final class Mutator {
    private final Random random;

    Mutator(Random random) {
      this.random = random;
    }

    FuzzRequest mutate(Template t) {
      var done = new ArrayList<String>();
      var query = pairs(t.query());
      JsonNode body = t.body() == null ? null : t.body().apply(random);
      var headers = new LinkedHashMap<>(t.headers());
      String userId = pathUser(t);
      String eventId = pick(fixture.eventIds);
      var ids = new LinkedHashMap<String, String>();
      fixture.resources.forEach((name, values) -> ids.put(name, pick(values)));
      byte[] rawBody = null;
      String token = t.service() ? api.serviceToken : fixture.user.token();

      int count = 1 + random.nextInt(3);
      for (int i = 0; i < count; i++) {
        int what = random.nextInt(100);
        if (body != null && what < 45) {
          body = mutateJson(body, done);
        } else if (what < 65) {
          mutateQuery(query, done);
        } else if (what < 75 && t.route().path().contains("{")) {
          String other = ids.keySet().stream().filter(t.route().path()::contains).findFirst().orElse(null);
          if (t.route().path().contains("{eventId}") && random.nextBoolean()) eventId = pathValue(done, "eventId", eventId, t);
          else if (other != null && random.nextBoolean()) ids.put(other, pathValue(done, other.substring(1, other.length() - 1), ids.get(other), t));
          else userId = pathValue(done, "userId", userId, t);
        } else if (what < 88) {
          mutateHeaders(headers, done);
        } else if (what < 94) {
          token = otherToken(done);
        } else if (body != null) {
          rawBody = bodyBytes(body, t, done);
        }
      }
      if (rawBody == null && body != null) rawBody = serialise(body);
      if (rawBody != null && !headers.containsKey("Content-Type")) headers.put("Content-Type", "application/json");
      String path = fill(t.route().path().replace("{userId}", userId).replace("{eventId}", eventId), ids);
      return new FuzzRequest(t.route(), t.route().method(), path + queryString(query), headers, rawBody, token,
          String.join(", ", done));
    }

    /** Requests only a raw socket can send: broken percent-encoding, raw bytes in the target, odd headers. */
    FuzzRequest rawMutation(Template t) {
      var ids = new LinkedHashMap<String, String>();
      fixture.resources.forEach((name, values) -> ids.put(name, pick(values)));
      String path = fill(t.route().path().replace("{userId}", pathUser(t)).replace("{eventId}", pick(fixture.eventIds)), ids);
      String token = t.service() ? api.serviceToken : fixture.user.token();
      var query = pairs(t.query());
      String key = query.isEmpty() ? "limit" : pick(query).getKey();
      String target = switch (random.nextInt(6)) {
        case 0 -> path + queryString(query) + "&" + key + "=" + pick(List.of("%zz", "%", "%2", "%u0041", "%E2%82", "%C0%AF"));
        case 1 -> path + "?" + key + "=" + "\u00e9\u00ff";
        case 2 -> path.replace("/v1/users/", "/v1/users/%zz") + queryString(query);
        case 3 -> path + "?" + pick(List.of("%zz=1", "=", "&&&", "a=1=2", key + "=" + "x".repeat(9000)));
        case 4 -> path + queryString(query) + "&" + key + "=%00";
        default -> path + "?" + key + "=" + "%ED%A0%80";
      };
      byte[] body = t.body() == null ? null : serialise(t.body().apply(random));
      return new FuzzRequest(t.route(), t.route().method(), target, Map.of("Content-Type", "application/json"), body, token,
          "raw target");
    }

    private static String fill(String path, Map<String, String> ids) {
      for (var e : ids.entrySet()) path = path.replace(e.getKey(), e.getValue());
      return path;
    }

    private String pathUser(Template t) {
      if (t.route().method().equals("DELETE") && t.route().path().equals("/v1/users/{userId}")) return fixture.victim.toString();
      return fixture.user.id().toString();
    }

    // -- JSON --

    private JsonNode mutateJson(JsonNode body, List<String> done) {
      switch (random.nextInt(10)) {
        case 0 -> {
          var spot = spot(body);
          if (spot != null) {
            done.add("drop " + spot.describe());
            spot.remove();
          }
        }
        case 1 -> {
          var spot = spot(body);
          if (spot != null && spot.parent() instanceof ObjectNode o) {
            done.add("rename " + spot.describe());
            JsonNode v = o.remove(spot.key());
            o.set(pick(List.of("", " ", spot.key().toUpperCase(), spot.key() + "_", "__proto__", "\u00fcnknown", "type")), v);
          }
        }
        case 2, 3 -> {
          var spot = spot(body);
          if (spot != null) {
            JsonNode value = interestingValue();
            done.add("set " + spot.describe() + " = " + abbreviate(value.toString(), 60));
            spot.set(value);
          }
        }
        case 4 -> {
          var spot = spot(body);
          if (spot != null) {
            String raw = pick(RAW_VALUES);
            done.add("raw " + spot.describe() + " = " + abbreviate(raw, 60));
            spot.set(TextNode.valueOf(RAW + raw));
          }
        }
        case 5 -> {
          var spot = spot(body);
          if (spot != null) {
            int depth = pick(List.of(10, 63, 65, 200, 5000));
            done.add("nest " + spot.describe() + " " + depth + " deep");
            spot.set(TextNode.valueOf(RAW + (random.nextBoolean() ? "[".repeat(depth) + "]".repeat(depth)
                : "{\"a\":".repeat(depth) + "1" + "}".repeat(depth))));
          }
        }
        case 6 -> {
          // At any depth: inside data and the profile documents, schemas let unknown fields through to jsonb.
          var objects = new ArrayList<ObjectNode>();
          collectObjects(body, objects);
          if (!objects.isEmpty()) {
            String name = pick(List.of("unknown", "calories", "user_id", "version", "deleted_at", "dedupe_key", "DATA", "x"));
            done.add("add field " + name);
            pick(objects).set(name, interestingValue());
          }
        }
        case 7 -> {
          done.add("duplicate a key");
          String text = new String(serialise(body), StandardCharsets.UTF_8);
          return TextNode.valueOf(RAW + text.replaceFirst("\\{", "{\"type\":\"note\","));
        }
        case 8 -> {
          JsonNode whole = pick(List.of(json("[]"), json("\"text\""), json("42"), json("null"), json("true"),
              Json.MAPPER.createArrayNode().add(body)));
          done.add("body becomes " + abbreviate(whole.toString(), 40));
          return whole;
        }
        default -> {
          JsonNode copy = body.deepCopy();
          var spot = spot(copy);
          if (spot != null && spot.parent() instanceof ObjectNode o && o.get(spot.key()) != null) {
            done.add("swap type of " + spot.describe());
            spot.set(swapType(o.get(spot.key())));
            return copy;
          }
        }
      }
      return body;
    }

    private JsonNode swapType(JsonNode v) {
      if (v.isTextual()) return random.nextBoolean() ? json("12345") : Json.MAPPER.createArrayNode().add(v);
      if (v.isNumber() || v.isBoolean()) return TextNode.valueOf(v.asText());
      if (v.isObject()) return Json.MAPPER.createArrayNode().add(v);
      if (v.isArray()) return Json.MAPPER.createObjectNode().set("items", v);
      return json("{}");
    }

    JsonNode interestingValue() {
      if (random.nextInt(10) < 4) return json(pick(NASTY_JSON));
      return switch (random.nextInt(4)) {
        case 0 -> json(pick(NUMBERS));
        case 1 -> TextNode.valueOf(pick(STRINGS));
        case 2 -> json(pick(List.of("true", "false", "null", "[]", "{}", "[1,\"a\",null]", "{\"a\":{\"b\":[]}}")));
        default -> TextNode.valueOf(pick(List.of(uuid(random), "1-1-1-1-1", "00000000-0000-0000-0000-000000000000",
            fixture.user.id().toString(), "2024-03-10T12:30:00Z", "2024-03-10", "2024-02-30T00:00:00Z", "+300000-01-01T00:00:00Z",
            "1899-12-31T23:59:59Z", "2200-01-01T00:00:01Z", "2024-03-10T12:30:00+25:00", "Europe/Berlin", "Mars/Base", "+02:00",
            "meal", "MEAL", "teleport", "food_entries", "Food Entries")));
      };
    }

    // -- query, path, headers, token, body bytes --

    /** Query values, valid and not, for any parameter. */
    List<String> queryValues() {
      return List.of("", "0", "-1", "1", "200", "201", "1001", "99999999999",
          "1e3", "0x10", "NaN", "Infinity", "true", "false", "maybe", "TRUE", "asc", "desc", "meal", "meal,,mood", ",", "teleport",
          "2024-03-10T12:30:00Z", "2024-03-10", "+300000-01-01T00:00:00Z", "-300000-01-01T00:00:00Z", "9999-12-31T23:59:59-14:00",
          "{\"a\":1}", "{\"a\":\"\\u0000\"}", "{\"a\":1e999999}", "[1,2]", "not json", "$.x >>> 1", "$.x ? (@ like_regex \"(a+)+$\")",
          "strict $.a", "$.*.*.*.*", "\u0000", "\u00e9\ud83d\ude00", "x".repeat(2000), "bm90LWEtY3Vyc29y", fixture.cursor,
          fixture.cursor + "x", "YzE6OTIyMzM3MjAzNjg1NDc3NTgwNzoxLTEtMS0xLTE6ZA", uuid(random), "fuzz-known", "%");
    }

    private void mutateQuery(List<Map.Entry<String, String>> query, List<String> done) {
      List<String> own = query.stream().map(Map.Entry::getKey).toList();
      // Mostly the route's own parameters, where a bad value meets the code; sometimes anyone's.
      String key = !own.isEmpty() && random.nextInt(4) > 0 ? pick(own)
          : pick(List.of("limit", "cursor", "type", "since", "atomic", "include_deleted", "external_id", "from", "order"));
      String value = random.nextInt(10) < 4 ? pick(NASTY_QUERY) : pick(queryValues());
      switch (random.nextInt(5)) {
        case 0 -> {
          done.add("drop ?" + key);
          query.removeIf(e -> e.getKey().equals(key));
        }
        case 1 -> {
          String name = pick(List.of("unknown", "LIMIT", "limit[]", "page", "q", "user_id", "\u00fcber", ""));
          done.add("add ?" + name + "=" + abbreviate(value, 60));
          query.add(Map.entry(name, value));
        }
        case 2 -> {
          done.add("repeat ?" + key + "=" + abbreviate(value, 60));
          query.add(Map.entry(key, value));
        }
        default -> {
          done.add("?" + key + "=" + abbreviate(value, 60));
          query.removeIf(e -> e.getKey().equals(key));
          query.add(Map.entry(key, value));
        }
      }
    }

    /** An other value for a path parameter; never one that would let DELETE /v1/users delete the fixture's user. */
    private String pathValue(List<String> done, String name, String current, Template t) {
      var values = new ArrayList<>(List.of(uuid(random), "not-a-uuid", "1-1-1-1-1",
          "00000000-0000-0000-0000-000000000000", current.toUpperCase(), current.replace("-", ""), current + "0",
          current.substring(1), "\u00e9", "..", ".", "a b", "%", "x".repeat(300), "' OR 1=1 --", "\u0000", "a/b", "null"));
      if (!t.route().equals(route("DELETE /v1/users/{userId}"))) values.addAll(List.of(fixture.victim.toString(), pick(fixture.eventIds)));
      String value = pick(values);
      done.add("{" + name + "}=" + abbreviate(value, 40));
      return encode(value);
    }

    private void mutateHeaders(Map<String, String> headers, List<String> done) {
      if (random.nextBoolean()) {
        String type = pick(List.of("text/plain", "application/xml", "application/x-www-form-urlencoded",
            "multipart/form-data; boundary=x", "application/json; charset=latin1", "application/json; charset=utf-16", "*/*",
            "application/merge-patch+json", "garbage"));
        done.add("Content-Type: " + type);
        headers.put("Content-Type", type);
      } else {
        String ifMatch = pick(List.of("\"1\"", "1", "\"2\"", "*", "W/\"1\"", "\"\"", "\"abc\"", "99999999999", "\"-1\"", ""));
        done.add("If-Match: " + ifMatch);
        headers.put("If-Match", ifMatch);
      }
    }

    private String otherToken(List<String> done) {
      String token = pick(List.of("", "nonsense", "hts_" + "x".repeat(43), "htu_" + fixture.user.id().toString().replace("-", "") + "_forged",
          "htu_zz", "x".repeat(500), fixture.user.token() + " ", api.serviceToken));
      done.add("token " + abbreviate(token, 30));
      return token;
    }

    private byte[] bodyBytes(JsonNode body, Template t, List<String> done) {
      byte[] valid = body == null ? "{}".getBytes(StandardCharsets.UTF_8) : serialise(body);
      switch (random.nextInt(6)) {
        case 0 -> {
          int cut = random.nextInt(Math.max(1, valid.length));
          done.add("truncate at " + cut);
          return java.util.Arrays.copyOf(valid, cut);
        }
        case 1 -> {
          byte[] bytes = new byte[random.nextInt(200)];
          random.nextBytes(bytes);
          done.add("random bytes");
          return bytes;
        }
        case 2 -> {
          byte[] flipped = valid.clone();
          for (int i = 0; i < 1 + random.nextInt(4); i++) flipped[random.nextInt(flipped.length)] = (byte) random.nextInt(256);
          done.add("flip bytes");
          return flipped;
        }
        case 3 -> {
          done.add("empty body");
          return new byte[0];
        }
        case 4 -> {
          // Jackson guesses UTF-16 and UTF-32 from the first bytes; give it those encodings, broken ones too.
          String encoding = pick(List.of("UTF-16", "UTF-16LE", "UTF-32BE", "UTF-32LE", "UTF-32 with a code point above U+10FFFF"));
          done.add(encoding + " body");
          if (encoding.startsWith("UTF-32 with")) {
            byte[] bytes = java.util.Arrays.copyOf(new byte[] {0, 0, 0, '{', 0, 0x11, 0, 0}, 8 + random.nextInt(8));
            return bytes;
          }
          return new String(valid, StandardCharsets.UTF_8).getBytes(java.nio.charset.Charset.forName(encoding));
        }
        default -> {
          long limit = t.route().path().endsWith("/batch") ? 16 * Bodies.ONE_MIB : Bodies.ONE_MIB;
          done.add("body over " + limit + " bytes");
          var big = new StringBuilder("{\"type\":\"note\",\"occurred_at\":\"2024-03-10T12:30:00Z\",\"data\":{\"text\":\"");
          big.append("x".repeat((int) limit)).append("\"}}");
          return big.toString().getBytes(StandardCharsets.UTF_8);
        }
      }
    }

    // -- choosing a spot in a JSON tree --

    /** A place in a JSON tree: a key of an object or an index of an array. */
    record Spot(ContainerNode<?> parent, String key, int index) {
      String describe() {
        return key != null ? "'" + key + "'" : "[" + index + "]";
      }

      void set(JsonNode value) {
        if (parent instanceof ObjectNode o) o.set(key, value);
        else ((ArrayNode) parent).set(index, value);
      }

      void remove() {
        if (parent instanceof ObjectNode o) o.remove(key);
        else ((ArrayNode) parent).remove(index);
      }
    }

    private Spot spot(JsonNode root) {
      var spots = new ArrayList<Spot>();
      collect(root, spots);
      return spots.isEmpty() ? null : pick(spots);
    }

    private static void collectObjects(JsonNode node, List<ObjectNode> objects) {
      if (node instanceof ObjectNode o) objects.add(o);
      node.forEach(child -> collectObjects(child, objects));
    }

    private static void collect(JsonNode node, List<Spot> spots) {
      if (node instanceof ObjectNode o) {
        for (var e : o.properties()) {
          spots.add(new Spot(o, e.getKey(), -1));
          collect(e.getValue(), spots);
        }
      } else if (node instanceof ArrayNode a) {
        for (int i = 0; i < a.size(); i++) {
          spots.add(new Spot(a, null, i));
          collect(a.get(i), spots);
        }
      }
    }

    <T> T pick(List<T> values) {
      return values.get(random.nextInt(values.size()));
    }
  }

  /**
   * The values that have broken this service before (each was a 500 once): tried more often than the rest, as
   * JSON text, and as query values.
   */
  static final List<String> NASTY_JSON = List.of("\"\\u0000\"", "\"a\\u0000b\"", "1e999999999", "-1e999999999", "1e-999999",
      "\"+300000-01-01T00:00:00Z\"", "-1", "\"\"");
  static final List<String> NASTY_QUERY = List.of("\u0000", "a\u0000", "", "-1", "{\"a\":\"\\u0000\"}", "{\"a\":1e999999}",
      "+300000-01-01T00:00:00Z", "YzE6OTIyMzM3MjAzNjg1NDc3NTgwNzoxLTEtMS0xLTE6ZA");

  static final List<String> NUMBERS = List.of("0", "-0", "-1", "1", "0.5", "1.0000001", "2147483648", "-9223372036854775809",
      "9223372036854775807", "1e400", "-1e400", "1e999999999", "1e-999999", "4.9e-325", "123456789012345678901234567890",
      "3.4028236e38", "-0.0", "1E2", "0.1e-1");

  /** Raw JSON text, some of it invalid: what a tree cannot hold. */
  static final List<String> RAW_VALUES = List.of("NaN", "Infinity", "-Infinity", "01", "1.", ".5", "+1", "0x10", "\"\\ud800\"",
      "\"\\udc00\\ud800\"", "\"\\u0000\"", "\"\\x41\"", "\"tab\there\"", "\"line\nbreak\"", "'single'", "undefined", "tru",
      "[1,]", "{\"a\":1,}", "{\"a\"}", "\"\\uZZZZ\"", "1" + "0".repeat(1200), "\"" + "\u00e9".repeat(50000) + "\"", "/* c */ 1");

  static final List<String> STRINGS = List.of("", " ", "NaN", "Infinity", "null", "true", "\u0000", "a\u0000b",
      "\ud83d\ude00", "\u202eevil", "\u00c5\u0301", "\ufeffbom", "\ud800", "x".repeat(10_001), "y".repeat(100_001),
      "<script>alert(1)</script>", "' OR 1=1 --", "$.total_calories > 500", "{}", "\\", "\"", "\r\n", "\t");


  // ---- sending ----

  private Answer sendHttp(FuzzRequest r) throws IOException, InterruptedException {
    var b = HttpRequest.newBuilder(URI.create(api.base() + r.target())).timeout(Duration.ofSeconds(30))
        .method(r.method(), r.body() == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(r.body()));
    if (r.token() != null) b.header("Authorization", "Bearer " + r.token());
    r.headers().forEach((k, v) -> {
      if (!v.isEmpty()) b.header(k, v);
    });
    HttpResponse<String> response = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(null), response.body());
  }

  /** HTTP/1.1 over a plain socket, for request targets that java.net.URI refuses to build. */
  private static Answer sendRaw(FuzzRequest r) throws IOException {
    try (var socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", api.app.port()), 10_000);
      socket.setSoTimeout(30_000);
      var head = new ByteArrayOutputStream();
      head.write((r.method() + " ").getBytes(StandardCharsets.UTF_8));
      head.write(r.target().getBytes(StandardCharsets.UTF_8));
      head.write(" HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n".getBytes(StandardCharsets.UTF_8));
      head.write(("Authorization: Bearer " + r.token() + "\r\n").getBytes(StandardCharsets.UTF_8));
      for (var h : r.headers().entrySet()) head.write((h.getKey() + ": " + h.getValue() + "\r\n").getBytes(StandardCharsets.UTF_8));
      byte[] body = r.body() == null ? new byte[0] : r.body();
      head.write(("Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
      head.write(body);
      socket.getOutputStream().write(head.toByteArray());
      socket.getOutputStream().flush();
      return parseResponse(socket.getInputStream().readAllBytes());
    }
  }

  private static Answer parseResponse(byte[] bytes) throws IOException {
    String text = new String(bytes, StandardCharsets.ISO_8859_1);
    int end = text.indexOf("\r\n\r\n");
    if (end < 0 || !text.startsWith("HTTP/1.1 ")) throw new IOException("not an HTTP response: " + abbreviate(text, 200));
    String[] lines = text.substring(0, end).split("\r\n");
    int status = Integer.parseInt(lines[0].substring(9, 12));
    String contentType = null;
    boolean chunked = false;
    for (String line : lines) {
      String lower = line.toLowerCase();
      if (lower.startsWith("content-type:")) contentType = line.substring(13).trim();
      if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) chunked = true;
    }
    String body = text.substring(end + 4);
    if (chunked) body = dechunk(body);
    return new Answer(status, contentType, new String(body.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8));
  }

  private static String dechunk(String chunked) {
    var out = new StringBuilder();
    int at = 0;
    while (true) {
      int eol = chunked.indexOf("\r\n", at);
      if (eol < 0) break;
      int size = Integer.parseInt(chunked.substring(at, eol).split(";")[0].trim(), 16);
      if (size == 0) break;
      out.append(chunked, eol + 2, eol + 2 + size);
      at = eol + 2 + size + 2;
    }
    return out.toString();
  }

  // ---- small helpers ----

  static byte[] serialise(JsonNode body) {
    String text = body.isTextual() && body.textValue().startsWith(RAW) ? body.textValue().substring(RAW.length()) : Json.write(body);
    // A raw value was stored as the string RAW + json; put the JSON text itself in the string's place.
    String start = "\"" + RAW;
    var sb = new StringBuilder();
    int at = 0;
    for (int i = text.indexOf(start); i >= 0; i = text.indexOf(start, at)) {
      sb.append(text, at, i);
      int end = i + start.length();
      while (text.charAt(end) != '"') end += text.charAt(end) == '\\' ? 2 : 1;
      sb.append(unescape(text.substring(i + start.length(), end)));
      at = end + 1;
    }
    return sb.append(text.substring(at)).toString().getBytes(StandardCharsets.UTF_8);
  }

  /** Undoes Jackson's escaping of a string, giving back the raw JSON text that was stored in it. */
  private static String unescape(String escaped) {
    try {
      return Json.MAPPER.readValue("\"" + escaped + "\"", String.class);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static List<Map.Entry<String, String>> pairs(Map<String, String> query) {
    var list = new ArrayList<Map.Entry<String, String>>();
    query.forEach((k, v) -> list.add(Map.entry(k, v.equals("{cursor}") ? fixture.cursor : v)));
    return list;
  }

  static String queryString(List<Map.Entry<String, String>> query) {
    if (query.isEmpty()) return "";
    return "?" + String.join("&", query.stream().map(e -> encode(e.getKey()) + "=" + encode(e.getValue())).toList());
  }

  /** Percent-encodes everything but RFC 3986 unreserved characters. */
  static String encode(String s) {
    var sb = new StringBuilder();
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if (Character.isLetterOrDigit(c) && c < 128 || "-._~".indexOf(c) >= 0) sb.append(c);
      else sb.append('%').append(String.format("%02X", b & 0xff));
    }
    return sb.toString();
  }

  /** A UUID from the seeded random, so that a seed replays the same requests. */
  static String uuid(Random random) {
    return new UUID(random.nextLong(), random.nextLong()).toString();
  }

  static JsonNode json(String text) {
    return Json.read(text);
  }

  static String abbreviate(String s, int max) {
    if (s == null) return "null";
    return s.length() <= max ? s : s.substring(0, max) + "...(" + s.length() + " chars)";
  }

  static Route route(String methodAndPath) {
    String[] parts = methodAndPath.split(" ", 2);
    return new Route(parts[0], parts[1]);
  }
}
