package org.healthtimeline.backfill;

import java.sql.SQLException;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Seed 000's error handling: work that fails for a reason that passes (connection lost, serialization failure,
 * deadlock, the server restarting or out of connections) is tried again after an exponential backoff (~0.1, 0.4,
 * 1.6 s), at most {@value #RETRIES} times; any other failure, constraint violations above all, is not retried.
 */
final class TransientErrors {
  static final int RETRIES = 3;
  private static final Logger LOG = LoggerFactory.getLogger(TransientErrors.class);
  private static final Set<String> TRANSIENT = Set.of("40001", "40P01", "57P01", "57P02", "57P03", "53300");

  @FunctionalInterface
  interface Work<T> {
    T run() throws SQLException;
  }

  /** Runs {@code work} for the source {@code table}, calling {@code onRetry} before each retry. */
  <T> T run(String table, Runnable onRetry, Work<T> work) {
    for (int attempt = 0; ; attempt++) {
      try {
        return work.run();
      } catch (SQLException e) {
        if (!isTransient(e) || attempt >= RETRIES) throw new BackfillFailed(table, e);
        onRetry.run();
        long delay = (long) (100 * Math.pow(4, attempt) * (0.75 + Math.random() / 2));
        LOG.warn("backfill of {}: {} (SQLSTATE {}); retry {} of {} in {} ms", table, BackfillEngine.firstLine(e.getMessage()),
            e.getSQLState(), attempt + 1, RETRIES, delay);
        sleep(delay);
      }
    }
  }

  static boolean isTransient(SQLException e) {
    String state = e.getSQLState();
    return state != null && (state.startsWith("08") || TRANSIENT.contains(state));
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting to retry", e);
    }
  }
}
