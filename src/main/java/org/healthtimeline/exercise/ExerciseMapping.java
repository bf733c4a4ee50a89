package org.healthtimeline.exercise;

import org.healthtimeline.sync.MappingFiles;
import org.healthtimeline.sync.SourceMapping;

/** How an exercise_entries row becomes its exercise event: {@code exercise_entries.sql} beside this class. */
public final class ExerciseMapping {
  public static final SourceMapping EXERCISE_ENTRIES =
      MappingFiles.load("exercise_entries", "/org/healthtimeline/exercise/exercise_entries.sql");

  private ExerciseMapping() {}
}
