package org.healthtimeline.reminder;

import java.util.UUID;

/**
 * The ids of this feature's db-scheduler executions, which V012__reminders.sql writes: user and reminder (and the
 * epoch second of the firing), or user and completion, joined by '/'.
 */
final class TaskIds {
  private TaskIds() {}

  /** The parts of an id, or null when it is not one of ours (then the execution is dropped). */
  static String[] parts(String id, int count) {
    String[] parts = id.split("/");
    if (parts.length != count) return null;
    try {
      UUID.fromString(parts[0]);
      UUID.fromString(parts[1]);
      if (count == 3) Long.parseLong(parts[2]);
      return parts;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
