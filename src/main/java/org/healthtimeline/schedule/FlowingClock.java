package org.healthtimeline.schedule;

import com.github.kagkarlsson.scheduler.Clock;
import java.time.Instant;

/**
 * db-scheduler's view of the app's clock. db-scheduler also waits between polls by its clock, so a clock that stands
 * still (a test's, set by hand) would stop it polling: while the app's clock shows the same instant, this one moves
 * on from it in real time, and it follows the app's clock again as soon as that moves. With the system clock it is
 * the system clock.
 */
final class FlowingClock implements Clock {
  private final java.time.Clock clock;
  private Instant last;
  private long lastNanos;

  FlowingClock(java.time.Clock clock) {
    this.clock = clock;
  }

  @Override
  public synchronized Instant now() {
    Instant t = clock.instant();
    long nanos = System.nanoTime();
    if (!t.equals(last)) {
      last = t;
      lastNanos = nanos;
    }
    return last.plusNanos(nanos - lastNanos);
  }
}
