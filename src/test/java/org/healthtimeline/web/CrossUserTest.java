package org.healthtimeline.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.healthtimeline.App.Route;
import org.healthtimeline.testing.DatabaseSnapshot;
import org.healthtimeline.testing.TestApi;
import org.healthtimeline.testing.TestApi.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Users only see their own data. Every route the app registers is listed here with a request that would
 * succeed for its owner; a route added later without a case fails {@link #every_route_has_a_cross_user_case}.
 */
class CrossUserTest {
  static TestApi api;

  /** What to send for user A on a route: a query string, a body, and whether it acts on A's deleted event. */
  record Call(String query, String body, boolean onDeletedEvent, boolean streaming) {
    Call(String query, String body, boolean onDeletedEvent) {
      this(query, body, onDeletedEvent, false);
    }

    static Call of(String query, String body) {
      return new Call(query, body, false);
    }

    /** A Server-Sent Events stream: its owner's request is read until the stream has started, then hung up. */
    static Call stream(String query) {
      return new Call(query, null, false, true);
    }
  }

  /** Routes that act on one user's data: a user token may only use them for its own user. */
  static final Map<Route, Call> USER_ROUTES = Map.ofEntries(
      Map.entry(route("GET /v1/users/{userId}"), Call.of("", null)),
      Map.entry(route("PATCH /v1/users/{userId}"), Call.of("", "{\"time_zone\":\"Asia/Tokyo\",\"profile\":{\"owner\":\"B\"}}")),
      Map.entry(route("DELETE /v1/users/{userId}"), Call.of("", null)),
      Map.entry(route("POST /v1/users/{userId}/events"), Call.of("", note("written by B"))),
      Map.entry(route("GET /v1/users/{userId}/events"), Call.of("?include_deleted=true", null)),
      Map.entry(route("POST /v1/users/{userId}/events/batch"), Call.of("", "{\"events\":[" + note("written by B") + "]}")),
      Map.entry(route("GET /v1/users/{userId}/events/count"), Call.of("?include_deleted=true", null)),
      Map.entry(route("GET /v1/users/{userId}/events/{eventId}"), Call.of("", null)),
      Map.entry(route("PATCH /v1/users/{userId}/events/{eventId}"), Call.of("", "{\"summary\":\"changed by B\"}")),
      Map.entry(route("DELETE /v1/users/{userId}/events/{eventId}"), Call.of("", null)),
      Map.entry(route("GET /v1/users/{userId}/events/{eventId}/history"), Call.of("", null)),
      Map.entry(route("POST /v1/users/{userId}/events/{eventId}/restore"), new Call("", null, true)),
      Map.entry(route("GET /v1/users/{userId}/changes"), Call.of("", null)),
      Map.entry(route("GET /v1/users/{userId}/archive"), Call.of("", null)),
      Map.entry(route("GET /v1/users/{userId}/aggregates"), Call.of("?metric=calories&from=2024-03-01&to=2024-03-31", null)),
      Map.entry(route("GET /v1/users/{userId}/summary/daily"), Call.of("?date=2024-03-10", null)),
      Map.entry(route("POST /v1/users/{userId}/imports"), Call.of("", note("imported by B"))),
      Map.entry(route("GET /v1/users/{userId}/export"), Call.of("?format=ndjson", null)),
      Map.entry(route("POST /v1/users/{userId}/meals"), Call.of("", "{\"meal_type\":\"lunch\",\"total_calories\":650}")),
      Map.entry(route("GET /v1/users/{userId}/meals"), Call.of("?meal_type=lunch", null)),
      Map.entry(route("GET /v1/users/{userId}/meals/{mealId}"), Call.of("", null)),
      Map.entry(route("POST /v1/users/{userId}/meals/{mealId}/corrections"), Call.of("", "{\"reason\":\"B\",\"total_calories\":1}")),
      Map.entry(route("GET /v1/users/{userId}/meals/{mealId}/corrections"), Call.of("", null)),
      Map.entry(route("POST /v1/users/{userId}/sleep"), Call.of("", "{\"bedtime\":\"2024-03-09T23:00:00Z\",\"wake_time\":\"2024-03-10T07:00:00Z\"}")),
      Map.entry(route("GET /v1/users/{userId}/sleep"), Call.of("?limit=5", null)),
      Map.entry(route("POST /v1/users/{userId}/exercise"), Call.of("", "{\"occurred_at\":\"2024-03-10T07:00:00Z\",\"activity_type\":\"run\"}")),
      Map.entry(route("GET /v1/users/{userId}/exercise"), Call.of("?activity_type=run", null)),
      Map.entry(route("POST /v1/users/{userId}/tracking-categories"),
          Call.of("", "{\"name\":\"Steps\",\"fields\":[{\"name\":\"steps\",\"type\":\"integer\"}]}")),
      Map.entry(route("GET /v1/users/{userId}/tracking-categories"), Call.of("?active=true", null)),
      Map.entry(route("GET /v1/users/{userId}/tracking-categories/{categoryId}"), Call.of("", null)),
      Map.entry(route("PATCH /v1/users/{userId}/tracking-categories/{categoryId}"), Call.of("", "{\"name\":\"B's now\",\"active\":false}")),
      Map.entry(route("POST /v1/users/{userId}/tracking-categories/{categoryId}/entries"), Call.of("", "{\"data\":{\"glasses\":2}}")),
      Map.entry(route("GET /v1/users/{userId}/tracking-categories/{categoryId}/entries"), Call.of("?limit=5", null)),
      Map.entry(route("POST /v1/users/{userId}/symptoms"), Call.of("", "{\"symptom_type\":\"headache\",\"severity\":5}")),
      Map.entry(route("POST /v1/users/{userId}/moods"), Call.of("", "{\"mood_rating\":3}")),
      Map.entry(route("POST /v1/users/{userId}/stress"), Call.of("", "{\"stress_level\":9}")),
      Map.entry(route("POST /v1/users/{userId}/vitals"), Call.of("", "{\"measure\":\"weight\",\"value\":150,\"unit\":\"lb\"}")),
      Map.entry(route("POST /v1/users/{userId}/notes"), Call.of("", "{\"text\":\"written by B\"}")),
      Map.entry(route("POST /v1/users/{userId}/medications"), Call.of("", "{\"name\":\"B's pills\",\"as_needed\":true}")),
      Map.entry(route("GET /v1/users/{userId}/medications"), Call.of("?include_inactive=true", null)),
      Map.entry(route("GET /v1/users/{userId}/medications/adherence"), Call.of("?days=30", null)),
      Map.entry(route("GET /v1/users/{userId}/medications/{medicationId}"), Call.of("", null)),
      Map.entry(route("PATCH /v1/users/{userId}/medications/{medicationId}"), Call.of("", "{\"name\":\"changed by B\"}")),
      Map.entry(route("POST /v1/users/{userId}/medications/{medicationId}/doses"),
          Call.of("", "{\"status\":\"taken\",\"scheduled_for\":\"2024-03-10T08:00:00Z\"}")),
      Map.entry(route("GET /v1/users/{userId}/medications/{medicationId}/doses"), Call.of("", null)),
      Map.entry(route("POST /v1/users/{userId}/assessments/{code}/responses"), Call.of("", "{\"answers\":[1,0,2,1]}")),
      Map.entry(route("GET /v1/users/{userId}/assessments/{code}/responses"), Call.of("", null)),
      Map.entry(route("POST /v1/users/{userId}/sleep-quiz"), Call.of("", "{\"answers\":{\"hours\":\"6_to_7\",\"latency\":\"15_to_30\","
          + "\"wakings\":\"none\",\"regularity\":\"under_30_min\",\"screens\":\"never\",\"caffeine\":\"none\","
          + "\"daytime\":\"alert\",\"quality\":\"very_good\"}}")),
      Map.entry(route("GET /v1/users/{userId}/sleep-quiz"), Call.of("", null)),
      Map.entry(route("POST /v1/users/{userId}/checkins"), Call.of("", "{\"mood_today\":\"fine\",\"side_effects\":[\"tired\"]}")),
      Map.entry(route("GET /v1/users/{userId}/checkins"), Call.of("?from=2024-03-01&to=2024-03-31", null)),
      Map.entry(route("POST /v1/users/{userId}/reminders"), Call.of("", reminder("made by B"))),
      Map.entry(route("GET /v1/users/{userId}/reminders"), Call.of("", null)),
      Map.entry(route("GET /v1/users/{userId}/reminders/upcoming"), Call.of("", null)),
      Map.entry(route("GET /v1/users/{userId}/reminders/{reminderId}"), Call.of("", null)),
      Map.entry(route("PATCH /v1/users/{userId}/reminders/{reminderId}"), Call.of("", "{\"message\":\"changed by B\",\"active\":false}")),
      Map.entry(route("DELETE /v1/users/{userId}/reminders/{reminderId}"), Call.of("", null)),
      Map.entry(route("POST /v1/users/{userId}/reminders/{reminderId}/webhook-secret"), Call.of("", null)),
      Map.entry(route("POST /v1/users/{userId}/reminders/{reminderId}/completions"), Call.of("", "{}")),
      Map.entry(route("GET /v1/users/{userId}/reminders/{reminderId}/completions"), Call.of("", null)),
      Map.entry(route("GET /v1/users/{userId}/stream"), Call.stream("?since=0&heartbeat=1")));

  /** Routes only a service token may use; a user token is refused with 403, even its own user's. */
  static final Map<Route, Call> SERVICE_ROUTES = Map.of(
      route("POST /v1/users"), Call.of("", "{\"external_id\":\"made-by-a-user-token\"}"),
      route("GET /v1/users"), Call.of("?external_id={externalId}", null),
      route("POST /v1/users/{userId}/tokens"), Call.of("", "{\"name\":\"stolen\"}"));

  /** /v1 routes that hold no user's data (questionnaires): any valid token, user or service, may read them. */
  static final Set<Route> TOKEN_ROUTES = Set.of(route("GET /v1/assessments"), route("GET /v1/sleep-quiz"));

  /** Routes outside /v1: no token, and no user's data. */
  static final Set<Route> PUBLIC_ROUTES = Set.of(
      route("GET /health"), route("GET /metrics"), route("GET /openapi.json"), route("GET /docs"));

  @BeforeAll
  static void up() {
    api = TestApi.start();
  }

  @AfterAll
  static void down() {
    api.close();
  }

  @Test
  void every_route_has_a_cross_user_case() {
    var covered = new HashSet<Route>(USER_ROUTES.keySet());
    covered.addAll(SERVICE_ROUTES.keySet());
    covered.addAll(PUBLIC_ROUTES);
    covered.addAll(TOKEN_ROUTES);
    assertThat(api.app.routes()).as("routes registered by the app").containsExactlyInAnyOrderElementsOf(covered);
  }

  @TestFactory
  Stream<DynamicTest> a_user_token_never_gets_another_users_data_on_any_route() {
    return api.app.routes().stream().map(route -> DynamicTest.dynamicTest(route.method() + " " + route.path(), () -> {
      if (SERVICE_ROUTES.containsKey(route)) serviceOnly(route, SERVICE_ROUTES.get(route));
      else if (USER_ROUTES.containsKey(route)) userScoped(route, USER_ROUTES.get(route));
      else if (PUBLIC_ROUTES.contains(route)) open(route);
      else if (TOKEN_ROUTES.contains(route)) anyToken(route);
      else fail("no cross-user case for " + route + ": add it to CrossUserTest");
    }));
  }

  @TestFactory
  Stream<DynamicTest> a_v1_route_without_a_valid_token_is_a_401_asking_for_a_bearer_token() {
    return api.app.routes().stream().filter(r -> r.path().startsWith("/v1/")).flatMap(route -> {
      return Stream.of(
          credentialCase(route, "no Authorization header", Map.of()),
          credentialCase(route, "an unknown token", Map.of("Authorization", "Bearer nonsense")),
          credentialCase(route, "Basic credentials", Map.of("Authorization", "Basic dXNlcjpwYXNz")),
          credentialCase(route, "a forged user token", Map.of()));
    });
  }

  // ---- the three kinds of route ----

  /** B's token on A's data is refused, shows none of A's data and writes nothing; A's own token works. */
  private static void userScoped(Route route, Call call) {
    World w = World.create();
    String eventId = call.onDeletedEvent() ? w.deletedEventId : w.liveEventId;
    String path = fill(route.path(), w.a.id(), eventId, w) + fill(call.query(), w);

    refusedWithoutLeak(route.method(), path, w.b.token(), call.body(), w, Set.of(403, 404));
    if (route.path().replace("{userId}", "").replace("{code}", "").contains("{")) {
      // B names A's event (meal, medication, reminder, ...) under B's own user: it is not B's, so there is nothing there.
      String underB = fill(route.path(), w.b.id(), eventId, w) + fill(call.query(), w);
      refusedWithoutLeak(route.method(), underB, w.b.token(), call.body(), w, Set.of(404));
    }

    Response own = call.streaming()
        ? api.stream(path, w.a.token(), Map.of("Accept", "text/event-stream"), text -> text.contains("heartbeat"), java.time.Duration.ofSeconds(10))
        : api.send(route.method(), path, w.a.token(), call.body());
    assertThat(own.status()).as("the same request with A's own token: " + own).isBetween(200, 299);
  }

  /** Any user token is refused with 403, even on its own user; the service token works. */
  private static void serviceOnly(Route route, Call call) {
    World w = World.create();
    String path = fill(route.path(), w.a.id(), w.liveEventId, w) + fill(call.query(), w);

    refusedWithoutLeak(route.method(), path, w.b.token(), call.body(), w, Set.of(403));
    refusedWithoutLeak(route.method(), path, w.a.token(), call.body(), w, Set.of(403));

    Response service = api.send(route.method(), path, api.serviceToken, call.body());
    assertThat(service.status()).as("the same request with the service token: " + service).isBetween(200, 299);
  }

  /** Needs no token and shows nothing of any user, even after that user's data went through the app. */
  private static void open(Route route) {
    World w = World.create();
    Response r = api.send(route.method(), route.path(), null, null);
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    assertThat(r.body()).doesNotContain(w.b.id().toString()).doesNotContain(w.secrets());
  }

  /** Any user's token reads it, and it shows nothing of another user. */
  private static void anyToken(Route route) {
    World w = World.create();
    for (String token : List.of(w.b.token(), w.a.token(), api.serviceToken)) {
      Response r = api.send(route.method(), route.path(), token, null);
      assertThat(r.status()).as(r.toString()).isEqualTo(200);
      assertThat(r.body()).doesNotContain(w.secrets());
    }
  }

  private static DynamicTest credentialCase(Route route, String name, Map<String, String> headers) {
    return DynamicTest.dynamicTest(route.method() + " " + route.path() + " with " + name, () -> {
      World w = World.create();
      Map<String, String> auth = name.equals("a forged user token")
          ? Map.of("Authorization", "Bearer htu_" + w.a.id().toString().replace("-", "") + "_forged")
          : headers;
      String path = fill(route.path(), w.a.id(), w.liveEventId, w);
      var before = DatabaseSnapshot.of(api.db);
      Response r = api.send(route.method(), path, null, body(route), auth);
      assertThat(r.status()).as(r.toString()).isEqualTo(401);
      assertThat(r.header("WWW-Authenticate")).isEqualTo("Bearer");
      assertThat(r.header("Content-Type")).startsWith("application/problem+json");
      assertThat(r.json().get("field").asText()).isEqualTo("Authorization");
      assertThat(r.body()).doesNotContain(w.externalId, World.SECRET);
      assertThat(DatabaseSnapshot.of(api.db)).isEqualTo(before);
    });
  }

  // ---- checks and factories ----

  /**
   * The request is refused as problem+json, the database is unchanged, and the body holds none of A's
   * identifiers or data that the request did not itself name (the problem's instance echoes the path).
   */
  private static void refusedWithoutLeak(String method, String path, String token, String body, World w, Set<Integer> allowed) {
    var before = DatabaseSnapshot.of(api.db);
    Response r = api.send(method, path, token, body);
    assertThat(allowed).as(method + " " + path + " -> " + r).contains(r.status());
    assertThat(r.header("Content-Type")).as(r.toString()).startsWith("application/problem+json");
    String request = path + " " + body;
    for (String secret : w.secrets()) {
      if (!request.contains(secret)) assertThat(r.body()).as(method + " " + path).doesNotContain(secret);
    }
    assertThat(r.json().has("items")).isFalse();
    assertThat(r.json().has("data")).isFalse();
    assertThat(DatabaseSnapshot.of(api.db)).as("the database after " + method + " " + path).isEqualTo(before);
  }

  /**
   * User A with a profile, a live and a deleted event, and A's resources that routes name by id ({@code {mealId}}
   * to the id: a meal, a tracking category, a medication, a reminder), all holding a secret; and user B.
   */
  record World(TestApi.User a, String externalId, String liveEventId, String deletedEventId, TestApi.User b,
      Map<String, String> resources) {
    static final String SECRET = "secret-of-user-a";

    static World create() {
      String externalId = "a-" + UUID.randomUUID();
      Response created = api.post("/v1/users", api.serviceToken,
          "{\"external_id\":\"" + externalId + "\",\"profile\":{\"diagnosis\":\"" + SECRET + "\"}}");
      UUID id = UUID.fromString(created.json().get("id").asText());
      var a = new TestApi.User(id, api.app.tokens().createUserToken(id, "a"));
      String events = "/v1/users/" + id + "/events";
      String live = api.post(events, a.token(), note(SECRET)).json().get("id").asText();
      String deleted = api.post(events, a.token(), note(SECRET + " deleted")).json().get("id").asText();
      api.delete(events + "/" + deleted, a.token());
      var resources = new java.util.HashMap<String, String>();
      resources.put("{mealId}", api.post("/v1/users/" + id + "/meals", a.token(),
          "{\"meal_type\":\"lunch\",\"total_calories\":650,\"notes\":\"" + SECRET + "\"}").json().get("id").asText());
      resources.put("{categoryId}", api.post("/v1/users/" + id + "/tracking-categories", a.token(),
          "{\"name\":\"Water " + SECRET + "\",\"fields\":[{\"name\":\"glasses\",\"type\":\"integer\"}]}").json().get("id").asText());
      resources.put("{medicationId}", api.post("/v1/users/" + id + "/medications", a.token(), "{\"name\":\"" + SECRET
          + " pills\",\"schedule\":{\"times\":[\"08:00\"]},\"start_date\":\"2024-03-01\"}").json().get("id").asText());
      resources.put("{reminderId}", api.post("/v1/users/" + id + "/reminders", a.token(),
          reminder(SECRET).replace("{\"message\"", "{\"webhook_url\":\"https://example.com/" + SECRET + "\",\"message\"")).json().get("id").asText());
      return new World(a, externalId, live, deleted, api.newUser(), resources);
    }

    /** What B must never see of A: A's id, profile, events, resources and the secret they hold. */
    List<String> secrets() {
      var secrets = new java.util.ArrayList<>(List.of(a.id().toString(), externalId, liveEventId, deletedEventId, SECRET));
      secrets.addAll(resources.values());
      return secrets;
    }
  }

  private static String fill(String template, UUID userId, String eventId, World w) {
    String path = template.replace("{userId}", userId.toString()).replace("{eventId}", eventId).replace("{code}", "phq4");
    for (var r : w.resources.entrySet()) path = path.replace(r.getKey(), r.getValue());
    return path;
  }

  private static String fill(String query, World w) {
    return query.replace("{externalId}", URLEncoder.encode(w.externalId, StandardCharsets.UTF_8));
  }

  private static String body(Route route) {
    Call call = USER_ROUTES.getOrDefault(route, SERVICE_ROUTES.get(route));
    return call == null ? null : call.body();
  }

  private static String note(String text) {
    return "{\"type\":\"note\",\"occurred_at\":\"2024-03-10T12:30:00Z\",\"data\":{\"text\":\"" + text + "\"}}";
  }

  private static String reminder(String message) {
    return "{\"message\":\"" + message + "\",\"schedule\":{\"type\":\"daily\",\"time\":\"09:00\"}}";
  }

  private static Route route(String methodAndPath) {
    String[] parts = methodAndPath.split(" ", 2);
    return new Route(parts[0], parts[1]);
  }
}
