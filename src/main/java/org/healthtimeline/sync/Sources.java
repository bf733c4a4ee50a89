package org.healthtimeline.sync;

import java.util.List;
import org.healthtimeline.assessment.ResponseEvents;
import org.healthtimeline.assessment.SleepQuizEvents;
import org.healthtimeline.exercise.ExerciseMapping;
import org.healthtimeline.food.FoodMapping;
import org.healthtimeline.medication.DoseEvents;
import org.healthtimeline.sleep.SleepMapping;
import org.healthtimeline.tracking.TrackingMapping;

/** Every source table whose rows have timeline events, in the order sync and backfill visit them. */
public final class Sources {
  private Sources() {}

  /** Each domain adds its mapping here (its SQL lives in the domain's own package). */
  public static final List<SourceMapping> ALL = List.of(
      FoodMapping.FOOD_ENTRIES,
      SleepMapping.SLEEP_ENTRIES,
      ExerciseMapping.EXERCISE_ENTRIES,
      TrackingMapping.TRACKING_ENTRIES,
      DoseEvents.MAPPING,
      ResponseEvents.MAPPING,
      SleepQuizEvents.MAPPING);
}
