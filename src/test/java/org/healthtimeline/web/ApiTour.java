package org.healthtimeline.web;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.healthtimeline.testing.TestApi;

/**
 * A realistic walk through every route of the API (two apps' users, their events, corrections, deletions,
 * the change feed) plus the errors each route can give, recording every request with the path template it
 * was sent to, so that {@link OpenApiTest} can hold each answer against the document. It asserts nothing
 * itself: what is right is for the document to say.
 */
final class ApiTour {
  static final String USERS = "/v1/users";
  static final String USER = USERS + "/{userId}";
  static final String TOKENS = USER + "/tokens";
  static final String EVENTS = USER + "/events";
  static final String BATCH = EVENTS + "/batch";
  static final String COUNT = EVENTS + "/count";
  static final String EVENT = EVENTS + "/{eventId}";
  static final String HISTORY = EVENT + "/history";
  static final String RESTORE = EVENT + "/restore";
  static final String CHANGES = USER + "/changes";
  static final String REMINDERS = USER + "/reminders";
  static final String UPCOMING = REMINDERS + "/upcoming";
  static final String REMINDER = REMINDERS + "/{reminderId}";
  static final String WEBHOOK_SECRET = REMINDER + "/webhook-secret";
  static final String COMPLETIONS = REMINDER + "/completions";
  static final String STREAM = USER + "/stream";
  static final String MERGE_PATCH = "application/merge-patch+json";
  private static final int MIB = 1 << 20;

  /** One request, named by its documented path template, and the answer it got. */
  record Exchange(Call call, TestApi.Response response) {
    String operation() {
      return call.method + " " + call.template;
    }

    @Override
    public String toString() {
      return call.method + " " + call.path() + " -> " + response.status();
    }
  }

  final List<Exchange> exchanges = new ArrayList<>();
  /** Path parameters other than {userId} and {eventId}, for calls that name none; any reminder id will do. */
  private final Map<String, String> pathParams = new LinkedHashMap<>(Map.of("reminderId", "00000000-0000-4000-8000-000000000000"));
  private final TestApi api;
  private final OpenApiDocument doc;
  private TestApi.User alice;
  private TestApi.User bob;

  ApiTour(TestApi api, OpenApiDocument doc) {
    this.api = api;
    this.doc = doc;
  }

  ApiTour run() {
    service();
    users();
    String lunch = events();
    lifecycle();
    summaries();
    importsAndExports();
    food();
    sleepAndExercise();
    tracking();
    logs();
    medications();
    assessments();
    checkins();
    reminders();
    stream();
    errorsOfEveryOperation(lunch);
    return this;
  }

  private void service() {
    for (String path : List.of("/health", "/metrics", "/openapi.json", "/docs")) call("GET", path).send();
  }

  private void users() {
    String service = api.serviceToken;
    var created = call("POST", USERS).token(service)
        .body("{\"external_id\":\"ext-alice\",\"time_zone\":\"America/Chicago\",\"profile\":{\"name\":\"Alice\"}}").send();
    UUID aliceId = id(created);
    var token = call("POST", TOKENS).user(aliceId).token(service).body("{\"name\":\"alice's phone\"}").send();
    alice = new TestApi.User(aliceId, token.json().get("token").asText());
    UUID bobId = id(call("POST", USERS).token(service).body("{}").send());
    bob = new TestApi.User(bobId, api.app.tokens().createUserToken(bobId, "tour"));

    call("POST", USERS).token(service).body("{\"external_id\":\"ext-alice\"}").send();
    call("POST", USERS).token(service).body("{\"time_zone\":\"+02:00\",\"colour\":\"red\"}").send();
    call("GET", USERS).query("external_id=ext-alice").token(service).send();
    call("GET", USERS).query("external_id=nobody").token(service).send();
    call("GET", USERS).token(service).send();

    call("GET", USER).as(alice).send();
    call("PATCH", USER).as(alice)
        .body(MERGE_PATCH, "{\"preferences\":{\"units\":\"metric\"},\"profile\":{\"name\":null,\"goal\":\"sleep more\"}}").send();
    call("PATCH", USER).as(bob).body("{\"external_id\":\"ext-alice\"}").send();
    call("PATCH", USER).as(bob).body("{\"time_zone\":null,\"profile\":[]}").send();
    call("POST", TOKENS).as(alice).body("{}").send();

    UUID leaving = id(call("POST", USERS).token(service).body("{\"external_id\":\"ext-leaving\"}").send());
    call("DELETE", USER).user(leaving).token(service).send();
  }

