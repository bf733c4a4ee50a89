package org.healthtimeline.demo;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The causes of one day: meals, workout, stress, and the night that follows, which they shape. It depends
 * only on the person, the zone and the date, so the next day can look back at it by computing it again.
 * The effects that show the morning after (headaches, blood pressure, mood) are in {@link DemoGenerator}.
 */
record DayPlan(
    LocalDate date,
    LocalTime lunchAt,
    Menu.Plate breakfast,
    Menu.Plate lunch,
    LocalTime snackAt,
    Menu.Plate snack,
    ZonedDateTime dinnerAt,
    Menu.Plate dinner,
    Workout workout,
    Stress stress,
    Night night) {

  record Workout(String activity, LocalTime at, int minutes, String intensity) {}

  record Stress(int level, List<String> triggers, LocalTime at) {
    boolean high() {
      return level >= 7;
    }
  }

  /**
   * The night after the day. {@code bed} and {@code wake} are instants, and every duration is taken
   * between instants, so a night across a DST change is an hour shorter or longer than the clocks say.
   */
  record Night(ZonedDateTime bed, ZonedDateTime wake, int latencyMin, int wakings, int awakeMin, int quality,
      int alertness, List<String> disruptions, int phoneMinutes) {

    int asleepMin() {
      return (int) Duration.between(bed.toInstant(), wake.toInstant()).toMinutes() - latencyMin - awakeMin;
    }

    boolean shortSleep() {
      return asleepMin() < DemoGenerator.SHORT_SLEEP_HOURS * 60;
    }
  }

  private static final List<String> STRESSORS =
      List.of("work deadline", "commute", "family", "finances", "conflict", "too many meetings");
  private static final LocalTime LATEST_WAKE = LocalTime.of(10, 15);
  private static final List<String> NIGHT_DISRUPTIONS = List.of("bathroom", "noise", "too warm", "partner snoring");

  static DayPlan of(Persona p, ZoneId zone, LocalDate date, long seed) {
    var r = new SplittableRandom(Seeds.mix(seed, date.toEpochDay()));
    boolean workday = isWorkday(date);
    Menu.Plate breakfast = Menu.breakfast(r);
    LocalTime lunchAt = clock(12 * 60 + r.nextInt(90));
    Menu.Plate lunch = Menu.lunch(r);
    boolean hasSnack = r.nextDouble() < 0.35;
    LocalTime snackAt = hasSnack ? clock(15 * 60 + 15 + r.nextInt(75)) : null;
    Menu.Plate snack = hasSnack ? Menu.snack(r) : null;

    Workout workout = r.nextDouble() < p.workoutChance() ? workout(p, r, workday) : null;
    Stress stress = r.nextDouble() < (workday ? 0.35 : 0.12) ? stress(r) : null;

    boolean weekendEve = date.getDayOfWeek() == DayOfWeek.FRIDAY || date.getDayOfWeek() == DayOfWeek.SATURDAY;
    boolean late = r.nextDouble() < (weekendEve ? 0.45 : 0.2);
    int dinnerMin = late ? 20 * 60 + 35 + r.nextInt(75) : 18 * 60 + 15 + r.nextInt(100);
    if (workout != null && workday) dinnerMin = Math.max(dinnerMin, minutes(workout.at()) + workout.minutes() + 25);
    ZonedDateTime dinnerAt = date.atStartOfDay().plusMinutes(dinnerMin).atZone(zone);
    Menu.Plate dinner = Menu.dinner(r, r.nextDouble() < 0.35);

    Night night = night(p, r, zone, date, dinnerAt, dinner, workout, stress, weekendEve);
    return new DayPlan(date, lunchAt, breakfast, lunch, snackAt, snack, dinnerAt, dinner, workout, stress, night);
  }

  /** The planted cause of poor sleep: a dinner at or after 20:30 local time with at least 80 g of carbs. */
  static boolean lateHighCarb(ZonedDateTime dinnerAt, Menu.Plate dinner) {
    return !dinnerAt.toLocalTime().isBefore(DemoGenerator.LATE_DINNER_FROM)
        && dinner.carbsGrams() >= DemoGenerator.HIGH_CARB_DINNER_GRAMS;
  }

  private static Night night(Persona p, SplittableRandom r, ZoneId zone, LocalDate date, ZonedDateTime dinnerAt,
      Menu.Plate dinner, Workout workout, Stress stress, boolean weekendEve) {
    boolean lateDinner = !dinnerAt.toLocalTime().isBefore(DemoGenerator.LATE_DINNER_FROM);
    boolean lateHighCarb = lateHighCarb(dinnerAt, dinner);
    boolean stressed = stress != null && stress.high();
    boolean staysUp = r.nextDouble() < 0.12;

    int bedMin = p.bedtimeMin() + (int) Math.round(r.nextGaussian() * 20)
        + (weekendEve ? 40 : 0) + (lateDinner ? 25 : 0) + (staysUp ? 60 + r.nextInt(60) : 0);
    int afterDinner = dinnerAt.toLocalTime().toSecondOfDay() / 60 + 60;
    // Bedtimes stay before 01:50 so that they never fall into a 02:00 spring-forward gap in Europe or the US.
    bedMin = Math.clamp(Math.max(bedMin, afterDinner), 21 * 60 + 30, 25 * 60 + 50);
    ZonedDateTime bed = date.atStartOfDay().plusMinutes(bedMin).atZone(zone);

    LocalDate morning = date.plusDays(1);
    ZonedDateTime wake;
    if (isWorkday(morning)) {
      int alarm = p.alarmMin() + (int) Math.round(r.nextGaussian() * 8);
      wake = LocalDateTime.of(morning, clock(alarm)).atZone(zone);
    } else {
      long slept = p.sleepNeedMin() + Math.round(r.nextGaussian() * 35);
      wake = bed.toInstant().plus(Duration.ofMinutes(Math.max(300, slept))).atZone(zone);
      // Even a lie-in ends in time for breakfast before lunch.
      ZonedDateTime latest = LocalDateTime.of(morning, LATEST_WAKE).atZone(zone);
      if (wake.isAfter(latest)) wake = latest;
    }

    int latency = 5 + r.nextInt(20) + (stressed ? 10 : 0);
    int wakings = weighted(r) + (lateHighCarb ? 1 : 0) + (stressed ? 1 : 0);
    int awake = 0;
    for (int i = 0; i < wakings; i++) awake += 3 + r.nextInt(12);
    var disruptions = new ArrayList<String>(3);
    if (wakings > 0) disruptions.add(NIGHT_DISRUPTIONS.get(r.nextInt(NIGHT_DISRUPTIONS.size())));
    if (lateHighCarb && r.nextDouble() < 0.6) disruptions.add("indigestion");
    if (stressed) disruptions.add("racing thoughts");

    double asleepHours = (Duration.between(bed.toInstant(), wake.toInstant()).toMinutes() - latency - awake) / 60.0;
    double quality = 7 + p.qualityBias() + r.nextGaussian() * 0.9
        - (lateHighCarb ? 2.5 : lateDinner ? 0.5 : 0)
        - (stressed ? 1.0 : 0)
        + (workout != null ? 0.6 : 0)
        - (asleepHours < DemoGenerator.SHORT_SLEEP_HOURS ? 1.0 : 0);
    int q = rating(quality);
    int alertness = rating(q + r.nextGaussian() * 0.8);
    int phone = r.nextDouble() < 0.55 ? 5 + r.nextInt(40) : 0;
    return new Night(bed, wake, latency, wakings, awake, q, alertness, List.copyOf(disruptions), phone);
  }

  private static Workout workout(Persona p, SplittableRandom r, boolean workday) {
    // The favourite sport half of the time, the other two a quarter each.
    int pick = r.nextDouble() < 0.5 ? 0 : 1 + r.nextInt(2);
    String activity = p.sports().get(pick);
    int minutes = switch (activity) {
      case "walking" -> 30 + r.nextInt(50);
      case "hiit" -> 20 + r.nextInt(15);
      case "yoga" -> 30 + r.nextInt(45);
      default -> 30 + r.nextInt(46);
    };
    String intensity = switch (activity) {
      case "walking", "yoga" -> r.nextDouble() < 0.8 ? "low" : "moderate";
      case "hiit" -> r.nextDouble() < 0.6 ? "high" : "very_high";
      default -> r.nextDouble() < 0.6 ? "moderate" : "high";
    };
    LocalTime at = workday ? clock(17 * 60 + r.nextInt(75)) : clock(10 * 60 + 30 + r.nextInt(90));
    return new Workout(activity, at, minutes, intensity);
  }

  private static Stress stress(SplittableRandom r) {
    int level = 3 + r.nextInt(7);
    var triggers = new ArrayList<String>(2);
    triggers.add(STRESSORS.get(r.nextInt(STRESSORS.size())));
    String second = STRESSORS.get(r.nextInt(STRESSORS.size()));
    if (r.nextBoolean() && !triggers.contains(second)) triggers.add(second);
    return new Stress(level, List.copyOf(triggers), clock(10 * 60 + r.nextInt(8 * 60)));
  }

  /** Most nights nobody wakes, some nights once, a few twice. */
  private static int weighted(SplittableRandom r) {
    double x = r.nextDouble();
    return x < 0.55 ? 0 : x < 0.88 ? 1 : 2;
  }

  static boolean isWorkday(LocalDate d) {
    return d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY;
  }

  static int rating(double x) {
    return Math.clamp(Math.round(x), 1, 10);
  }

  private static LocalTime clock(int minutesAfterMidnight) {
    return LocalTime.ofSecondOfDay(Math.floorMod(minutesAfterMidnight, 24 * 60) * 60L);
  }

  private static int minutes(LocalTime t) {
    return t.toSecondOfDay() / 60;
  }
}
