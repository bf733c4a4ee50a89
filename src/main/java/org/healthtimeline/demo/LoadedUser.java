package org.healthtimeline.demo;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.UUID;

/**
 * A demo user after loading: their window of local days, how many of its events have happened by now
 * ({@code events}), how many of those this load added, and how many it left alone because the stored event
 * with the same key has been changed through the API since (a demo is there to be played with).
 */
public record LoadedUser(UUID id, String externalId, ZoneId zone, LocalDate firstDay, LocalDate lastDay, int events,
    int added, int keptChanged) {

  /** True when this load wrote events, false when they were all there already. */
  public boolean freshlyLoaded() {
    return added > 0;
  }
}
