package org.healthtimeline.bench;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import org.healthtimeline.timeline.NewEvent;

/**
 * Events that are not in the database yet, for the create cases: the demo days after the loaded period, so
 * they look like the loaded ones and never collide with their ids or dedupe keys.
 */
final class FreshEvents {
  private final SyntheticPeople people;
  private final List<UUID> users;
  private final SplittableRandom random;
  // By identity: events of different users may share a dedupe key, hence their unbound id.
  private final Map<NewEvent, UUID> owners = new java.util.IdentityHashMap<>();
  private final Map<UUID, LocalDate> nextDay = new HashMap<>();
  private final LocalDate firstFreeDay;

  FreshEvents(BenchLoader.Loaded loaded, long seed) {
    this.people = new SyntheticPeople(loaded.zones(), BenchLoader.SEED);
    this.users = loaded.users();
    this.random = new SplittableRandom(seed);
    this.firstFreeDay = LocalDate.ofInstant(loaded.latest(), ZoneOffset.UTC).plusDays(2);
  }

  /** {@code n} events, each of a user picked at random. */
  List<NewEvent> take(int n) {
    var out = new ArrayList<NewEvent>(n);
    while (out.size() < n) {
      UUID user = users.get(random.nextInt(users.size()));
      out.addAll(nextDayOf(user));
    }
    return out.subList(0, n);
  }

  /** {@code count} batches of {@code size} events, each batch one user's. */
  List<List<NewEvent>> batches(int count, int size) {
    var out = new ArrayList<List<NewEvent>>(count);
    for (int b = 0; b < count; b++) {
      UUID user = users.get(random.nextInt(users.size()));
      var batch = new ArrayList<NewEvent>(size + 16);
      while (batch.size() < size) batch.addAll(nextDayOf(user));
      out.add(List.copyOf(batch.subList(0, size)));
    }
    return out;
  }

  UUID owner(NewEvent e) {
    return owners.get(e);
  }

  private List<NewEvent> nextDayOf(UUID user) {
    LocalDate day = nextDay.getOrDefault(user, firstFreeDay);
    nextDay.put(user, day.plusDays(1));
    List<NewEvent> events = people.day(user, day);
    for (NewEvent e : events) owners.put(e, user);
    return events;
  }
}
