package org.healthtimeline.retention;

/**
 * One rule of seed 003's retention, as SQL: {@code rows} selects the {@code (user_id, id)} of the rows it
 * applies to (its one parameter is the moment the run counts from), and {@code action} is what is done to them.
 */
record RetentionRule(String name, String description, String table, String rows, Action action) {
  enum Action { DELETE, ARCHIVE_PHOTO }

  /** Applies the rule in one statement; its update count is what it removed or marked. */
  String apply() {
    return switch (action) {
      case DELETE -> "DELETE FROM " + table + " t USING (" + rows + ") k WHERE t.user_id = k.user_id AND t.id = k.id";
      case ARCHIVE_PHOTO -> "UPDATE " + table + " t SET photo_archived_at = ? FROM (" + rows + ") k"
          + " WHERE t.user_id = k.user_id AND t.id = k.id";
    };
  }

  boolean countsFromNow() {
    return rows.contains("?");
  }

  /** How many rows {@link #apply()} would change now. */
  String count() {
    return "SELECT count(*) FROM (" + rows + ") k";
  }
}
