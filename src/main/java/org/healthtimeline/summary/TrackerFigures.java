package org.healthtimeline.summary;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Comparator;
import java.util.UUID;

/**
 * One numeric field of a tracker category over one or more days: count, sum, min, max, and the value of the
 * latest event (by occurred_at, then id, as the rollup orders them).
 */
record TrackerFigures(int n, BigDecimal sum, BigDecimal min, BigDecimal max, Instant lastAt, UUID lastEvent,
    BigDecimal lastValue) {

  private static final Comparator<TrackerFigures> LATEST =
      Comparator.comparing(TrackerFigures::lastAt).thenComparing(TrackerFigures::lastEvent);

  TrackerFigures plus(TrackerFigures o) {
    TrackerFigures later = LATEST.compare(this, o) >= 0 ? this : o;
    return new TrackerFigures(n + o.n, sum.add(o.sum), min.min(o.min), max.max(o.max), later.lastAt, later.lastEvent,
        later.lastValue);
  }

  BigDecimal stat(TrackerStat stat) {
    return switch (stat) {
      case SUM -> sum;
      case AVG -> Numbers.ratio(sum, n);
      case MIN -> min;
      case MAX -> max;
      case LAST -> lastValue;
    };
  }
}
