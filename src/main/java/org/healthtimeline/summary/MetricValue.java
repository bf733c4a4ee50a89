package org.healthtimeline.summary;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.util.Map;

/**
 * One metric over one bucket: its value (null where nothing was recorded and zero would be a claim, e.g. no meal
 * logged is not 0 kcal eaten) and the number of events or readings behind it. Symptoms add their counts per type,
 * medication adherence its doses by status.
 */
record MetricValue(
    BigDecimal value,
    long count,
    @JsonInclude(JsonInclude.Include.NON_NULL) Map<String, SymptomFigures> byType,
    @JsonInclude(JsonInclude.Include.NON_NULL) Doses doses) {

  record Doses(int taken, int late, int skipped, int missed) {}

  static MetricValue of(BigDecimal value, long count) {
    return new MetricValue(Numbers.plain(value), count, null, null);
  }
}
