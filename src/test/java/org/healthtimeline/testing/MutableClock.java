package org.healthtimeline.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock a test sets and moves, for what is due and what is past (reminders across DST changes). */
public final class MutableClock extends Clock {
  private volatile Instant now;

  public MutableClock(Instant start) {
    this.now = start;
  }

  /** At a date-time with its offset, e.g. {@code 2024-03-10T08:00:00-05:00}. */
  public MutableClock(String now) {
    set(now);
  }

  public void set(Instant t) {
    now = t;
  }

  public void set(String offsetDateTime) {
    now = OffsetDateTime.parse(offsetDateTime).toInstant();
  }

  public void advance(Duration d) {
    now = now.plus(d);
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
    throw new UnsupportedOperationException("a MutableClock is in UTC");
  }
}
