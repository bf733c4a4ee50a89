package org.healthtimeline.sync;

import org.healthtimeline.db.DbException;

/** A source's run stopped by an error that is not a bad row; what was committed before it stays. */
public final class BackfillFailed extends RuntimeException {
  BackfillFailed(String table, DbException cause) {
    super(table + ": " + BackfillEngine.firstLine(cause.getMessage()) + " (SQLSTATE " + cause.sqlState()
        + "); what was done is kept, run it again to finish the rest", cause);
  }
}
