package org.healthtimeline.demo;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.healthtimeline.timeline.NewEvent;

/**
 * Realistic, made-up health events of one person, day by day in their own time zone: three meals a day
 * (sometimes a snack) with foods, calories and macros; a night of sleep; workouts a few times a week; a daily
 * mood; blood pressure most mornings; stress on some days; symptoms now and then.
 *
 * <p>The same seed gives the same events, and a day comes out the same whatever window it is generated in
 * (see {@link Seeds}). Every event has the dedupe_key {@code demo:<type>:<local date>:<n>}, so loading it
 * again adds nothing. A sleep is keyed by the evening it starts on, even when bedtime is after midnight.
 * The user is not in the key: the unique index is (user_id, dedupe_key) already.
 *
 * <p>The data carries patterns on purpose, for the pattern engine to find and for its tests to expect:
 * <ul>
 *   <li>Sleep quality drops by 2.5 points (of 10) after a <b>late high-carb dinner</b>: one that starts at
 *       or after {@link #LATE_DINNER_FROM} local time and has at least {@link #HIGH_CARB_DINNER_GRAMS} g of
 *       carbs. Such nights also have one more waking and often list "indigestion". A late dinner alone
 *       costs 0.5 points and pushes bedtime back 25 minutes.</li>
 *   <li>A <b>headache</b> is eight times as likely (40 % against 5 %) on the day after a night with less
 *       than {@link #SHORT_SLEEP_HOURS} hours of sleep; its trigger then says "poor sleep".</li>
 *   <li><b>Fatigue</b> follows nights of quality 4 or less (35 % against 4 %).</li>
 *   <li><b>Bloating</b> follows dinners of 1000 kcal or more (35 % against 3 %).</li>
 *   <li>Morning <b>blood pressure</b> is up 6/4 mmHg and the heart rate 4 bpm after a short night, and
 *       systolic is up 4 mmHg after a day of high stress (7 or more).</li>
 *   <li>High stress costs a point of sleep quality, a waking and 10 minutes falling asleep; a workout
 *       adds 0.6 points.</li>
 *   <li><b>Mood</b> follows last night's sleep quality, and is lifted by a workout, lowered by stress and
 *       by a headache.</li>
 *   <li>Weekends: Friday and Saturday dinners are more often late, bedtimes are later, and without an
 *       alarm people sleep as long as they need.</li>
 * </ul>
 *
 * <p>It is fast enough to feed {@code timeline bench} (millions of events): no JSON tree is built or parsed,
 * and the days are independent, so a parallel stream spreads them over cores.
 */
public final class DemoGenerator {
  public static final LocalTime LATE_DINNER_FROM = LocalTime.of(20, 30);
  public static final int HIGH_CARB_DINNER_GRAMS = 80;
  public static final double SHORT_SLEEP_HOURS = 6.0;
  /** The origin of every generated event, so that demo data can be told from real data. */
  public static final String ORIGIN = "demo";

  private DemoGenerator() {}

  /**
   * The events of {@code days} local days from {@code firstDay} on, in time order within each day. Ids are
   * UUIDv7 made from the event's time and the seed; each event carries its UTC offset in {@code zone}.
   */
  public static Stream<NewEvent> events(ZoneId zone, LocalDate firstDay, int days, long seed) {
    if (days < 0) throw new IllegalArgumentException("days must not be negative");
    Persona person = Persona.of(seed);
    return IntStream.range(0, days)
        .mapToObj(firstDay::plusDays)
        .flatMap(day -> day(person, zone, day, seed).stream());
  }

  /** The events of one local day. */
  public static List<NewEvent> day(ZoneId zone, LocalDate day, long seed) {
    return day(Persona.of(seed), zone, day, seed);
  }

  private static List<NewEvent> day(Persona person, ZoneId zone, LocalDate day, long seed) {
    DayPlan yesterday = DayPlan.of(person, zone, day.minusDays(1), seed);
    DayPlan today = DayPlan.of(person, zone, day, seed);
    return DayEvents.of(person, zone, today, yesterday, seed);
  }
}
