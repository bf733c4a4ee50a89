package org.healthtimeline.io;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** What a format reader hands on: events in the shape of an events API create body, and what it could not use. */
interface RecordSink {
  /**
   * An event as an events API create body; it may also carry {@code utc_offset_minutes}. With
   * {@code sameKeySameMeasurement}, a stored event with its dedupe_key is the same measurement seen through
   * another source (the key holds type, times, value and unit), so meeting it is a duplicate, not a conflict.
   */
  void event(Position at, ObjectNode body, boolean sameKeySameMeasurement);

  /** A record that cannot become an event; {@code field} names what is wrong in it, or is null. */
  void bad(Position at, String field, String message);

  /** A record deliberately not imported, counted under its reason (e.g. an unknown Apple Health type). */
  void skipped(String reason);
}
