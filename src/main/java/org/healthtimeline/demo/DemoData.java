package org.healthtimeline.demo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.healthtimeline.errors.Conflict;
import org.healthtimeline.user.User;
import org.healthtimeline.user.UserService;
import org.healthtimeline.web.Json;

/**
 * Makes sure the demo users exist and hold their data for the last {@link #DAYS} days: each feature's
 * {@link DemoPart} writes its share (meals, sleep, workouts, trackers, moods, vitals, ...) through the feature's
 * own service, with the same checks as for a client; ids and dedupe keys derived from each day make a second load
 * add nothing. What has not happened yet (tonight's dinner, when loading at noon) is left out; a later load adds it.
 */
public final class DemoData {
  public static final int DAYS = 90;
  /** Three zones, two of them with daylight saving time, and Tokyo without. */
  public static final List<DemoPerson> PEOPLE = List.of(
      new DemoPerson("demo-alex", "Alex", ZoneId.of("Europe/Berlin"), 1001),
      new DemoPerson("demo-maya", "Maya", ZoneId.of("America/New_York"), 1002),
      new DemoPerson("demo-kenji", "Kenji", ZoneId.of("Asia/Tokyo"), 1003));

  private final UserService users;
  private final List<DemoPart> parts;
  private final Clock clock;

  public DemoData(UserService users, List<DemoPart> parts, Clock clock) {
    this.users = users;
    this.parts = List.copyOf(parts);
    this.clock = clock;
  }

  /** {@link #PEOPLE}, {@link #DAYS} days each. */
  public List<LoadedUser> ensureLoaded() {
    return ensureLoaded(PEOPLE, DAYS);
  }

  public List<LoadedUser> ensureLoaded(List<DemoPerson> people, int days) {
    return people.stream().map(p -> ensureLoaded(p, days)).toList();
  }

  /** The person's user (made if missing) with the days up to today in their zone, which is the user's zone. */
  public LoadedUser ensureLoaded(DemoPerson person, int days) {
    if (days < 1) throw new IllegalArgumentException("days must be at least 1");
    User user = findOrCreate(person);
    ZoneId zone = user.timeZone();
    Instant now = clock.instant();
    LocalDate lastDay = LocalDate.ofInstant(now, zone);
    LocalDate firstDay = lastDay.minusDays(days - 1L);
    var demoUser = new DemoPart.DemoUser(user.id(), person, zone, firstDay, days, now);
    int events = 0;
    int added = 0;
    int kept = 0;
    for (DemoPart part : parts) {
      DemoPart.Loaded loaded = part.load(demoUser);
      events += loaded.events();
      added += loaded.added();
      kept += loaded.keptChanged();
    }
    return new LoadedUser(user.id(), person.externalId(), zone, firstDay, lastDay, events, added, kept);
  }

  private User findOrCreate(DemoPerson p) {
    return users.findByExternalId(p.externalId()).orElseGet(() -> {
      ObjectNode body = Json.MAPPER.createObjectNode()
          .put("external_id", p.externalId())
          .put("time_zone", p.zone().getId());
      body.putObject("profile").put("name", p.name()).put("demo", true);
      try {
        return users.create(body);
      } catch (Conflict anotherLoaderWasFirst) {
        return users.findByExternalId(p.externalId()).orElseThrow(() -> anotherLoaderWasFirst);
      }
    });
  }
}