  /** Returns the id of alice's lunch, which ends up restored and patched. */
  private String events() {
    String lunch = meal("2024-03-10T12:30:00-05:00", 650, ",\"dedupe_key\":\"lunch-1\",\"origin\":\"food-bot\"");
    String lunchId = id(call("POST", EVENTS).as(alice).body(lunch).send()).toString();
    call("POST", EVENTS).as(alice).body(lunch).send();
    call("POST", EVENTS).as(alice).body(meal("2024-03-10T12:30:00-05:00", 700, ",\"dedupe_key\":\"lunch-1\"")).send();

    String lineage = ",\"source_table\":\"food_entries\",\"source_id\":\"fe-1\"";
    call("POST", EVENTS).as(alice).body(meal("2024-03-10T19:00:00-05:00", 800, lineage + ",\"record_version\":1")).send();
    call("POST", EVENTS).as(alice).body(meal("2024-03-10T19:00:00-05:00", 760, lineage + ",\"record_version\":3")).send();
    call("POST", EVENTS).as(alice).body(meal("2024-03-10T19:00:00-05:00", 999, lineage + ",\"record_version\":2")).send();

    // The night the clocks went forward in Chicago.
    call("POST", EVENTS).as(alice).body("""
        {"type":"sleep","occurred_at":"2024-03-09T23:10:00-06:00","ended_at":"2024-03-10T06:40:00-05:00",
         "time_zone":"America/Chicago","data":{"bedtime":"23:10","wake_time":"06:40","total_sleep_hours":6.5,
         "sleep_quality_rating":6,"disruptions":["dst"]}}""").send();
    var notes = new ArrayList<String>();
    for (int i = 0; i < 3; i++) {
      notes.add(id(call("POST", EVENTS).as(alice).body("""
          {"type":"note","occurred_at":"2024-03-10T09:0%d:00-05:00","session_id":"chat-1","importance":0.%d,
           "summary":"message %d","data":{"text":"message %d","tags":["coach"]}}""".formatted(i, 3 + 3 * i, i, i)).send()).toString());
    }
    call("POST", EVENTS).as(alice)
        .body("{\"type\":\"meal\",\"occurred_at\":\"yesterday\",\"data\":{\"meal_type\":\"brunch\"},\"colour\":\"red\"}").send();
    call("POST", EVENTS).as(alice).body("[]").send();

    call("POST", BATCH).as(alice).body("{\"events\":[" + String.join(",",
        "{\"type\":\"exercise\",\"occurred_at\":\"2024-03-11T07:00:00-05:00\",\"ended_at\":\"2024-03-11T07:45:00-05:00\","
            + "\"subtype\":\"run\",\"data\":{\"activity_type\":\"running\",\"duration_minutes\":45,\"distance_km\":8.2}}",
        "{\"type\":\"vital\",\"subtype\":\"blood_pressure\",\"occurred_at\":\"2024-03-11T08:00:00-05:00\","
            + "\"data\":{\"measure\":\"blood_pressure\",\"systolic\":118,\"diastolic\":76,\"unit\":\"mmHg\"}}",
        "{\"type\":\"teleport\",\"occurred_at\":\"2024-03-11T08:00:00Z\",\"data\":{}}",
        lunch,
        meal("2024-03-10T12:30:00-05:00", 900, ",\"dedupe_key\":\"lunch-1\"")) + "]}").send();
    call("POST", BATCH).as(alice).query("atomic=true")
        .body("{\"events\":[" + meal("2024-03-12T12:00:00Z", 500) + "," + meal("2024-03-12T13:00:00Z", -5) + "]}").send();
    call("POST", BATCH).as(alice).query("atomic=true")
        .body("{\"events\":[" + meal("2024-03-12T12:00:00Z", 500) + ","
            + meal("2024-03-10T12:30:00-05:00", 900, ",\"dedupe_key\":\"lunch-1\"") + "]}").send();
    call("POST", BATCH).as(alice).body("{\"events\":[]}").send();

    listAndCount();

    call("GET", EVENT).as(alice).event(lunchId).send();
    call("GET", EVENT).as(alice).event(UUID.randomUUID()).send();
    call("PATCH", EVENT).as(alice).event(lunchId).body(MERGE_PATCH,
        "{\"data\":{\"total_calories\":600,\"notes\":\"smaller portion\"},\"importance\":0.5,\"summary\":\"lunch, smaller\"}").send();
    call("PATCH", EVENT).as(alice).event(lunchId).header("If-Match", "\"1\"").body(MERGE_PATCH, "{\"subtype\":\"work lunch\"}").send();
    call("PATCH", EVENT).as(alice).event(lunchId).header("If-Match", "\"2\"").body("{\"subtype\":\"work lunch\"}").send();
    call("PATCH", EVENT).as(alice).event(lunchId).body("{\"dedupe_key\":\"other\",\"data\":{\"meal_type\":\"brunch\"}}").send();
    call("GET", HISTORY).as(alice).event(lunchId).send();

    call("DELETE", EVENT).as(alice).event(lunchId).send();
    call("DELETE", EVENT).as(alice).event(lunchId).send();
    call("GET", EVENT).as(alice).event(lunchId).send();
    call("GET", EVENT).as(alice).event(lunchId).query("include_deleted=true").send();
    call("GET", EVENTS).as(alice).query("include_deleted=true&type=meal").send();
    call("PATCH", EVENT).as(alice).event(lunchId).body("{\"summary\":\"too late\"}").send();
    call("POST", RESTORE).as(alice).event(lunchId).send();
    call("POST", RESTORE).as(alice).event(lunchId).send();
    call("DELETE", EVENT).as(alice).event(notes.get(1)).send();
    call("GET", HISTORY).as(alice).event(notes.get(1)).send();

    changeFeed();
    return lunchId;
  }

