package org.healthtimeline.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** JSON Merge Patch (RFC 7396): objects merge key by key, null removes a key, anything else replaces. */
public final class MergePatch {
  private MergePatch() {}

  public static JsonNode apply(JsonNode target, JsonNode patch) {
    if (!patch.isObject()) return patch.deepCopy();
    ObjectNode result = target != null && target.isObject() ? ((ObjectNode) target).deepCopy() : Json.MAPPER.createObjectNode();
    patch.properties().forEach(e -> {
      if (e.getValue().isNull()) result.remove(e.getKey());
      else result.set(e.getKey(), apply(result.get(e.getKey()), e.getValue()));
    });
    return result;
  }
}
