package org.healthtimeline.timeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.healthtimeline.errors.FieldError;

/**
 * The JSON Schema (2020-12) of each event type's {@code data}, from {@code src/main/resources/schemas/}.
 * Fields the schema does not name are allowed, so apps can add their own; named fields must have the right
 * type and range.
 */
public final class EventSchemas {
  private final Map<EventType, Schema> schemas = new EnumMap<>(EventType.class);

  public EventSchemas() {
    var config = SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build();
    var registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
        b -> b.schemaRegistryConfig(config));
    for (EventType type : EventType.values()) {
      Schema s = registry.getSchema(SchemaLocation.of("classpath:schemas/" + type.wire() + ".json"));
      s.initializeValidators();
      schemas.put(type, s);
    }
  }

  /** Every type's schema document by its wire name, in the order of {@link EventType}. */
  public Map<String, JsonNode> documents() {
    var out = new LinkedHashMap<String, JsonNode>();
    schemas.forEach((type, schema) -> out.put(type.wire(), schema.getSchemaNode()));
    return out;
  }

  /** Every problem of {@code data} against its type's schema, each naming a field under {@code prefix}. */
  public List<FieldError> validate(EventType type, JsonNode data, String prefix) {
    List<Error> errors = schemas.get(type).validate(data);
    var out = new ArrayList<FieldError>(errors.size());
    for (Error e : errors) {
      String path = fieldPath(prefix, e.getInstanceLocation());
      if ("required".equals(e.getKeyword()) && e.getProperty() != null) path = path + "." + e.getProperty();
      out.add(new FieldError(path, message(e)));
    }
    return out;
  }

  private static String fieldPath(String prefix, NodePath at) {
    var sb = new StringBuilder(prefix);
    for (int i = 0; i < at.getNameCount(); i++) {
      Object element = at.getElement(i);
      if (element instanceof Integer index) sb.append('[').append(index).append(']');
      else sb.append('.').append(element);
    }
    return sb.toString();
  }

  /** The library's message starts with the JSON path, which the field already says. */
  private static String message(Error e) {
    String m = e.getMessage();
    int colon = m.indexOf(": ");
    return colon >= 0 && m.startsWith("$") ? m.substring(colon + 2) : m;
  }
}