  /** Alice's days of March 2024 in Chicago, a water tracker among them, summed up by metric and by day. */
  private void summaries() {
    call("POST", EVENTS).as(alice).body("""
        {"type":"tracker","occurred_at":"2024-03-11T09:00:00-05:00",
         "data":{"category_id":"0b9e2c1a-3f4d-4e5f-8a6b-7c8d9e0f1a2b","category_name":"Water","data":{"glasses":3}}}""").send();
    call("POST", EVENTS).as(alice).body("""
        {"type":"medication","occurred_at":"2024-03-11T08:00:00-05:00","data":{"name":"Sertraline","status":"taken"}}""").send();
    call("POST", EVENTS).as(alice).body("""
        {"type":"medication","subtype":"as_needed","occurred_at":"2024-03-11T13:00:00-05:00","data":{"name":"Ibuprofen","status":"taken"}}""").send();
    call("POST", EVENTS).as(alice).body("""
        {"type":"stress","occurred_at":"2024-03-11T10:00:00-05:00","data":{"stress_level":6}}""").send();
    String aggregates = USER + "/aggregates";
    call("GET", aggregates).as(alice).query("metric=calories&from=2024-03-01&to=2024-03-31").send();
    call("GET", aggregates).as(alice).query("metric=sleep_hours&bucket=week&from=2024-03-04&to=2024-03-17").send();
    call("GET", aggregates).as(alice).query("metric=symptoms&bucket=month&from=2024-01-15&to=2024-03-31").send();
    call("GET", aggregates).as(alice).query("metric=medication_adherence&from=2024-03-10&to=2024-03-11").send();
    call("GET", aggregates).as(alice).query("metric=stress&bucket=week&from=2024-03-04&to=2024-03-17").send();
    call("GET", aggregates).as(alice).query("metric=tracker&category=Water&field=glasses&stat=last&from=2024-03-10&to=2024-03-12").send();
    call("GET", aggregates).as(alice).query("metric=calories&bucket=hour&from=2024-03-01&to=2024-03-31").send();
    call("GET", aggregates).as(alice).query("metric=tracker&category=Coffee&field=cups&stat=sum&from=2024-03-01&to=2024-03-31").send();
    call("GET", aggregates).user(UUID.randomUUID()).token(api.serviceToken).query("metric=meals&from=2024-03-01&to=2024-03-31").send();
    String daily = USER + "/summary/daily";
    call("GET", daily).as(alice).query("date=2024-03-11").send();
    call("GET", daily).as(alice).send();
    call("GET", daily).as(alice).query("date=11.03.2024").send();
  }

