package org.healthtimeline.web;

import io.javalin.http.Context;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.UUID;
import org.healthtimeline.errors.InvalidInput;

/** Path and query parameters, each parsed once with an error that names the parameter. */
public final class Params {
  private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
  private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999999Z");

  private Params() {}

  /**
   * Runs before every route. Javalin decodes path and query parameters with URLDecoder, which throws on an
   * escape that is not % and two hex digits (e.g. %u0041); that would be a 500 wherever it happens.
   */
  public static void requireWellFormedEscapes(Context ctx) {
    if (!wellFormedEscapes(ctx.req().getRequestURI())) throw new InvalidInput("path", "has a % that is not followed by two hex digits");
    if (!wellFormedEscapes(ctx.req().getQueryString())) throw new InvalidInput("query", "has a % that is not followed by two hex digits");
  }

  private static boolean wellFormedEscapes(String raw) {
    if (raw == null) return true;
    for (int i = raw.indexOf('%'); i >= 0; i = raw.indexOf('%', i + 1)) {
      if (i + 2 >= raw.length() || !HexFormat.isHexDigit(raw.charAt(i + 1)) || !HexFormat.isHexDigit(raw.charAt(i + 2))) {
        return false;
      }
    }
    return true;
  }

  public static UUID uuidPath(Context ctx, String name) {
    return uuid(name, ctx.pathParam(name));
  }

  public static UUID uuid(String name, String raw) {
    // UUID.fromString accepts short groups such as "1-1-1-1-1"; insist on the canonical 36 characters.
    if (raw == null || raw.length() != 36) throw new InvalidInput(name, "must be a UUID");
    try {
      return UUID.fromString(raw);
    } catch (IllegalArgumentException e) {
      throw new InvalidInput(name, "must be a UUID");
    }
  }

  public static String text(Context ctx, String name) {
    String v = ctx.queryParam(name);
    if (v == null || v.isEmpty()) return null;
    // PostgreSQL text cannot hold U+0000 (%00): the query would fail with a 500.
    if (v.indexOf('\u0000') >= 0) throw new InvalidInput(name, "must not contain NUL characters");
    return v;
  }

  public static Instant instant(Context ctx, String name) {
    String v = text(ctx, name);
    if (v == null) return null;
    // An unescaped '+' of an offset arrives as a space (form encoding); "T08:00:00 01:00" can only mean +01:00.
    if (v.length() > 19 && v.charAt(v.length() - 6) == ' ') v = v.substring(0, v.length() - 6) + '+' + v.substring(v.length() - 5);
    try {
      Instant t = OffsetDateTime.parse(v).toInstant();
      // RFC 3339 years have four digits; java.time also reads +300000-01-01, which PostgreSQL cannot hold.
      if (t.isBefore(EARLIEST) || t.isAfter(LATEST)) throw new InvalidInput(name, "must be between the years 0001 and 9999");
      return t;
    } catch (DateTimeParseException e) {
      throw new InvalidInput(name, "must be an RFC 3339 date-time with an offset, e.g. 2024-03-10T08:00:00-06:00");
    }
  }

  public static Integer integer(Context ctx, String name, int min, int max) {
    String v = text(ctx, name);
    if (v == null) return null;
    try {
      int n = Integer.parseInt(v);
      if (n < min || n > max) throw new InvalidInput(name, "must be between " + min + " and " + max);
      return n;
    } catch (NumberFormatException e) {
      throw new InvalidInput(name, "must be an integer between " + min + " and " + max);
    }
  }

  public static Double decimal(Context ctx, String name, double min, double max) {
    String v = text(ctx, name);
    if (v == null) return null;
    try {
      double d = Double.parseDouble(v);
      if (!(d >= min && d <= max)) throw new InvalidInput(name, "must be between " + min + " and " + max);
      return d;
    } catch (NumberFormatException e) {
      throw new InvalidInput(name, "must be a number between " + min + " and " + max);
    }
  }

  public static boolean bool(Context ctx, String name) {
    String v = text(ctx, name);
    if (v == null) return false;
    return switch (v) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new InvalidInput(name, "must be true or false");
    };
  }
}
