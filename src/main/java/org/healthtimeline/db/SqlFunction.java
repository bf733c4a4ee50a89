package org.healthtimeline.db;

import java.sql.SQLException;

/** A unit of work on a connection; it may throw SQLException, which {@link Tx} translates. */
@FunctionalInterface
public interface SqlFunction<A, R> {
  R apply(A a) throws SQLException;
}
