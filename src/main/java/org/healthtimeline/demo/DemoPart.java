package org.healthtimeline.demo;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import org.healthtimeline.timeline.EventType;
import org.healthtimeline.timeline.NewEvent;

/**
 * A feature's share of the demo users' data. {@link DemoData} calls every part for each demo user; a part writes
 * that user's rows and events for their days through its feature's service, idempotently (a second load adds
 * nothing), leaving out what has not happened by {@code now}. A feature adds its part to {@code App.demoParts()}.
 */
public interface DemoPart {
  Loaded load(DemoUser user);

  /**
   * One demo user and their window of local days, ending today in their zone; {@code happened} holds the demo
   * generator's events of those days (meals, sleep, workouts, moods, ...) that have happened by {@code now}.
   */
  record DemoUser(UUID id, DemoPerson person, ZoneId zone, LocalDate firstDay, int days, Instant now, List<NewEvent> happened) {

    public DemoUser(UUID id, DemoPerson person, ZoneId zone, LocalDate firstDay, int days, Instant now) {
      this(id, person, zone, firstDay, days, now, DemoGenerator.events(zone, firstDay, days, person.seed())
          .filter(e -> !(e.endedAt() != null ? e.endedAt() : e.occurredAt()).isAfter(now))
          .toList());
    }

    /** The generated events of one type that have happened, in time order. */
    public List<NewEvent> generated(EventType type) {
      return happened.stream().filter(e -> e.type() == type).toList();
    }

    /** The days of the window, oldest first. */
    public List<LocalDate> dates() {
      return firstDay.datesUntil(firstDay.plusDays(days)).toList();
    }

    /** The id of a row of this user that is the same on every load: a name-based UUID of the user and the key. */
    public UUID rowId(String key) {
      return UUID.nameUUIDFromBytes((id + "\n" + key).getBytes(StandardCharsets.UTF_8));
    }
  }

  /**
   * How many events of the part there are in the window, how many this load added, and how many it left alone
   * because the stored one has been changed through the API since.
   */
  record Loaded(int events, int added, int keptChanged) {}
}
