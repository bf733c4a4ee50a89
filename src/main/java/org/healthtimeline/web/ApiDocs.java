package org.healthtimeline.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The OpenAPI 3.1 document at /openapi.json and Swagger UI (from its WebJar) at /docs.
 *
 * <p>The document is {@code src/main/resources/openapi.json}, written by hand, plus one fragment per feature
 * ({@code src/main/resources/openapi/<feature>.json}, holding that feature's tags, paths and components), so
 * that a feature documents its routes beside its own code. It is completed once at startup with
 * the per-type {@code data} schemas that validate events ({@code src/main/resources/schemas/*.json}): each
 * becomes {@code components/schemas/<Type>Data}, {@code EventType} gets their names as its enum, and
 * {@code DataMatchesType} ties {@code data} to {@code type}. So the document can never describe other data
 * schemas than the ones the server enforces, and is still one self-contained file when served.
 */
public final class ApiDocs {
  static final String SWAGGER_UI = "/webjars/swagger-ui/5.34.1";
  private static final String SCHEMAS = "#/components/schemas/";
  private final byte[] openApi;

  /**
   * {@code dataSchemas}: each event type's wire name and the JSON Schema of its {@code data}; {@code features}:
   * the names of the fragments under {@code /openapi/} to merge into the document.
   */
  public ApiDocs(Map<String, JsonNode> dataSchemas, List<String> features) {
    try {
      ObjectNode doc = resource("/openapi.json");
      for (String feature : features) merge(doc, resource("/openapi/" + feature + ".json"), feature);
      openApi = Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(withDataSchemas(doc, dataSchemas));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static ObjectNode resource(String name) throws IOException {
    try (InputStream in = ApiDocs.class.getResourceAsStream(name)) {
      if (in == null) throw new IllegalStateException(name + " is missing from the jar");
      return (ObjectNode) Json.MAPPER.readTree(in);
    }
  }

  /**
   * Adds a feature's tags, paths and components to the document. A name the document has already is a mistake
   * (two features would document one route, or one schema name would mean two things), so it fails at startup.
   */
  static void merge(ObjectNode doc, ObjectNode fragment, String feature) {
    fragment.properties().forEach(part -> {
      switch (part.getKey()) {
        case "tags" -> doc.withArrayProperty("tags").addAll((ArrayNode) part.getValue());
        case "paths" -> addAll(doc.withObjectProperty("paths"), part.getValue(), feature, "paths");
        case "components" -> part.getValue().properties().forEach(kind ->
            addAll(doc.withObjectProperty("components").withObjectProperty(kind.getKey()), kind.getValue(), feature, "components/" + kind.getKey()));
        default -> throw new IllegalStateException("openapi/" + feature + ".json: '" + part.getKey()
            + "' is not a part a fragment may have (tags, paths, components)");
      }
    });
  }

  private static void addAll(ObjectNode into, JsonNode from, String feature, String where) {
    from.properties().forEach(e -> {
      if (into.has(e.getKey())) {
        throw new IllegalStateException("openapi/" + feature + ".json: " + where + "/" + e.getKey() + " is already in the document");
      }
      into.set(e.getKey(), e.getValue());
    });
  }

  static ObjectNode withDataSchemas(ObjectNode doc, Map<String, JsonNode> dataSchemas) {
    ObjectNode schemas = (ObjectNode) doc.path("components").path("schemas");
    ObjectNode eventType = placeholder(schemas, "EventType");
    ObjectNode byType = placeholder(schemas, "DataMatchesType");
    ArrayNode names = eventType.put("type", "string").putArray("enum");
    ArrayNode rules = byType.putArray("allOf");
    dataSchemas.forEach((type, schema) -> {
      String name = type.substring(0, 1).toUpperCase(Locale.ROOT) + type.substring(1) + "Data";
      schemas.set(name, embedded(schema, SCHEMAS + name));
      names.add(type);
      ObjectNode rule = rules.addObject();
      ObjectNode when = rule.putObject("if");
      when.putArray("required").add("type");
      when.putObject("properties").putObject("type").put("const", type);
      rule.putObject("then").putObject("properties").putObject("data").put("$ref", SCHEMAS + name);
    });
    return doc;
  }

  /** A schema the file leaves for this class to fill; its $comment says so and goes once it is filled. */
  private static ObjectNode placeholder(ObjectNode schemas, String name) {
    if (!(schemas.get(name) instanceof ObjectNode node)) {
      throw new IllegalStateException("openapi.json lacks the placeholder components/schemas/" + name);
    }
    node.remove("$comment");
    return node;
  }

  /**
   * A standalone schema as a component: without $schema and $id, which would make it a resource of its own,
   * and with its local references ({@code #/$defs/...}) pointing into its new place in the document.
   */
  private static JsonNode embedded(JsonNode schema, String pointer) {
    ObjectNode copy = (ObjectNode) schema.deepCopy();
    copy.remove("$schema");
    copy.remove("$id");
    rebase(copy, pointer);
    return copy;
  }

  private static void rebase(JsonNode node, String pointer) {
    if (node instanceof ObjectNode object) {
      JsonNode ref = object.get("$ref");
      if (ref != null && ref.isTextual() && ref.textValue().startsWith("#")) {
        object.put("$ref", pointer + ref.textValue().substring(1));
      }
    }
    node.forEach(child -> rebase(child, pointer));
  }

  public void register(RoutesConfig routes) {
    routes.get("/openapi.json", ctx -> ctx.contentType("application/json").result(openApi));
    routes.get("/docs", ctx -> ctx.contentType("text/html; charset=utf-8").result("""
        <!doctype html>
        <html lang="en">
        <head>
          <meta charset="utf-8">
          <title>health-timeline API</title>
          <link rel="stylesheet" href="%1$s/swagger-ui.css">
        </head>
        <body>
          <div id="swagger-ui"></div>
          <script src="%1$s/swagger-ui-bundle.js"></script>
          <script>
            window.ui = SwaggerUIBundle({ url: "/openapi.json", dom_id: "#swagger-ui", persistAuthorization: true });
          </script>
        </body>
        </html>
        """.formatted(SWAGGER_UI)));
  }
}
