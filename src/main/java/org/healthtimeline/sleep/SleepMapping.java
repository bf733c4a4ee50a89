package org.healthtimeline.sleep;

import org.healthtimeline.sync.MappingFiles;
import org.healthtimeline.sync.SourceMapping;

/** How a sleep_entries row becomes its sleep event: {@code sleep_entries.sql} beside this class. */
public final class SleepMapping {
  public static final SourceMapping SLEEP_ENTRIES = MappingFiles.load("sleep_entries", "/org/healthtimeline/sleep/sleep_entries.sql");

  private SleepMapping() {}
}
