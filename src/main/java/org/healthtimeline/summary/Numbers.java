package org.healthtimeline.summary;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Averages and ratios as the API shows them: four decimals at most, no trailing zeros. */
final class Numbers {
  private Numbers() {}

  /** {@code sum / n}, or null when there is nothing to divide by. */
  static BigDecimal ratio(BigDecimal sum, long n) {
    if (n == 0) return null;
    return plain(sum.divide(BigDecimal.valueOf(n), 4, RoundingMode.HALF_EVEN));
  }

  /** Without trailing zeros, but never in exponent notation for whole numbers (1E+3). */
  static BigDecimal plain(BigDecimal v) {
    if (v == null) return null;
    BigDecimal s = v.stripTrailingZeros();
    return s.scale() < 0 ? s.setScale(0) : s;
  }
}
