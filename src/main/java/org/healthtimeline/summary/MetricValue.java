package org.healthtimeline.summary;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.util.Map;
import java.util.TreeMap;

/**
 * One metric over one bucket: its value (null where nothing was recorded and zero would be a claim, e.g. no meal
 * logged is not 0 kcal eaten) and the number of events or readings behind it. Symptoms add their counts per type,
 * medication adherence its doses by status and the same per medication.
 */
record MetricValue(
    BigDecimal value,
    long count,
    @JsonInclude(JsonInclude.Include.NON_NULL) Map<String, SymptomFigures> byType,
    @JsonInclude(JsonInclude.Include.NON_NULL) DoseFigures doses,
    @JsonInclude(JsonInclude.Include.NON_NULL) Map<String, MetricValue> byMedication) {

  static MetricValue of(BigDecimal value, long count) {
    return new MetricValue(Numbers.plain(value), count, null, null, null);
  }

  static MetricValue symptoms(int events, Map<String, SymptomFigures> byType) {
    return new MetricValue(BigDecimal.valueOf(events), events, new TreeMap<>(byType), null, null);
  }

  /** The adherence rate over the expected doses, with the doses, and the same per medication when given. */
  static MetricValue adherence(DoseFigures doses, Map<String, DoseFigures> perMedication) {
    Map<String, MetricValue> byMedication = null;
    if (perMedication != null) {
      byMedication = new TreeMap<>();
      for (var e : perMedication.entrySet()) byMedication.put(e.getKey(), adherence(e.getValue(), null));
    }
    return new MetricValue(doses.rate(), doses.expected(), null, doses, byMedication);
  }
}
