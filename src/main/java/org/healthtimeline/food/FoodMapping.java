package org.healthtimeline.food;

import org.healthtimeline.sync.MappingFiles;
import org.healthtimeline.sync.SourceMapping;

/** How a food_entries row becomes its meal event: {@code food_entries.sql} beside this class. */
public final class FoodMapping {
  public static final SourceMapping FOOD_ENTRIES = MappingFiles.load("food_entries", "/org/healthtimeline/food/food_entries.sql");

  private FoodMapping() {}
}
