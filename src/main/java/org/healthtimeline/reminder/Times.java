package org.healthtimeline.reminder;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** How this feature writes a local time: RFC 3339 with the offset it had then, e.g. 2024-03-31T03:30:00+02:00. */
final class Times {
  private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssXXX");

  private Times() {}

  static String local(Instant t, ZoneId zone) {
    return OffsetDateTime.ofInstant(t, zone).format(LOCAL);
  }
}
