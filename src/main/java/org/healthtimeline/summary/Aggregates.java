package org.healthtimeline.summary;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.time.LocalDate;
import java.util.List;

/** The answer of GET …/aggregates: one item per bucket from {@code from} to {@code to}, empty buckets included. */
record Aggregates(String metric, String bucket, LocalDate from, LocalDate to, String timeZone, String unit,
    @JsonInclude(JsonInclude.Include.NON_NULL) Tracker tracker, List<Item> buckets) {

  /** The tracker field a tracker metric is about. */
  record Tracker(String category, String field, String stat) {}

  /** A bucket: its first and last day within the range asked for, and the metric's value over them. */
  record Item(LocalDate start, LocalDate end, @JsonUnwrapped MetricValue figures) {}
}
