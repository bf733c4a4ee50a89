package org.healthtimeline.medication;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * Adherence over the user's last {@code days} local days, {@code from} to {@code to} (today), per medication and
 * overall. {@code expected} is every scheduled dose due so far in the window (taken + late + skipped + missed);
 * {@code adherence_rate} is seed 002's: the percentage of them taken, to one decimal (null when none was due).
 * {@code pending}: doses due earlier today, not recorded yet. {@code unscheduled}: doses taken as needed.
 */
public record Adherence(int days, LocalDate from, LocalDate to, String timeZone, Counts overall, List<PerMedication> medications) {

  public record Counts(long expected, long taken, long late, long skipped, long missed, long pending, long unscheduled,
      BigDecimal adherenceRate) {
    static Counts of(long taken, long late, long skipped, long missed, long pending, long unscheduled) {
      long expected = taken + late + skipped + missed;
      BigDecimal rate = expected == 0 ? null
          : BigDecimal.valueOf(100L * taken).divide(BigDecimal.valueOf(expected), 1, RoundingMode.HALF_UP);
      return new Counts(expected, taken, late, skipped, missed, pending, unscheduled, rate);
    }

    Counts plus(Counts o) {
      return of(taken + o.taken, late + o.late, skipped + o.skipped, missed + o.missed, pending + o.pending,
          unscheduled + o.unscheduled);
    }
  }

  public record PerMedication(UUID medicationId, String name, boolean active, boolean asNeeded, Counts counts) {}
}
