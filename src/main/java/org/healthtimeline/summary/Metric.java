package org.healthtimeline.summary;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** What the aggregates API can sum up; the README's table gives each one's definition and its empty value. */
enum Metric {
  CALORIES("kcal"), PROTEIN("g"), CARBS("g"), FAT("g"), MEALS("meals"), SLEEP_HOURS("h"), SLEEP_QUALITY("1-10"),
  EXERCISE_MINUTES("min"), MOOD("1-10"), STRESS("0-10"), SYMPTOMS("events"), MEDICATION_ADHERENCE("%"), TRACKER(null);

  final String unit;

  Metric(String unit) {
    this.unit = unit;
  }

  String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  static Optional<Metric> fromWire(String name) {
    return Arrays.stream(values()).filter(m -> m.wire().equals(name)).findFirst();
  }

  static String names() {
    return String.join(", ", Arrays.stream(values()).map(Metric::wire).toList());
  }

  /** Whether the metric needs the per-type symptom rollup besides the daily figures. */
  boolean readsSymptoms() {
    return this == SYMPTOMS;
  }

  /** Whether the metric needs the per-medication rollup besides the daily figures. */
  boolean readsMedications() {
    return this == MEDICATION_ADHERENCE;
  }

  /** The value of any metric but {@link #TRACKER}, from a bucket's figures. */
  MetricValue of(DayFigures f, Map<String, SymptomFigures> symptoms, Map<String, DoseFigures> medications) {
    return switch (this) {
      case CALORIES -> recorded(f.meals(), f.calories());
      case PROTEIN -> recorded(f.meals(), f.protein());
      case CARBS -> recorded(f.meals(), f.carbs());
      case FAT -> recorded(f.meals(), f.fat());
      case MEALS -> MetricValue.of(BigDecimal.valueOf(f.meals()), f.meals());
      case SLEEP_HOURS -> recorded(f.sleeps(), f.sleepHours());
      case SLEEP_QUALITY -> MetricValue.of(Numbers.ratio(f.sleepRatingSum(), f.sleepRatings()), f.sleepRatings());
      case EXERCISE_MINUTES -> MetricValue.of(f.exerciseMinutes(), f.workouts());
      case MOOD -> MetricValue.of(Numbers.ratio(f.moodRatingSum(), f.moodRatings()), f.moodRatings());
      case STRESS -> MetricValue.of(Numbers.ratio(f.stressLevelSum(), f.stressLevels()), f.stressLevels());
      case SYMPTOMS -> MetricValue.symptoms(f.symptomEvents(), symptoms);
      case MEDICATION_ADHERENCE -> MetricValue.adherence(f.doses(), medications);
      case TRACKER -> throw new IllegalStateException("a tracker metric reads its own rollup");
    };
  }

  /** A sum that means nothing without the events it sums: null when there are none. */
  private static MetricValue recorded(int events, BigDecimal sum) {
    return MetricValue.of(events == 0 ? null : sum, events);
  }
}
