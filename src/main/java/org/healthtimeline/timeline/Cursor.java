package org.healthtimeline.timeline;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import org.healthtimeline.errors.InvalidInput;

/**
 * Where a page of events ended: the (occurred_at, id) of its last event and the order it was read in.
 * Opaque to clients (base64url), so its form may change without breaking them.
 */
public record Cursor(Instant occurredAt, UUID id, boolean ascending) {
  private static final String VERSION = "c1";
  private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
  private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999Z");

  String encode() {
    long micros = Math.addExact(Math.multiplyExact(occurredAt.getEpochSecond(), 1_000_000L), occurredAt.getNano() / 1_000);
    String raw = VERSION + ":" + micros + ":" + id + ":" + (ascending ? "a" : "d");
    return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
  }

  static Cursor decode(String cursor) {
    try {
      String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split(":");
      if (parts.length != 4 || !parts[0].equals(VERSION) || parts[2].length() != 36) throw new IllegalArgumentException();
      long micros = Long.parseLong(parts[1]);
      boolean asc = switch (parts[3]) {
        case "a" -> true;
        case "d" -> false;
        default -> throw new IllegalArgumentException();
      };
      Instant at = Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
      // A forged time outside PostgreSQL's range would fail the page query with a 500.
      if (at.isBefore(EARLIEST) || at.isAfter(LATEST)) throw new IllegalArgumentException();
      return new Cursor(at, UUID.fromString(parts[2]), asc);
    } catch (IllegalArgumentException | ArithmeticException e) {
      throw new InvalidInput("cursor", "is not a cursor this service handed out");
    }
  }
}
