package org.healthtimeline.demo;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;
import org.healthtimeline.errors.Conflict;
import org.healthtimeline.timeline.NewEvent;
import org.healthtimeline.timeline.TimelineService;
import org.healthtimeline.user.User;
import org.healthtimeline.user.UserService;
import org.healthtimeline.web.Json;

/**
 * Makes sure the demo users exist and hold their generated events for the last {@link #DAYS} days. Events go
 * through {@link TimelineService#createBatch}, which validates each against its type's JSON Schema exactly
 * as for a client; the dedupe keys make a second load replay instead of add. Events that have not happened
 * yet (tonight's dinner, when loading at noon) are left out; a later load adds them.
 */
public final class DemoData {
  public static final int DAYS = 90;
  /** Three zones, two of them with daylight saving time, and Tokyo without. */
  public static final List<DemoPerson> PEOPLE = List.of(
      new DemoPerson("demo-alex", "Alex", ZoneId.of("Europe/Berlin"), 1001),
      new DemoPerson("demo-maya", "Maya", ZoneId.of("America/New_York"), 1002),
      new DemoPerson("demo-kenji", "Kenji", ZoneId.of("Asia/Tokyo"), 1003));

  private final UserService users;
  private final TimelineService timeline;
  private final Clock clock;

  public DemoData(UserService users, TimelineService timeline, Clock clock) {
    this.users = users;
    this.timeline = timeline;
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
    Iterator<NewEvent> events = DemoGenerator.events(zone, firstDay, days, person.seed())
        .filter(e -> !(e.endedAt() != null ? e.endedAt() : e.occurredAt()).isAfter(now))
        .iterator();
    var counts = new Counts();
    var batch = new ArrayList<NewEvent>(TimelineService.MAX_BATCH);
    while (events.hasNext()) {
      batch.add(events.next());
      if (batch.size() == TimelineService.MAX_BATCH || !events.hasNext()) {
        send(user.id(), zone, batch, counts);
        batch.clear();
      }
    }
    return new LoadedUser(user.id(), person.externalId(), zone, firstDay, lastDay, counts.events, counts.added, counts.kept);
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

  private void send(UUID userId, ZoneId zone, List<NewEvent> batch, Counts counts) {
    ObjectNode body = Json.MAPPER.createObjectNode();
    ArrayNode items = body.putArray("events");
    for (NewEvent e : batch) items.add(request(e, zone));
    for (TimelineService.ItemResult r : timeline.createBatch(userId, body, false)) {
      switch (r.status()) {
        case 201 -> counts.added++;
        case 200 -> { }
        // The stored event with this key was changed through the API since: keep the user's version.
        case 409 -> counts.kept++;
        default -> throw new IllegalStateException("the timeline refused demo event " + batch.get(r.index()).dedupeKey()
            + ": " + r.field() + " " + r.problem());
      }
      counts.events++;
    }
  }

  /** The event as a client would send it to POST /v1/users/{id}/events/batch. */
  private static ObjectNode request(NewEvent e, ZoneId zone) {
    ObjectNode o = Json.MAPPER.createObjectNode()
        .put("type", e.type().wire())
        .put("occurred_at", e.occurredAt().toString());
    if (e.subtype() != null) o.put("subtype", e.subtype());
    if (e.endedAt() != null) o.put("ended_at", e.endedAt().toString());
    o.put("time_zone", zone.getId());
    o.set("data", Json.read(e.data()));
    o.put("origin", e.origin());
    o.put("dedupe_key", e.dedupeKey());
    return o;
  }

  private static final class Counts {
    int events;
    int added;
    int kept;
  }
}
