package org.healthtimeline.io;

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

  static boolean isConnectionLoss(DbException e) {
    String state = e.sqlState();
    if (state != null && (state.startsWith("08") || state.equals("57P01") || state.equals("57P02") || state.equals("57P03"))) return true;
    return e.getCause() instanceof SQLTransientConnectionException;
  }
}
