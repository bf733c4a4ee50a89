package org.healthtimeline.summary;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.Arrays;
import java.util.Optional;

/** A span of the user's calendar that one aggregate value covers. Weeks are ISO weeks, Monday to Sunday. */
enum Bucket {
  DAY, WEEK, MONTH;

  String wire() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  static Optional<Bucket> fromWire(String name) {
    return Arrays.stream(values()).filter(b -> b.wire().equals(name)).findFirst();
  }

  /** The first day of the bucket that holds {@code day}. */
  LocalDate start(LocalDate day) {
    return switch (this) {
      case DAY -> day;
      case WEEK -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
      case MONTH -> day.withDayOfMonth(1);
    };
  }

  /** The last day of the bucket that starts on {@code start}. */
  LocalDate end(LocalDate start) {
    return switch (this) {
      case DAY -> start;
      case WEEK -> start.plusDays(6);
      case MONTH -> start.with(TemporalAdjusters.lastDayOfMonth());
    };
  }
}
