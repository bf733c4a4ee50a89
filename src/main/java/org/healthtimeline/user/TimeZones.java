package org.healthtimeline.user;

import java.time.ZoneId;
import java.util.Set;
import org.healthtimeline.errors.InvalidInput;

/** IANA zone names such as Europe/Berlin; a bare offset like +02:00 is refused, it knows nothing of DST. */
public final class TimeZones {
  private static final Set<String> KNOWN = ZoneId.getAvailableZoneIds();

  private TimeZones() {}

  public static ZoneId parse(String field, String name) {
    if (name == null || !KNOWN.contains(name)) {
      throw new InvalidInput(field, "must be an IANA time zone such as Europe/Berlin or America/New_York");
    }
    return ZoneId.of(name);
  }
}
