package org.healthtimeline.bench;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.healthtimeline.demo.DemoGenerator;
import org.healthtimeline.timeline.NewEvent;

/** The bench's people: each a demo persona with a seed of its own, in its own time zone. */
final class SyntheticPeople {
  /** What the demo generator makes a day on average (3-4 meals, sleep, mood, blood pressure, ...). */
  static final double EVENTS_PER_DAY = 7.2;

  private final Map<UUID, ZoneId> zones;
  private final long seed;

  SyntheticPeople(Map<UUID, ZoneId> zones, long seed) {
    this.zones = zones;
    this.seed = seed;
  }

  List<UUID> all() {
    return List.copyOf(zones.keySet());
  }

  List<NewEvent> day(UUID person, LocalDate day) {
    return DemoGenerator.day(zones.get(person), day, seed ^ person.getLeastSignificantBits());
  }
}