  /** io: each import format with its media type, a strict refusal, and each export format. */
  private void importsAndExports() {
    String imports = USER + "/imports";
    String export = USER + "/export";
    try {
      for (var file : List.of(List.of("events.ndjson", "application/x-ndjson"), List.of("events.csv", "text/csv"),
          List.of("apple-health-export.xml", "application/xml"), List.of("fhir-observations.json", "application/fhir+json"))) {
        String text = java.nio.file.Files.readString(org.healthtimeline.testing.SharedData.dir(file.get(0)));
        call("POST", imports).as(alice).body(file.get(1), text).send();
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    call("POST", imports).as(alice).query("strict=true").body("application/x-ndjson",
        "{\"type\":\"teleport\",\"occurred_at\":\"2024-03-09T16:00:00-06:00\",\"data\":{}}\n").send();
    call("POST", imports).as(alice).query("format=pdf").body("application/x-ndjson", "{}\n").send();
    call("GET", export).as(alice).send();
    call("GET", export).as(alice).query("format=csv&type=meal,mood&from=2024-03-09T00:00:00Z&to=2024-03-12T00:00:00Z").send();
    call("GET", export).as(alice).query("format=fhir").send();
    call("GET", export).as(alice).query("format=pdf").send();
  }

  private void listAndCount() {
    call("GET", EVENTS).as(alice).send();
    String cursor = null;
    for (int page = 0; page < 10; page++) {
      var r = call("GET", EVENTS).as(alice).query("limit=2" + (cursor == null ? "" : "&cursor=" + cursor)).send();
      JsonNode next = r.json() == null ? null : r.json().get("next_cursor");
      if (next == null || next.isNull()) break;
      cursor = next.asText();
    }
    call("GET", EVENTS).as(alice).query("session_id=chat-1").send();
    call("GET", EVENTS).as(alice).query("type=meal,sleep&type=note&from=2024-03-09T00:00:00Z&to=2024-03-11T00:00:00Z&order=asc").send();
    call("GET", EVENTS).as(alice).query("data_path=" + enc("$.total_calories > 500")).send();
    call("GET", EVENTS).as(alice).query("data_contains=" + enc("{\"meal_type\":\"lunch\"}") + "&min_importance=0.5").send();
    call("GET", EVENTS).as(alice).query("limit=0&order=sideways").send();
    call("GET", EVENTS).as(alice).query("cursor=bm90LWEtY3Vyc29y").send();
    call("GET", COUNT).as(alice).query("type=note&session_id=chat-1").send();
    call("GET", COUNT).as(alice).send();
    call("GET", COUNT).as(alice).query("type=teleport").send();
  }

  static final String MEALS = USER + "/meals";
  static final String MEAL = MEALS + "/{mealId}";
  static final String MEAL_CORRECTIONS = MEAL + "/corrections";

  /** Alice logs meals, corrects one, reads its audit trail; and the mistakes a food app makes. */
  private void food() {
    String lunch = """
        {"occurred_at":"2024-03-12T12:30:00-05:00","meal_type":"lunch","photo_path":"/photos/12.jpg",
         "foods":[{"name":"Chicken breast","quantity":"200g","calories":330,"macros":{"protein":62,"carbs":0,"fat":7}},
                  {"name":"Rice","quantity":1.5,"calories":205,"macros":{"protein":4,"carbs":45,"fat":0.4}}]}""";
    String mealId = id(call("POST", MEALS).as(alice).body(lunch).send()).toString();
    pathParams.put("mealId", mealId);
    call("POST", MEALS).as(alice).body("{\"meal_type\":\"snack\",\"total_calories\":180,\"notes\":\"apple\"}").send();
    call("POST", MEALS).as(alice).body("{\"meal_type\":\"lunch\",\"total_calories\":900,"
        + "\"foods\":[{\"name\":\"Rice\",\"calories\":200,\"protein\":4}]}").send();
    call("GET", MEALS).as(alice).query("limit=1").send();
    call("GET", MEALS).as(alice).query("meal_type=lunch&from=2024-03-01T00:00:00Z").send();
    call("GET", MEALS).as(alice).query("meal_type=brunch").send();
    call("GET", MEAL).as(alice).param("mealId", mealId).send();
    call("POST", MEAL_CORRECTIONS).as(alice).param("mealId", mealId).body("""
        {"reason":"the portion was smaller","foods":[{"name":"Chicken breast","quantity":"150g","calories":248,
         "macros":{"protein":46,"carbs":0,"fat":5}}]}""").send();
    call("POST", MEAL_CORRECTIONS).as(alice).param("mealId", mealId).body("{\"reason\":\"checked again\",\"meal_type\":\"lunch\"}").send();
    call("POST", MEAL_CORRECTIONS).as(alice).param("mealId", mealId).body("{\"reason\":\"total\",\"total_calories\":400}").send();
    call("GET", MEAL_CORRECTIONS).as(alice).param("mealId", mealId).send();
  }

  static final String SLEEP = USER + "/sleep";
  static final String EXERCISE = USER + "/exercise";

  /** The night the clocks went forward in Chicago, a run; a night that ends when it starts. */
  private void sleepAndExercise() {
    call("POST", SLEEP).as(alice).body("""
        {"bedtime":"2024-03-09T23:10:00-06:00","wake_time":"2024-03-10T06:40:00-05:00","sleep_latency_minutes":15,
         "sleep_quality_rating":6,"disruptions":["dst"],"phone_duration_minutes":10}""").send();
    call("POST", SLEEP).as(alice).body("{\"bedtime\":\"2024-03-10T23:00:00-05:00\",\"wake_time\":\"2024-03-10T23:00:00-05:00\"}").send();
    call("GET", SLEEP).as(alice).query("limit=10").send();
    call("GET", SLEEP).as(alice).query("cursor=bm9wZQ").send();
    call("POST", EXERCISE).as(alice).body("""
        {"occurred_at":"2024-03-11T07:00:00-05:00","duration_minutes":45,"activity_type":"running","intensity":"moderate"}""").send();
    call("POST", EXERCISE).as(alice).body("{\"occurred_at\":\"2024-03-11T07:00:00-05:00\",\"activity_type\":\"running\",\"intensity\":\"extreme\"}").send();
    call("GET", EXERCISE).as(alice).query("activity_type=running").send();
    call("GET", EXERCISE).as(alice).query("limit=0").send();
  }

  static final String CATEGORIES = USER + "/tracking-categories";
  static final String CATEGORY = CATEGORIES + "/{categoryId}";
  static final String ENTRIES = CATEGORY + "/entries";

  /** Alice tracks her blood pressure and water, renames one, pauses the other. */
  private void tracking() {
    String bp = """
        {"name":"Blood Pressure","fields":[
          {"name":"systolic","type":"integer","required":true,"min":60,"max":260,"unit":"mmHg"},
          {"name":"diastolic","type":"integer","required":true,"min":30,"max":160,"unit":"mmHg"},
          {"name":"heart_rate","type":"integer","min":30,"max":220,"unit":"bpm"}]}""";
    String bpId = id(call("POST", CATEGORIES).as(alice).body(bp).send()).toString();
    pathParams.put("categoryId", bpId);
    call("POST", CATEGORIES).as(alice).body(bp).send();
    call("POST", CATEGORIES).as(alice).body("{\"name\":\"Water\",\"fields\":[{\"name\":\"glasses\",\"type\":\"float\"}]}").send();
    String waterId = id(call("POST", CATEGORIES).as(alice)
        .body("{\"name\":\"Water\",\"fields\":[{\"name\":\"glasses\",\"type\":\"integer\",\"required\":true,\"min\":0}]}").send()).toString();
    call("POST", ENTRIES).as(alice).param("categoryId", bpId)
        .body("{\"occurred_at\":\"2024-03-11T07:30:00-05:00\",\"data\":{\"systolic\":121,\"diastolic\":79,\"heart_rate\":64}}").send();
    call("POST", ENTRIES).as(alice).param("categoryId", bpId).body("{\"data\":{\"systolic\":300,\"diastolic\":79}}").send();
    call("POST", ENTRIES).as(alice).param("categoryId", waterId).body("{\"data\":{\"glasses\":8}}").send();
    call("PATCH", CATEGORY).as(alice).param("categoryId", bpId).body("{\"name\":\"Morning blood pressure\"}").send();
    call("PATCH", CATEGORY).as(alice).param("categoryId", waterId).body("{\"active\":false}").send();
    call("PATCH", CATEGORY).as(alice).param("categoryId", waterId).body("{\"name\":\"Morning blood pressure\"}").send();
    call("PATCH", CATEGORY).as(alice).param("categoryId", waterId).body("{\"fields\":[]}").send();
    call("POST", ENTRIES).as(alice).param("categoryId", waterId).body("{\"data\":{\"glasses\":2}}").send();
    call("GET", CATEGORIES).as(alice).send();
    call("GET", CATEGORIES).as(alice).query("active=sometimes").send();
    call("GET", CATEGORY).as(alice).param("categoryId", bpId).send();
    call("GET", ENTRIES).as(alice).param("categoryId", bpId).query("limit=1").send();
  }

  /** Alice's headache (sent twice, then changed under the same key), mood, stress, vitals in her units, a note. */
  private void logs() {
    String headache = "{\"symptom_type\":\"headache\",\"severity\":6,\"triggers\":[\"poor sleep\"],\"dedupe_key\":\"h-1\",\"occurred_at\":\"2024-03-11T14:00:00-05:00\"}";
    call("POST", USER + "/symptoms").as(alice).body(headache).send();
    call("POST", USER + "/symptoms").as(alice).body(headache).send();
    call("POST", USER + "/symptoms").as(alice).body(headache.replace("6", "7")).send();
    call("POST", USER + "/symptoms").as(alice).body("{\"symptom_type\":\"headache\",\"severity\":11}").send();
    call("POST", USER + "/moods").as(alice).body("{\"mood_rating\":7,\"emotions\":[\"calm\"],\"dedupe_key\":\"m-1\",\"occurred_at\":\"2024-03-11T21:00:00-05:00\"}").send();
    call("POST", USER + "/moods").as(alice).body("{\"mood_rating\":7,\"emotions\":[\"calm\"],\"dedupe_key\":\"m-1\",\"occurred_at\":\"2024-03-11T21:00:00-05:00\"}").send();
    call("POST", USER + "/moods").as(alice).body("{\"mood_rating\":8,\"dedupe_key\":\"m-1\",\"occurred_at\":\"2024-03-11T21:00:00-05:00\"}").send();
    call("POST", USER + "/moods").as(alice).body("{\"mood_rating\":0}").send();
    call("POST", USER + "/stress").as(alice).body("{\"stress_level\":7,\"triggers\":[\"deadline\"],\"dedupe_key\":\"s-1\",\"occurred_at\":\"2024-03-11T15:00:00-05:00\"}").send();
    call("POST", USER + "/stress").as(alice).body("{\"stress_level\":7,\"triggers\":[\"deadline\"],\"dedupe_key\":\"s-1\",\"occurred_at\":\"2024-03-11T15:00:00-05:00\"}").send();
    call("POST", USER + "/stress").as(alice).body("{\"stress_level\":5,\"dedupe_key\":\"s-1\",\"occurred_at\":\"2024-03-11T15:00:00-05:00\"}").send();
    call("POST", USER + "/stress").as(alice).body("{\"stress_level\":\"high\"}").send();
    String glucose = "{\"measure\":\"glucose\",\"value\":99,\"unit\":\"mg/dL\",\"dedupe_key\":\"g-1\",\"occurred_at\":\"2024-03-11T08:00:00-05:00\"}";
    call("POST", USER + "/vitals").as(alice).body(glucose).send();
    call("POST", USER + "/vitals").as(alice).body(glucose).send();
    call("POST", USER + "/vitals").as(alice).body(glucose.replace("99", "101")).send();
    call("POST", USER + "/vitals").as(alice).body("{\"measure\":\"blood_pressure\",\"systolic\":16,\"diastolic\":10.7,\"unit\":\"kPa\"}").send();
    call("POST", USER + "/vitals").as(alice).body("{\"measure\":\"weight\",\"value\":154,\"unit\":\"mmHg\"}").send();
    call("POST", USER + "/notes").as(alice).body("{\"text\":\"Started the running plan\",\"tags\":[\"running\"],\"dedupe_key\":\"n-1\",\"occurred_at\":\"2024-03-11T22:00:00-05:00\"}").send();
    call("POST", USER + "/notes").as(alice).body("{\"text\":\"Started the running plan\",\"tags\":[\"running\"],\"dedupe_key\":\"n-1\",\"occurred_at\":\"2024-03-11T22:00:00-05:00\"}").send();
    call("POST", USER + "/notes").as(alice).body("{\"text\":\"Changed my mind\",\"dedupe_key\":\"n-1\",\"occurred_at\":\"2024-03-11T22:00:00-05:00\"}").send();
    call("POST", USER + "/notes").as(alice).body("{\"tags\":[]}").send();
  }

  private void changeFeed() {
    String since = "0";
    for (int page = 0; page < 20; page++) {
      var r = call("GET", CHANGES).as(alice).query("limit=3&since=" + since).send();
      if (r.json() == null || !r.json().path("has_more").asBoolean()) break;
      since = r.json().get("next_since").asText();
    }
    call("GET", CHANGES).as(alice).query("since=-1").send();
    call("GET", CHANGES).as(alice).query("limit=1001").send();
  }

  /** A person's complete export. */
  private void lifecycle() {
    call("GET", USER + "/archive").as(alice).send();
  }

  private void medications() {
    String medications = USER + "/medications";
    String medication = medications + "/{medicationId}";
    String doses = medication + "/doses";
    var metformin = call("POST", medications).as(alice)
        .body("{\"name\":\"Metformin\",\"dose\":500,\"unit\":\"mg\",\"schedule\":{\"times\":[\"20:00\",\"08:00\"]},\"start_date\":\"2024-03-01\"}").send();
    String metforminId = id(metformin).toString();
    pathParams.put("medicationId", metforminId);
    call("POST", medications).as(alice).body("{\"name\":\"Ibuprofen\",\"dose\":400,\"unit\":\"mg\",\"as_needed\":true}").send();
    call("POST", medications).as(alice).body("{\"name\":\"\",\"dose\":-1,\"schedule\":{\"times\":[\"8am\"],\"days\":[1]}}").send();
    call("GET", medications).as(alice).send();
    call("GET", medications).as(alice).query("include_inactive=maybe").send();
    call("GET", medication).as(alice).send();
    call("GET", medication).as(alice).param("medicationId", UUID.randomUUID()).send();

    String dose = "{\"status\":\"taken\",\"scheduled_for\":\"2024-03-10T08:00:00-05:00\",\"taken_at\":\"2024-03-10T08:20:00-05:00\",\"side_effects\":[\"mild nausea\"]}";
    call("POST", doses).as(alice).body(dose).send();
    call("POST", doses).as(alice).body(dose).send();
    call("POST", doses).as(alice).body("{\"status\":\"skipped\",\"scheduled_for\":\"2024-03-10T20:00:00-05:00\",\"notes\":\"felt sick\"}").send();
    call("POST", doses).as(alice).body("{\"status\":\"taken\",\"scheduled_for\":\"2024-03-10T09:00:00-05:00\"}").send();
    String extra = "{\"status\":\"taken\",\"id\":\"3b2b1f0e-5c47-4d0c-9a63-0c7b5a1f2e10\",\"taken_at\":\"2024-03-11T13:00:00-05:00\"}";
    call("POST", doses).as(alice).body(extra).send();
    call("POST", doses).as(alice).body(extra.replace("13:00", "14:00")).send();
    call("POST", doses).as(alice).param("medicationId", UUID.randomUUID()).body(dose).send();
    call("GET", doses).as(alice).query("from=2024-03-01T00:00:00Z&limit=10").send();
    call("GET", doses).as(alice).query("limit=0").send();

    call("PATCH", medication).as(alice).body(MERGE_PATCH, "{\"schedule\":{\"times\":[\"09:00\"]},\"unit\":null}").send();
    call("PATCH", medication).as(alice).body("{\"end_date\":\"2024-01-01\"}").send();
    call("PATCH", medication).as(alice).body("{\"active\":false}").send();
    call("GET", medications).as(alice).query("include_inactive=true").send();
    call("GET", medications + "/adherence").as(alice).query("days=30").send();
    call("GET", medications + "/adherence").as(alice).query("days=0").send();
  }

  private void assessments() {
    String responses = USER + "/assessments/{code}/responses";
    String sleepQuiz = USER + "/sleep-quiz";
    pathParams.put("code", "phq4");
    call("GET", "/v1/assessments").as(alice).send();
    String phq4 = "{\"id\":\"7d1f2c3a-9b8e-4c5d-8e7f-1a2b3c4d5e6f\",\"answers\":[2,1,0,1],\"completed_at\":\"2024-03-10T09:00:00-05:00\"}";
    call("POST", responses).as(alice).body(phq4).send();
    call("POST", responses).as(alice).body(phq4).send();
    call("POST", responses).as(alice).body(phq4.replace("[2,1,0,1]", "[3,3,3,3]")).send();
    call("POST", responses).as(alice).param("code", "gad7").body("{\"answers\":[1,1,2,0,1,1,0]}").send();
    call("POST", responses).as(alice).body("{\"answers\":[1,2,4]}").send();
    call("POST", responses).as(alice).param("code", "phq9").body("{\"answers\":[1,1,1,1]}").send();
    call("GET", responses).as(alice).send();
    call("GET", responses).as(alice).param("code", "gad7").query("from=2024-01-01T00:00:00Z&limit=5").send();
    call("GET", responses).as(alice).param("code", "phq9").send();
    call("GET", responses).as(alice).query("limit=many").send();

    call("GET", "/v1/sleep-quiz").as(alice).send();
    String quiz = "{\"id\":\"5e4d3c2b-1a09-4f8e-9d7c-6b5a4f3e2d1c\",\"answers\":{\"hours\":\"5_to_6\",\"latency\":\"30_to_60\",\"wakings\":\"1_to_2\","
        + "\"regularity\":\"1_to_2_h\",\"screens\":\"most_nights\",\"caffeine\":\"afternoon\",\"daytime\":\"mostly\",\"quality\":\"fairly_good\"}}";
    call("POST", sleepQuiz).as(alice).body(quiz).send();
    call("POST", sleepQuiz).as(alice).body(quiz).send();
    call("POST", sleepQuiz).as(alice).body(quiz.replace("\"5_to_6\"", "\"7_to_9\"")).send();
    call("POST", sleepQuiz).as(alice).body("{\"answers\":{\"hours\":\"lots\"}}").send();
    call("GET", sleepQuiz).as(alice).send();
    call("GET", sleepQuiz).as(alice).query("from=2030-01-01T00:00:00Z&to=2020-01-01T00:00:00Z").send();
  }

  private void checkins() {
    String checkins = USER + "/checkins";
    String checkin = "{\"checkin_id\":\"2024-03-12\",\"occurred_at\":\"2024-03-12T20:00:00-05:00\",\"mood_today\":\"anxious\","
        + "\"confidence_today\":7,\"anxiety_level\":6,\"side_effects\":[\"headache\",\"bloating\"],\"notes\":\"worried\"}";
    call("POST", checkins).as(alice).body(checkin).send();
    call("POST", checkins).as(alice).body(checkin).send();
    call("POST", checkins).as(alice).body(checkin.replace("anxious", "calm")).send();
    call("POST", checkins).as(alice).body("{\"mood_today\":\"ok\",\"anxiety_level\":11}").send();
    call("GET", checkins).as(alice).query("from=2024-03-01&to=2024-03-31").send();
    call("GET", checkins).as(alice).send();
    call("GET", checkins).as(alice).query("from=March").send();
  }

  private void reminders() {
    String pill = id(call("POST", REMINDERS).as(alice).body("""
        {"message":"Evening pill","reminder_type":"simple","webhook_url":"https://alice-bot.example.com/hooks",
         "schedule":{"type":"daily","time":"21:30","days":["mon","tue","wed","thu","fri"]}}""").send()).toString();
    call("POST", REMINDERS).as(alice).body("""
        {"message":"Stand up","schedule":{"type":"interval","every_hours":2,"start":"08:00","end":"18:00"}}""").send();
    String sunday = id(call("POST", REMINDERS).as(alice).body("""
        {"message":"Log your weight","reminder_type":"tracking_prompt","schedule":{"type":"weekly","day":"sun","time":"18:00"}}""")
        .send()).toString();
    String dentist = id(call("POST", REMINDERS).as(alice).body("""
        {"message":"Dentist","schedule":{"type":"one_time","datetime":"2099-01-20T15:30:00"}}""").send()).toString();
    call("POST", REMINDERS).as(alice).body("{\"message\":\"x\",\"schedule\":{\"type\":\"daily\",\"time\":\"25:00\",\"days\":[]}}").send();
    call("GET", REMINDERS).as(alice).send();
    call("GET", REMINDERS).as(alice).query("active=true").send();
    call("GET", UPCOMING).as(alice).query("limit=5").send();
    call("GET", UPCOMING).as(alice).query("limit=0").send();
    call("GET", REMINDER).as(alice).reminder(pill).send();
    call("GET", REMINDER).as(alice).reminder(UUID.randomUUID()).send();
    call("PATCH", REMINDER).as(alice).reminder(pill).body(MERGE_PATCH, "{\"schedule\":{\"time\":\"22:00\"},\"message\":\"Late pill\"}").send();
    call("PATCH", REMINDER).as(alice).reminder(sunday).body("{\"active\":false}").send();
    call("PATCH", REMINDER).as(alice).reminder(pill).body("{\"schedule\":{\"type\":\"interval\",\"every_hours\":0}}").send();
    call("POST", WEBHOOK_SECRET).as(alice).reminder(pill).send();
    call("POST", WEBHOOK_SECRET).as(alice).reminder(sunday).send();
    String done = id(call("POST", COMPLETIONS).as(alice).reminder(pill).send()).toString();
    call("POST", COMPLETIONS).as(alice).reminder(pill).body("{\"completion_id\":\"" + done + "\"}").send();
    call("POST", COMPLETIONS).as(alice).reminder(pill).body("{\"completed_at\":\"2999-01-01T00:00:00Z\"}").send();
    call("GET", COMPLETIONS).as(alice).reminder(pill).query("limit=10").send();
    call("DELETE", REMINDER).as(alice).reminder(dentist).send();
  }

  /** A bounded part of the stream (until its first heartbeat, after replaying alice's history), and its refusals. */
  private void stream() {
    call("GET", STREAM).as(alice).header("Accept", "text/event-stream").query("since=0&heartbeat=1")
        .stream(text -> text.contains(": heartbeat"));
    call("GET", STREAM).as(alice).send();
    call("GET", STREAM).as(alice).header("Accept", "text/event-stream").header("Last-Event-ID", "yesterday").send();
  }

  /**
   * The errors every /v1 operation can give, for each operation the document lists: no token (401), the
   * wrong token (403), a user or event that does not exist (404), a malformed id (400), a body too large
   * (413). Bodies, where needed, are the document's own examples.
   */
  private void errorsOfEveryOperation(String eventId) {
    for (String operation : doc.operations()) {
      String method = operation.substring(0, operation.indexOf(' '));
      String template = operation.substring(operation.indexOf(' ') + 1);
      if (!template.startsWith("/v1/")) continue;
      String example = example(doc.operation(method, template));
      boolean ofAUser = template.contains("{userId}");

      call(method, template).user(alice.id()).event(eventId).body(example).send();
      call(method, template).user(alice.id()).event(eventId).token(ofAUser ? bob.token() : alice.token()).body(example).send();
      call(method, template).user(alice.id()).event(eventId).token("hts_not-a-real-token").body(example).send();
      if (ofAUser) {
        call(method, template).user(UUID.randomUUID()).event(UUID.randomUUID()).token(api.serviceToken).body(example).send();
        call(method, template).user("not-a-uuid").event(eventId).token(api.serviceToken).body(example).send();
      }
      if (example != null) {
        int limit = template.equals(BATCH) ? 16 * MIB : MIB;
        call(method, template).user(alice.id()).event(eventId).token(api.serviceToken)
            .body("{\"note\":\"" + "a".repeat(limit) + "\"}").send();
      }
    }
  }

  private static String example(JsonNode operation) {
    JsonNode example = operation.path("requestBody").path("content").path("application/json").get("example");
    return example == null ? null : Json.write(example);
  }

  static String meal(String occurredAt, int calories) {
    return meal(occurredAt, calories, "");
  }

  static String meal(String occurredAt, int calories, String extra) {
    return """
        {"type":"meal","occurred_at":"%s","data":{"meal_type":"lunch","total_calories":%d,
         "total_macros":{"protein":40,"carbs":60,"fat":20},
         "foods":[{"name":"Chicken breast","quantity":"200g","calories":%d}]}%s}"""
        .formatted(occurredAt, calories, calories, extra);
  }

  private static UUID id(TestApi.Response r) {
    if (r.json() == null || !r.json().hasNonNull("id")) throw new IllegalStateException("expected a body with an id: " + r);
    return UUID.fromString(r.json().get("id").asText());
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  Call call(String method, String template) {
    return new Call(method, template);
  }

  /** A request to a documented path template; send() records it. */
  final class Call {
    final String method;
    final String template;
    private String userId = "";
    private String eventId = "";
    private final Map<String, String> params = new LinkedHashMap<>(pathParams);
    private String query = "";
    private String token;
    String body;
    String contentType = "application/json";
    private final Map<String, String> headers = new LinkedHashMap<>();

    Call(String method, String template) {
      this.method = method;
      this.template = template;
    }

    Call user(Object id) {
      userId = id.toString();
      return this;
    }

    Call event(Object id) {
      eventId = id.toString();
      return this;
    }

    /** A path parameter other than {userId} and {eventId}. */
    Call param(String name, Object value) {
      params.put(name, value.toString());
      return this;
    }

    Call reminder(Object id) {
      return param("reminderId", id);
    }

    Call as(TestApi.User u) {
      return user(u.id()).token(u.token());
    }

    Call token(String t) {
      token = t;
      return this;
    }

    Call query(String q) {
      query = "?" + q;
      return this;
    }

    Call header(String name, String value) {
      headers.put(name, value);
      return this;
    }

    Call body(String json) {
      body = json;
      return this;
    }

    Call body(String type, String json) {
      contentType = type;
      return body(json);
    }

    String path() {
      String path = template.replace("{userId}", userId).replace("{eventId}", eventId);
      for (var p : params.entrySet()) path = path.replace("{" + p.getKey() + "}", p.getValue());
      return path + query;
    }

    /** For a Server-Sent Events answer: read until {@code enough} holds for the text so far, then hang up. */
    TestApi.Response stream(java.util.function.Predicate<String> enough) {
      TestApi.Response r = api.stream(path(), token, headers, enough, java.time.Duration.ofSeconds(10));
      exchanges.add(new Exchange(this, r));
      return r;
    }

    TestApi.Response send() {
      if (body != null) headers.put("Content-Type", contentType);
      TestApi.Response r = api.send(method, path(), token, body, headers);
      exchanges.add(new Exchange(this, r));
      return r;
    }
  }
}
