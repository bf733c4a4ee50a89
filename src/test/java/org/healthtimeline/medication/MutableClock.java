package org.healthtimeline.medication;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock a test sets by hand. */
final class MutableClock extends Clock {
  private volatile Instant now;

  MutableClock(String now) {
    set(now);
  }

  void set(String instant) {
    now = java.time.OffsetDateTime.parse(instant).toInstant();
  }

  @Override
  public Instant instant() {
    return now;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException();
  }
}
