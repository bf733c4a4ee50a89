package org.healthtimeline.db;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;
import java.util.function.LongConsumer;

/**
 * Seed 000's error handling: work that fails for a reason that passes (connection lost or refused, serialization
 * failure, deadlock, the server restarting or out of connections) is tried again after an exponential backoff
 * (~0.1, 0.4, 1.6 s), at most {@value #RETRIES} times; any other failure, constraint violations above all, is not
 * retried. Only for work that is safe to repeat whole: a batch in a transaction of its own whose rows are keyed, so
 * that a batch which did commit before the connection broke only replays (backfill, sync and import batches).
 */
public final class TransientErrors {
  public static final int RETRIES = 3;
  private static final long FIRST_PAUSE_MS = 100;
  private static final Set<String> TRANSIENT = Set.of("40001", "40P01", "57P01", "57P02", "57P03", "53300");

  /** Work to repeat; it may throw SQLException, or a {@link DbException} from {@link Tx}. */
  @FunctionalInterface
  public interface Work<T> {
    T run() throws SQLException;
  }

  /** Told before each retry: what failed, which retry this is, and the pause before it. */
  @FunctionalInterface
  public interface OnRetry {
    void retrying(DbException failure, int retry, long pauseMillis);
  }

  private final LongConsumer sleep;

  public TransientErrors(LongConsumer sleep) {
    this.sleep = sleep;
  }

  /** Pauses with {@link Thread#sleep}; an interrupt ends the waiting with an exception. */
  public static TransientErrors withPauses() {
    return new TransientErrors(ms -> {
      try {
        Thread.sleep(ms);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting to retry", e);
      }
    });
  }

  /** Runs {@code work}, again after a transient failure; the last failure is thrown as a {@link DbException}. */
  public <T> T run(OnRetry onRetry, Work<T> work) {
    for (int attempt = 0; ; attempt++) {
      DbException failure;
      try {
        return work.run();
      } catch (SQLException e) {
        failure = new DbException(e);
      } catch (DbException e) {
        failure = e;
      }
      if (attempt >= RETRIES || !isTransient(failure)) throw failure;
      // Jitter, so that two processes that failed together do not retry together.
      long pause = (long) ((FIRST_PAUSE_MS << (2 * attempt)) * (0.75 + Math.random() / 2));
      onRetry.retrying(failure, attempt + 1, pause);
      sleep.accept(pause);
    }
  }

  /**
   * Whether the failure passes. Its SQLSTATE may sit deeper than the top exception: a broken connection also fails
   * the clean-up after the failed statement (a rollback), and that failure may be the one reported.
   */
  public static boolean isTransient(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof SQLTransientConnectionException || t instanceof SQLRecoverableException) return true;
      if (t instanceof SQLException s && transientState(s.getSQLState())) return true;
      for (Throwable suppressed : t.getSuppressed()) {
        if (suppressed instanceof SQLException s && transientState(s.getSQLState())) return true;
      }
    }
    return false;
  }

  private static boolean transientState(String state) {
    return state != null && (state.startsWith("08") || TRANSIENT.contains(state));
  }
}
