package org.healthtimeline.db;

import java.sql.SQLException;

/** An unexpected database failure, unchecked; constraint violations that mean something are mapped before this. */
public class DbException extends RuntimeException {
  public DbException(String message, Throwable cause) {
    super(message, cause);
  }

  public DbException(SQLException cause) {
    super(cause.getMessage(), cause);
  }

  /** The SQLSTATE of the failure, or null. */
  public String sqlState() {
    return getCause() instanceof SQLException e ? e.getSQLState() : null;
  }
}
