package org.healthtimeline.web;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.healthtimeline.errors.FieldError;
import org.healthtimeline.errors.InvalidInput;

/**
 * Reads the fields of one JSON object, collecting every problem (each naming its field) so that a client
 * learns all that is wrong with a body at once. Call {@link #check()} when done.
 */
public final class Fields {
  private final JsonNode node;
  private final String prefix;
  private final List<FieldError> errors = new ArrayList<>();

  public Fields(JsonNode node) {
    this(node, "");
  }

  public Fields(JsonNode node, String prefix) {
    this.node = node;
    this.prefix = prefix;
  }

  public boolean has(String name) {
    return node.has(name);
  }

  /** Present and not null. */
  public boolean given(String name) {
    JsonNode v = node.get(name);
    return v != null && !v.isNull();
  }

  public void onlyKnown(Set<String> known) {
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (!known.contains(name)) fail(name, "is not a known field");
    }
  }

  public String text(String name, int maxLength) {
    JsonNode v = node.get(name);
    if (v == null || v.isNull()) return null;
    if (!v.isTextual()) return failNull(name, "must be a string");
    String s = v.textValue();
    if (s.isEmpty()) return failNull(name, "must not be empty");
    if (s.length() > maxLength) return failNull(name, "must be at most " + maxLength + " characters");
    if (s.indexOf('\u0000') >= 0) return failNull(name, "must not contain NUL characters");
    return s;
  }

  public String requiredText(String name, int maxLength) {
    if (!given(name)) return failNull(name, "is required");
    return text(name, maxLength);
  }

  public Instant instant(String name) {
    String s = text(name, 64);
    if (s == null) return null;
    try {
      Instant t = OffsetDateTime.parse(s).toInstant();
      if (t.isBefore(Instant.parse("1900-01-01T00:00:00Z")) || t.isAfter(Instant.parse("2200-01-01T00:00:00Z"))) {
        return failNull(name, "must be between 1900 and 2200");
      }
      return t;
    } catch (DateTimeParseException e) {
      return failNull(name, "must be an RFC 3339 date-time with an offset, e.g. 2024-03-10T08:00:00-06:00");
    }
  }

  public Instant requiredInstant(String name) {
    if (!given(name)) return failNull(name, "is required");
    return instant(name);
  }

  public UUID uuid(String name) {
    String s = text(name, 36);
    if (s == null) return null;
    try {
      return Params.uuid(name, s);
    } catch (InvalidInput e) {
      return failNull(name, "must be a UUID");
    }
  }

  public Long integer(String name, long min, long max) {
    JsonNode v = node.get(name);
    if (v == null || v.isNull()) return null;
    if (!v.isIntegralNumber() || !v.canConvertToLong()) return failNull(name, "must be an integer");
    long n = v.longValue();
    if (n < min || n > max) return failNull(name, "must be between " + min + " and " + max);
    return n;
  }

  public Double number(String name, double min, double max) {
    JsonNode v = node.get(name);
    if (v == null || v.isNull()) return null;
    if (!v.isNumber()) return failNull(name, "must be a number");
    if (!finiteDouble(v)) return failNull(name, "must be a number a double can hold (at most about 1.8e308 in size)");
    double d = v.doubleValue();
    if (!(d >= min && d <= max)) return failNull(name, "must be between " + min + " and " + max);
    return d;
  }

  /** A JSON object that PostgreSQL can store as jsonb (see {@link #jsonbProblem}). */
  public JsonNode object(String name) {
    JsonNode v = node.get(name);
    if (v == null || v.isNull()) return null;
    if (!v.isObject()) return failNull(name, "must be a JSON object");
    FieldError problem = jsonbProblem(v, prefix + name);
    if (problem != null) {
      errors.add(problem);
      return null;
    }
    return v;
  }

  /**
   * What in a JSON document PostgreSQL's jsonb would refuse: a NUL character (U+0000) in a string or a key,
   * or a number beyond what a double holds (jsonb's numeric overflows past about 1e131072, and clients
   * cannot read such numbers back anyway). Profiles are jsonb, and event data, stored as json, is cast to
   * jsonb by every filter: one such document would make every filtered query of its user fail.
   * Null when all is well.
   */
  public static FieldError jsonbProblem(JsonNode v, String path) {
    if (v.isTextual()) return v.textValue().indexOf('\u0000') >= 0 ? new FieldError(path, "must not contain NUL characters") : null;
    if (v.isNumber()) return finiteDouble(v) ? null : new FieldError(path, "must be a number a double can hold (at most about 1.8e308 in size)");
    if (v.isArray()) {
      for (int i = 0; i < v.size(); i++) {
        FieldError p = jsonbProblem(v.get(i), path + "[" + i + "]");
        if (p != null) return p;
      }
    }
    if (v.isObject()) {
      for (var e : v.properties()) {
        if (e.getKey().indexOf('\u0000') >= 0) return new FieldError(path, "keys must not contain NUL characters");
        FieldError p = jsonbProblem(e.getValue(), path + "." + e.getKey());
        if (p != null) return p;
      }
    }
    return null;
  }

  private static boolean finiteDouble(JsonNode number) {
    if (!number.isBigDecimal() && !number.isBigInteger()) return true;
    double d = number.doubleValue();
    // Also refuse what underflows to zero, e.g. 1e-99999: jsonb's numeric cannot hold that scale either.
    return !Double.isInfinite(d) && (d != 0 || number.decimalValue().signum() == 0);
  }

  public void fail(String name, String message) {
    errors.add(new FieldError(prefix + name, message));
  }

  public void addAll(List<FieldError> more) {
    errors.addAll(more);
  }

  public List<FieldError> errors() {
    return List.copyOf(errors);
  }

  public void check() {
    if (!errors.isEmpty()) throw new InvalidInput(errors);
  }

  private <T> T failNull(String name, String message) {
    fail(name, message);
    return null;
  }
}
