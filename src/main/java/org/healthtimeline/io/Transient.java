package org.healthtimeline.io;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.function.LongConsumer;
import java.util.function.Supplier;
import org.healthtimeline.db.DbException;

/**
 * Seed 000's rule for transient database errors: retried with exponential backoff, at most 3 times; anything
 * else (a constraint violation, bad SQL) fails at once. {@code Tx.inTransaction} already retries serialization
 * failures and deadlocks (40001, 40P01) that way; this adds a lost or refused connection (SQLSTATE class 08,
 * the server shutting down 57P01-57P03, the pool timing out), for work that is safe to repeat: an import
 * batch, whose events are keyed, so a batch that did commit before the connection broke only replays.
 */
final class Transient {
  static final int RETRIES = 3;
  private static final long FIRST_PAUSE_MS = 200;

  private final LongConsumer sleep;

  Transient(LongConsumer sleep) {
    this.sleep = sleep;
  }

  static Transient withPauses() {
    return new Transient(ms -> {
      try {
        Thread.sleep(ms);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting to retry", e);
      }
    });
  }

  <T> T retry(Supplier<T> work) {
    for (int attempt = 0; ; attempt++) {
      try {
        return work.get();
      } catch (DbException e) {
        if (attempt >= RETRIES || !isConnectionLoss(e)) throw e;
        sleep.accept(FIRST_PAUSE_MS << (2 * attempt));
      }
    }
  }

  /**
   * Whether the connection was lost. The SQLSTATE may sit deeper than the top exception: a broken connection
   * also fails the clean-up after the failed statement, and that failure may be the one reported.
   */
  static boolean isConnectionLoss(DbException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLTransientConnectionException || t instanceof java.sql.SQLRecoverableException) return true;
      if (t instanceof SQLException s && connectionState(s.getSQLState())) return true;
      for (Throwable suppressed : t.getSuppressed()) {
        if (suppressed instanceof SQLException s && connectionState(s.getSQLState())) return true;
      }
    }
    return false;
  }

  private static boolean connectionState(String state) {
    return state != null && (state.startsWith("08") || state.equals("57P01") || state.equals("57P02") || state.equals("57P03"));
  }
}
