package org.healthtimeline.summary;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** Every metric of one local day, and each numeric field of each tracker category recorded that day. */
record DailySummary(LocalDate date, String timeZone, Map<String, MetricValue> metrics, List<TrackerDay> trackers) {

  /** A tracker field's day; the category as its events named it: by id, by name, or both. */
  record TrackerDay(
      @JsonInclude(JsonInclude.Include.NON_NULL) String categoryId,
      @JsonInclude(JsonInclude.Include.NON_NULL) String categoryName,
      String field, int count, BigDecimal sum, BigDecimal avg, BigDecimal min, BigDecimal max, BigDecimal last) {

    static TrackerDay of(String categoryId, String categoryName, String field, TrackerFigures f) {
      return new TrackerDay(categoryId, categoryName, field, f.n(), Numbers.plain(f.sum()),
          Numbers.plain(f.stat(TrackerStat.AVG)), Numbers.plain(f.min()), Numbers.plain(f.max()), Numbers.plain(f.lastValue()));
    }
  }
}
