package org.healthtimeline.summary;

import java.math.BigDecimal;

/** How many symptom events named one symptom type, and the highest severity among them (null if none had one). */
record SymptomFigures(int count, BigDecimal maxSeverity) {
  SymptomFigures plus(SymptomFigures o) {
    BigDecimal max = maxSeverity == null ? o.maxSeverity
        : o.maxSeverity == null ? maxSeverity : maxSeverity.max(o.maxSeverity);
    return new SymptomFigures(count + o.count, max);
  }
}
