package org.healthtimeline.summary;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What one tracker field's values in a bucket come to. */
enum TrackerStat {
  SUM, AVG, MIN, MAX, LAST;

  String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  static Optional<TrackerStat> fromWire(String name) {
    return Arrays.stream(values()).filter(s -> s.wire().equals(name)).findFirst();
  }
}
