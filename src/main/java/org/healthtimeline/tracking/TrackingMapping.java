package org.healthtimeline.tracking;

import org.healthtimeline.sync.MappingFiles;
import org.healthtimeline.sync.SourceMapping;

/** How a tracking_entries row becomes its tracker event: {@code tracking_entries.sql} beside this class. */
public final class TrackingMapping {
  public static final SourceMapping TRACKING_ENTRIES =
      MappingFiles.load("tracking_entries", "/org/healthtimeline/tracking/tracking_entries.sql");

  private TrackingMapping() {}
}
