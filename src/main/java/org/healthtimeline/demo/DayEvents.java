package org.healthtimeline.demo;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.healthtimeline.timeline.EventType;
import org.healthtimeline.timeline.NewEvent;

/**
 * The events of one local day, in time order: the day's own plan, and what last night (yesterday's plan) does
 * to this morning and afternoon. The planted effects are the probabilities in {@link #symptoms} and the
 * terms of {@link #bloodPressure} and {@link #mood}; {@link DemoGenerator} lists them all.
 */
final class DayEvents {
  private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");
  private static final List<String> GOOD = List.of("happy", "energetic", "grateful", "calm", "motivated");
  private static final List<String> FAIR = List.of("content", "calm", "focused", "tired", "relaxed");
  private static final List<String> POOR = List.of("tired", "irritable", "anxious", "sad", "stressed");
  /** The key's type part; EventType.wire() lower-cases the name on every call. */
  private static final String[] KEY_TYPES = java.util.Arrays.stream(EventType.values())
      .map(t -> "demo:" + t.wire() + ":").toArray(String[]::new);
  private static final List<String> HEADACHE_TRIGGERS = List.of("dehydration", "screen time", "skipped water", "bright light");

  private final Persona person;
  private final ZoneId zone;
  private final DayPlan today;
  private final DayPlan yesterday;
  private final SplittableRandom r;
  private final String keyDate;
  private final int[] numbers = new int[EventType.values().length];
  private final List<NewEvent> out = new ArrayList<>(16);

  private DayEvents(Persona person, ZoneId zone, DayPlan today, DayPlan yesterday, long seed) {
    this.person = person;
    this.zone = zone;
    this.today = today;
    this.yesterday = yesterday;
    // Apart from the plan's numbers, so that drawing these never shifts what the plan drew.
    this.r = new SplittableRandom(Seeds.mix(~seed, today.date().toEpochDay()));
    this.keyDate = today.date().toString();
  }

  static List<NewEvent> of(Persona person, ZoneId zone, DayPlan today, DayPlan yesterday, long seed) {
    return new DayEvents(person, zone, today, yesterday, seed).write();
  }

  private List<NewEvent> write() {
    DayPlan.Night lastNight = yesterday.night();
    Instant woke = lastNight.wake().toInstant();
    if (r.nextDouble() < 0.85) bloodPressure(woke.plus(minutes(5 + r.nextInt(15))), lastNight);
    meal("breakfast", woke.plus(minutes(20 + r.nextInt(40))), today.breakfast());
    meal("lunch", local(today.lunchAt()), today.lunch());
    if (today.snack() != null) meal("snack", local(today.snackAt()), today.snack());
    if (today.workout() != null) workout(today.workout(), woke);
    if (today.stress() != null) stress(today.stress());
    boolean headache = symptoms(lastNight);
    meal("dinner", today.dinnerAt().toInstant(), today.dinner());
    mood(lastNight, headache);
    sleep(today.night());
    out.sort(Comparator.comparing(NewEvent::occurredAt));
    return out;
  }

  private void meal(String mealType, Instant at, Menu.Plate plate) {
    var json = new JsonText(160 + 150 * plate.foods().size()).text("meal_type", mealType).number("total_calories", plate.calories());
    macros(json.openObject("total_macros"), plate.protein10(), plate.carbs10(), plate.fat10()).closeObject();
    json.openArray("foods");
    for (Menu.Food f : plate.foods()) {
      json.openElement().text("name", f.name()).text("quantity", f.quantity()).number("calories", f.calories());
      macros(json.openObject("macros"), f.protein10(), f.carbs10(), f.fat10()).closeObject().closeObject();
    }
    add(EventType.MEAL, mealType, at, null, json.closeArray().done());
  }

  private static JsonText macros(JsonText json, int protein10, int carbs10, int fat10) {
    return json.decimal("protein", protein10, 1).decimal("carbs", carbs10, 1).decimal("fat", fat10, 1);
  }

  private void sleep(DayPlan.Night n) {
    int asleepHundredths = Math.round(n.asleepMin() * 100 / 60f);
    var json = new JsonText()
        .text("bedtime", n.bed().toLocalTime().format(HH_MM))
        .text("wake_time", n.wake().toLocalTime().format(HH_MM))
        .number("sleep_latency_minutes", n.latencyMin())
        .decimal("total_sleep_hours", asleepHundredths, 2)
        .number("sleep_quality_rating", n.quality())
        .number("night_wakings", n.wakings())
        .texts("disruptions", n.disruptions())
        .bool("phone_usage", n.phoneMinutes() > 0);
    if (n.phoneMinutes() > 0) json.number("phone_duration_minutes", n.phoneMinutes());
    json.number("alertness_rating", n.alertness());
    add(EventType.SLEEP, null, n.bed().toInstant(), n.wake().toInstant(), json.done());
  }

