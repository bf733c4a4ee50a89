package org.healthtimeline.user;

import java.util.UUID;
import java.util.function.Supplier;
import org.healthtimeline.db.DbException;
import org.healthtimeline.errors.NotFound;

/** The failures of a request on one user's rows (meals, sleep, ...), told apart for the client. */
public final class UserRows {
  private UserRows() {}

  /** A row of the user was not found: the 404 names the user if the user does not exist, else the row's field. */
  public static NotFound notFound(UserService users, UUID userId, String field, String message) {
    return users.exists(userId) ? new NotFound(field, message) : userNotFound(userId);
  }

  public static NotFound userNotFound(UUID userId) {
    return new NotFound("userId", "user " + userId + " does not exist");
  }

  /** Runs a write of a user's rows; a foreign key to a user that does not exist becomes that 404. */
  public static <T> T writing(UUID userId, Supplier<T> work) {
    try {
      return work.get();
    } catch (DbException e) {
      if ("23503".equals(e.sqlState())) throw userNotFound(userId);
      throw e;
    }
  }
}
