package org.healthtimeline.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Set;
import javax.sql.DataSource;

/**
 * The one way to run SQL. A write is one transaction: committed whole or rolled back whole on any exception.
 * Transactions do not nest; a service opens one, repositories run inside the connection they are given.
 * Serialization failures and deadlocks are retried, since the whole unit of work is in the lambda.
 */
public final class Tx {
  private static final Set<String> RETRYABLE = Set.of("40001", "40P01");
  private static final int ATTEMPTS = 4;
  private static final ThreadLocal<Boolean> OPEN = ThreadLocal.withInitial(() -> false);

  private final DataSource dataSource;

  public Tx(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  public <T> T inTransaction(SqlFunction<Connection, T> work) {
    for (int attempt = 1; ; attempt++) {
      try {
        return once(work);
      } catch (DbException e) {
        // A failure without a SQLSTATE (a connection the driver already closed) is not one of these.
        if (attempt >= ATTEMPTS || e.sqlState() == null || !RETRYABLE.contains(e.sqlState())) throw e;
        sleepBeforeRetry(attempt);
      }
    }
  }

  /**
   * Autocommit: each statement is its own transaction and no transaction is held open between them. For
   * reads, and for a write that is one statement (it commits whole or not at all, in one round trip).
   */
  public <T> T read(SqlFunction<Connection, T> work) {
    if (OPEN.get()) throw new IllegalStateException("read() inside a transaction: use the connection you were given");
    try (Connection c = dataSource.getConnection()) {
      return work.apply(c);
    } catch (SQLException e) {
      throw new DbException(e);
    }
  }

  private <T> T once(SqlFunction<Connection, T> work) {
    if (OPEN.get()) throw new IllegalStateException("transactions do not nest");
    OPEN.set(true);
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        T result = work.apply(c);
        c.commit();
        return result;
      } catch (SQLException e) {
        rollbackQuietly(c, e);
        throw new DbException(e);
      } catch (RuntimeException | Error e) {
        rollbackQuietly(c, e);
        throw e;
      } finally {
        restoreAutoCommit(c);
      }
    } catch (SQLException e) {
      throw new DbException(e);
    } finally {
      OPEN.set(false);
    }
  }

  /**
   * On a connection that broke, this fails too, and its error ("Connection is closed", no SQLSTATE) would hide
   * the one that says what happened (08006); the pool resets auto-commit of a connection it gets back anyway.
   */
  private static void restoreAutoCommit(Connection c) {
    try {
      c.setAutoCommit(true);
    } catch (SQLException brokenConnection) {
      // the failure of the work itself is the one to report
    }
  }

  private static void rollbackQuietly(Connection c, Throwable cause) {
    try {
      c.rollback();
    } catch (SQLException e) {
      cause.addSuppressed(e);
    }
  }

  private static void sleepBeforeRetry(int attempt) {
    try {
      Thread.sleep((long) (5 * Math.pow(4, attempt - 1) * (0.5 + Math.random())));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while retrying a transaction", e);
    }
  }
}
