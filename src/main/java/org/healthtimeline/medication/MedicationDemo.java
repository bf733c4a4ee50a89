package org.healthtimeline.medication;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import org.healthtimeline.db.Tx;
import org.healthtimeline.sync.SourceEvents;
import org.healthtimeline.web.Json;

/**
 * The demo people's medications and their dose history since the first demo day: most doses taken within 40
 * minutes, some late, some skipped, and some never recorded, which become missed once their day has passed (today's
 * are still pending). The same seed gives the same history; loading again adds nothing.
 */
public final class MedicationDemo {
  /** A medication of a demo person, and from which demo day on they take it. */
  private record Plan(String definition, int fromDay) {}

  private static final List<List<Plan>> PLANS = List.of(
      List.of(new Plan("{\"name\":\"Vitamin D\",\"dose\":1000,\"unit\":\"IU\",\"schedule\":{\"times\":[\"08:00\"]}}", 0),
          new Plan("{\"name\":\"Ibuprofen\",\"dose\":400,\"unit\":\"mg\",\"as_needed\":true}", 0)),
      List.of(new Plan("{\"name\":\"Sertraline\",\"dose\":50,\"unit\":\"mg\",\"schedule\":{\"times\":[\"08:00\"]}}", 0),
          new Plan("{\"name\":\"Progesterone\",\"dose\":200,\"unit\":\"mg\",\"schedule\":{\"times\":[\"21:00\"]}}", 45)),
      List.of(new Plan("{\"name\":\"Metformin\",\"dose\":500,\"unit\":\"mg\",\"schedule\":{\"times\":[\"08:00\",\"20:00\"]}}", 0),
          new Plan("{\"name\":\"Atorvastatin\",\"dose\":20,\"unit\":\"mg\",\"schedule\":{\"times\":[\"21:00\"],"
              + "\"days\":[\"mon\",\"tue\",\"wed\",\"thu\",\"fri\",\"sat\",\"sun\"]}}", 10)));
  private static final List<String> SIDE_EFFECTS = List.of("mild nausea", "headache", "drowsiness", "dry mouth");

  private MedicationDemo() {}

  /** The person's medications (the {@code person}-th plan) and doses from {@code firstDay} to now; returns the doses added. */
  public static int load(Tx tx, Clock clock, UUID userId, ZoneId zone, LocalDate firstDay, int person, long seed) {
    var medications = new MedicationRepository();
    var doses = new DoseRepository();
    Instant now = clock.instant();
    Instant today = LocalDate.ofInstant(now, zone).atStartOfDay(zone).toInstant();
    return tx.inTransaction(c -> {
      int added = 0;
      for (Plan plan : PLANS.get(person % PLANS.size())) {
        MedicationInput in = MedicationInput.create(Json.read(plan.definition()));
        Instant from = firstDay.plusDays(plan.fromDay()).atStartOfDay(zone).toInstant();
        Medication m = medications.list(c, userId, true).stream().filter(x -> x.name().equals(in.name())).findFirst()
            // Defined as if on its first day, so that the doses never recorded since count as missed.
            .orElse(null);
        if (m == null) m = medications.insert(c, userId, withStart(in, firstDay.plusDays(plan.fromDay())), from);
        long medSeed = seed * 31 + in.name().hashCode();
        List<Instant> times = m.asNeeded() ? asNeeded(medSeed, from, now, zone) : doses.dueTimes(c, userId, m.id(), from, now);
        // Each dose's fate follows from its own time, so that a later load, whose window starts later, agrees.
        for (Instant due : times) added += record(c, doses, userId, m, due, now, new SplittableRandom(medSeed ^ due.getEpochSecond()));
        if (!m.asNeeded()) new MissedDoses(tx, clock).settle(c, userId, m.id(), today);
      }
      return added;
    });
  }

  private static MedicationInput withStart(MedicationInput in, LocalDate start) {
    return new MedicationInput(in.name(), in.dose(), in.unit(), in.asNeeded(), in.schedule(), start, in.endDate(), true);
  }

  /** About a dose a week of a painkiller, in the afternoon; whether a day has one follows from the day alone. */
  private static List<Instant> asNeeded(long seed, Instant from, Instant now, ZoneId zone) {
    var out = new ArrayList<Instant>();
    for (LocalDate day = LocalDate.ofInstant(from, zone); !day.isAfter(LocalDate.ofInstant(now, zone)); day = day.plusDays(1)) {
      var random = new SplittableRandom(seed ^ day.toEpochDay());
      Instant t = day.atTime(14, 0).atZone(zone).toInstant().plus(Duration.ofMinutes(random.nextInt(240)));
      if (random.nextInt(7) == 0 && t.isBefore(now)) out.add(t);
    }
    return out;
  }

  /** Records one dose as the person would have (or not); 1 if it was new. */
  private static int record(Connection c, DoseRepository doses, UUID userId, Medication m, Instant due, Instant now, SplittableRandom random)
      throws SQLException {
    int roll = random.nextInt(100);
    String sideEffect = random.nextInt(30) == 0 ? SIDE_EFFECTS.get(random.nextInt(SIDE_EFFECTS.size())) : null;
    String status;
    Instant takenAt;
    if (m.asNeeded()) {
      status = "taken";
      takenAt = due;
    } else if (roll < 8) {
      return 0;
    } else if (roll < 13) {
      status = "skipped";
      takenAt = null;
    } else if (roll < 20) {
      status = "late";
      takenAt = due.plus(Duration.ofMinutes(90 + random.nextInt(150)));
    } else {
      status = "taken";
      takenAt = due.plus(Duration.ofMinutes(random.nextInt(40)));
    }
    if (takenAt != null && takenAt.isAfter(now)) return 0;
    var d = new DoseInput(null, status, m.asNeeded() ? null : due, takenAt, sideEffect == null ? null : List.of(sideEffect),
        status.equals("skipped") && random.nextBoolean() ? "felt unwell" : null);
    // A dose taken as needed has no key of its own: its id follows from the medication and the time, so loading again adds none.
    UUID id = m.asNeeded() ? UUID.nameUUIDFromBytes((m.id() + "\n" + due).getBytes(StandardCharsets.UTF_8)) : null;
    var inserted = doses.insert(c, userId, m.id(), id, d, takenAt);
    if (inserted.isEmpty()) return 0;
    SourceEvents.write(c, DoseEvents.MAPPING, userId, inserted.get().id(), "demo");
    return 1;
  }
}
