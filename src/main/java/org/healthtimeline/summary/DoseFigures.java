package org.healthtimeline.summary;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Medication doses over one or more days, by status, and the doses taken as needed ({@code unscheduled}), which are
 * outside the rate, as the medications feature counts them (GET …/medications/adherence).
 */
record DoseFigures(int taken, int late, int skipped, int missed, int unscheduled) {
  static final DoseFigures NONE = new DoseFigures(0, 0, 0, 0, 0);

  DoseFigures plus(DoseFigures o) {
    return new DoseFigures(taken + o.taken, late + o.late, skipped + o.skipped, missed + o.missed, unscheduled + o.unscheduled);
  }

  /** The scheduled doses that came due: the ones the rate is over. */
  int expected() {
    return taken + late + skipped + missed;
  }

  /**
   * The medications feature's adherence rate: 100 x taken / expected, to one decimal, rounded half up (a late dose
   * is not taken); null when no dose was expected.
   */
  BigDecimal rate() {
    if (expected() == 0) return null;
    return Numbers.plain(BigDecimal.valueOf(100L * taken).divide(BigDecimal.valueOf(expected()), 1, RoundingMode.HALF_UP));
  }
}