  private void workout(DayPlan.Workout w, Instant woke) {
    // Weekend workouts follow a lie-in, so they start from the wake time rather than the clock.
    Instant start = DayPlan.isWorkday(today.date()) ? local(w.at()) : woke.plus(minutes(90 + r.nextInt(60)));
    double hours = w.minutes() / 60.0;
    var json = new JsonText().text("activity_type", w.activity()).number("duration_minutes", w.minutes())
        .text("intensity", w.intensity());
    double kmPerHour = switch (w.activity()) {
      case "running" -> 9.5 + r.nextDouble(2.5);
      case "cycling" -> 20 + r.nextDouble(8);
      case "walking" -> 4.5 + r.nextDouble(1.2);
      case "swimming" -> 2.2 + r.nextDouble(0.8);
      default -> 0;
    };
    if (kmPerHour > 0) json.decimal("distance_km", Math.round(kmPerHour * hours * 10), 1);
    double met = switch (w.activity()) {
      case "running" -> 9.8;
      case "cycling" -> 7.5;
      case "swimming" -> 7.0;
      case "hiit" -> 8.0;
      case "strength training" -> 5.0;
      case "walking" -> 3.5;
      default -> 2.5;
    };
    json.number("calories", Math.round(met * 72 * hours));
    int effort = switch (w.intensity()) {
      case "low" -> 30;
      case "moderate" -> 55;
      case "high" -> 75;
      default -> 90;
    };
    json.number("avg_heart_rate", person.restingHeartRate() + effort + Math.round(r.nextGaussian() * 5));
    add(EventType.EXERCISE, w.activity(), start, start.plus(minutes(w.minutes())), json.done());
  }

  private void stress(DayPlan.Stress s) {
    add(EventType.STRESS, null, local(s.at()),
        null, new JsonText().number("stress_level", s.level()).texts("triggers", s.triggers()).done());
  }

  /** Headache after a short night, fatigue after a poor one, bloating after a big dinner. True if a headache. */
  private boolean symptoms(DayPlan.Night lastNight) {
    boolean headache = r.nextDouble() < (lastNight.shortSleep() ? 0.40 : 0.05);
    if (headache) {
      List<String> triggers = lastNight.shortSleep()
          ? List.of("poor sleep")
          : List.of(HEADACHE_TRIGGERS.get(r.nextInt(HEADACHE_TRIGGERS.size())));
      symptom("headache", local(clock(10 * 60 + r.nextInt(360))), 3 + r.nextInt(5), 30 + r.nextInt(210), triggers);
    }
    if (r.nextDouble() < (lastNight.quality() <= 4 ? 0.35 : 0.04)) {
      symptom("fatigue", local(clock(14 * 60 + r.nextInt(150))), 3 + r.nextInt(5), 60 + r.nextInt(180),
          lastNight.quality() <= 4 ? List.of("poor sleep") : List.of());
    }
    if (r.nextDouble() < (today.dinner().calories() >= 1000 ? 0.35 : 0.03)) {
      Instant after = today.dinnerAt().toInstant().plus(minutes(45 + r.nextInt(75)));
      symptom("bloating", after, 2 + r.nextInt(5), 45 + r.nextInt(120),
          today.dinner().calories() >= 1000 ? List.of("large meal") : List.of());
    }
    return headache;
  }

  private void symptom(String type, Instant at, int severity, int minutes, List<String> triggers) {
    add(EventType.SYMPTOM, type, at, null, new JsonText().text("symptom_type", type).number("severity", severity)
        .number("duration_minutes", minutes).texts("triggers", triggers).done());
  }

  /** Up after a short night or a stressful day, as in the studies of sleep restriction and stress. */
  private void bloodPressure(Instant at, DayPlan.Night lastNight) {
    boolean shortNight = lastNight.shortSleep();
    boolean stressed = yesterday.stress() != null && yesterday.stress().high();
    long systolic = person.systolic() + Math.round(r.nextGaussian() * 5) + (shortNight ? 6 : 0) + (stressed ? 4 : 0);
    long diastolic = person.diastolic() + Math.round(r.nextGaussian() * 4) + (shortNight ? 4 : 0) + (stressed ? 2 : 0);
    long heartRate = person.restingHeartRate() + Math.round(r.nextGaussian() * 4) + (shortNight ? 4 : 0);
    var json = new JsonText().text("category_name", "Blood Pressure").openObject("data")
        .number("systolic", systolic).number("diastolic", diastolic).number("heart_rate", heartRate).closeObject();
    add(EventType.TRACKER, "Blood Pressure", at, null, json.done());
  }

  private void mood(DayPlan.Night lastNight, boolean headache) {
    DayPlan.Stress s = today.stress();
    double x = person.moodBase() + 0.45 * (lastNight.quality() - 6.5)
        + (today.workout() != null ? 0.7 : 0)
        - (s == null ? 0 : s.high() ? 1.2 : 0.4)
        - (headache ? 1.0 : 0)
        + r.nextGaussian() * 0.8;
    int rating = DayPlan.rating(x);
    List<String> pool = rating >= 8 ? GOOD : rating >= 5 ? FAIR : POOR;
    var emotions = new ArrayList<String>(3);
    for (int i = 1 + r.nextInt(3); i > 0; i--) {
      String e = pool.get(r.nextInt(pool.size()));
      if (!emotions.contains(e)) emotions.add(e);
    }
    add(EventType.MOOD, "daily_checkin", local(clock(21 * 60 + r.nextInt(90))), null,
        new JsonText().number("mood_rating", rating).texts("emotions", emotions).done());
  }

  private void add(EventType type, String subtype, Instant at, Instant end, String data) {
    int n = ++numbers[type.ordinal()];
    String key = KEY_TYPES[type.ordinal()] + keyDate + ":" + n;
    short offset = (short) (zone.getRules().getOffset(at).getTotalSeconds() / 60);
    out.add(new NewEvent(null, type, subtype, at, end, offset, data, null, null, null, DemoGenerator.ORIGIN,
        null, null, null, key));
  }

  private Instant local(LocalTime t) {
    return today.date().atTime(t).atZone(zone).toInstant();
  }

  private static LocalTime clock(int minutesAfterMidnight) {
    return LocalTime.ofSecondOfDay(minutesAfterMidnight * 60L);
  }

  private static Duration minutes(long m) {
    return Duration.ofMinutes(m);
  }
}
