package org.healthtimeline.web;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Values of a request body that {@link Fields} does not read: lists of short texts (disruptions, triggers,
 * emotions, tags), booleans, ints. Problems go to the {@link Fields} of the body, naming the field.
 */
public final class BodyValues {
  private BodyValues() {}

  /** The list {@code name} of {@code body}, or null when absent; a problem names the item, e.g. {@code tags[2]}. */
  public static List<String> texts(JsonNode body, Fields f, String name, int maxItems, int maxLength) {
    JsonNode v = body.get(name);
    if (v == null || v.isNull()) return null;
    if (!v.isArray()) {
      f.fail(name, "must be an array of strings");
      return null;
    }
    if (v.size() > maxItems) {
      f.fail(name, "must hold at most " + maxItems + " items");
      return null;
    }
    var out = new ArrayList<String>(v.size());
    for (int i = 0; i < v.size(); i++) {
      JsonNode item = v.get(i);
      String at = name + "[" + i + "]";
      if (!item.isTextual() || item.textValue().isBlank()) f.fail(at, "must be a non-empty string");
      else if (item.textValue().length() > maxLength) f.fail(at, "must be at most " + maxLength + " characters");
      else if (item.textValue().indexOf('\u0000') >= 0) f.fail(at, "must not contain NUL characters");
      else out.add(item.textValue());
    }
    return out;
  }

  public static Boolean bool(JsonNode body, Fields f, String name) {
    JsonNode v = body.get(name);
    if (v == null || v.isNull()) return null;
    if (!v.isBoolean()) {
      f.fail(name, "must be true or false");
      return null;
    }
    return v.booleanValue();
  }

  public static Integer integer(Fields f, String name, int min, int max) {
    Long v = f.integer(name, min, max);
    return v == null ? null : v.intValue();
  }
}
