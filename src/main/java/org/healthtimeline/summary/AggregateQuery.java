package org.healthtimeline.summary;

import java.time.LocalDate;
import org.healthtimeline.errors.InvalidInput;

/**
 * One metric over the local days {@code from} to {@code to} (both included), in buckets; a tracker metric also
 * names its category, numeric field and statistic.
 */
record AggregateQuery(Metric metric, Bucket bucket, LocalDate from, LocalDate to, TrackerField tracker) {
  static final int MAX_YEARS = 5;

  /** A numeric field of a tracker category (its category_id or category_name) and what to make of its values. */
  record TrackerField(String category, String field, TrackerStat stat) {}

  AggregateQuery {
    if (to.isBefore(from)) throw new InvalidInput("to", "must not be before from (" + from + ")");
    if (!to.isBefore(from.plusYears(MAX_YEARS))) {
      throw new InvalidInput("to", "must be less than " + MAX_YEARS + " years after from: at most " + from.plusYears(MAX_YEARS).minusDays(1));
    }
    if ((metric == Metric.TRACKER) != (tracker != null)) throw new IllegalArgumentException("a tracker metric, and only it, names a field");
  }
}
