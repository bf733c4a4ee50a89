package org.healthtimeline.summary;

import java.math.BigDecimal;

/**
 * What a user's live events add up to over one or more days: a row of summary_days, or the sum of several.
 * Counts say how many events (or ratings) stand behind each sum.
 */
record DayFigures(int events, int meals, BigDecimal calories, BigDecimal protein, BigDecimal carbs, BigDecimal fat,
    int sleeps, BigDecimal sleepHours, int sleepRatings, BigDecimal sleepRatingSum, int workouts,
    BigDecimal exerciseMinutes, int moodRatings, BigDecimal moodRatingSum, int symptomEvents,
    int dosesTaken, int dosesLate, int dosesSkipped, int dosesMissed, int dosesUnscheduled, int stressLevels,
    BigDecimal stressLevelSum) {

  static final DayFigures NONE = new DayFigures(0, 0, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO,
      BigDecimal.ZERO, 0, BigDecimal.ZERO, 0, BigDecimal.ZERO, 0, BigDecimal.ZERO, 0, BigDecimal.ZERO, 0, 0, 0, 0, 0, 0,
      0, BigDecimal.ZERO);

  DayFigures plus(DayFigures o) {
    return new DayFigures(events + o.events, meals + o.meals, calories.add(o.calories), protein.add(o.protein),
        carbs.add(o.carbs), fat.add(o.fat), sleeps + o.sleeps, sleepHours.add(o.sleepHours),
        sleepRatings + o.sleepRatings, sleepRatingSum.add(o.sleepRatingSum), workouts + o.workouts,
        exerciseMinutes.add(o.exerciseMinutes), moodRatings + o.moodRatings, moodRatingSum.add(o.moodRatingSum),
        symptomEvents + o.symptomEvents, dosesTaken + o.dosesTaken, dosesLate + o.dosesLate,
        dosesSkipped + o.dosesSkipped, dosesMissed + o.dosesMissed, dosesUnscheduled + o.dosesUnscheduled,
        stressLevels + o.stressLevels, stressLevelSum.add(o.stressLevelSum));
  }

  DoseFigures doses() {
    return new DoseFigures(dosesTaken, dosesLate, dosesSkipped, dosesMissed, dosesUnscheduled);
  }
}
