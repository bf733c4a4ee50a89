package org.healthtimeline.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.keyword.NonValidationKeyword;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The served OpenAPI document, read the way a client would: operations by method and path template,
 * responses by status, and JSON Schema validation of bodies against the schemas it declares, with $ref
 * resolved inside the document.
 */
final class OpenApiDocument {
  /** The document is registered under this IRI so that "#/components/..." references resolve inside it. */
  private static final String IRI = "https://health-timeline.local/openapi.json";
  private static final List<String> DOCUMENT_FIELDS = List.of("openapi", "info", "jsonSchemaDialect", "servers",
      "paths", "webhooks", "components", "security", "tags", "externalDocs");
  private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options", "trace");

  final JsonNode root;
  private final SchemaRegistry registry;
  private final Map<String, Schema> compiled = new ConcurrentHashMap<>();

  OpenApiDocument(String json) {
    root = Json.read(json);
    // Format assertions on, so that a "uuid" or "date-time" that is not one fails as a client's parser would.
    var config = SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build();
    // JSON Schema 2020-12, told that the document's top-level OpenAPI fields are no schema keywords: the whole
    // document is loaded as one schema resource, which is what lets "#/components/..." resolve.
    var dialect = Dialect.builder(Dialects.getDraft202012())
        .keywords(DOCUMENT_FIELDS.stream().map(NonValidationKeyword::new).toList())
        .build();
    registry = SchemaRegistry.withDefaultDialect(dialect, b -> b.schemaRegistryConfig(config).schemas(Map.of(IRI, json)));
  }

  /** "GET /v1/users/{userId}" for every documented operation. */
  Set<String> operations() {
    var out = new TreeSet<String>();
    root.path("paths").properties().forEach(path -> path.getValue().properties().forEach(op -> {
      if (METHODS.contains(op.getKey())) out.add(op.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey());
    }));
    return out;
  }

  /** The operation object, or a missing node. */
  JsonNode operation(String method, String template) {
    return root.path("paths").path(template).path(method.toLowerCase(Locale.ROOT));
  }

  /** The response object an operation declares for a status, with its $ref followed; missing if none. */
  JsonNode response(JsonNode operation, int status) {
    return resolve(operation.path("responses").path(Integer.toString(status)));
  }

  /** Follows a local $ref of an OpenAPI object (response, parameter, header). */
  JsonNode resolve(JsonNode node) {
    JsonNode ref = node.get("$ref");
    return ref == null ? node : resolve(root.at(ref.textValue().substring(1)));
  }

  /** Every problem of {@code value} against {@code schema}, a schema object of this document. */
  List<String> problems(JsonNode value, JsonNode schema) {
    var out = new ArrayList<String>();
    for (Error e : compile(schema).validate(value)) out.add(e.toString());
    return out;
  }

  /** Every problem of {@code value} against components/schemas/{name}. */
  List<String> problems(JsonNode value, String componentName) {
    return problems(value, Json.read("{\"$ref\":\"#/components/schemas/" + componentName + "\"}"));
  }

  /** Compiles the named component with its references, failing on one that does not resolve. */
  void compileComponent(String name) {
    compile(Json.read("{\"$ref\":\"#/components/schemas/" + name + "\"}")).initializeValidators();
  }

  /**
   * A schema object of the document. The response and request schemas here are a $ref into components (or
   * inline without references), so each is compiled from its absolute location rather than from its place
   * under a path template, whose braces are no valid URI fragment.
   */
  private Schema compile(JsonNode schema) {
    JsonNode ref = schema.get("$ref");
    if (ref != null && schema.size() == 1) {
      return compiled.computeIfAbsent(ref.textValue(), r -> registry.getSchema(SchemaLocation.of(IRI + r)));
    }
    if (!schema.findValues("$ref").isEmpty()) {
      throw new IllegalArgumentException("an inline schema with references; move it to components: " + schema);
    }
    return registry.getSchema(schema);
  }
}
