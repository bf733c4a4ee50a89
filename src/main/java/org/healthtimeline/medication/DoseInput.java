package org.healthtimeline.medication;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.healthtimeline.errors.InvalidInput;
import org.healthtimeline.web.Fields;

/**
 * A dose as a request records it, checked. {@code takenAt} is null when the request gave none: a dose taken (or
 * late) then keeps the time stored for the same dose, or else a dose 'taken' was taken when it was due (on time)
 * and one 'late' just now. Times are kept to the second.
 */
record DoseInput(UUID id, String status, Instant scheduledFor, Instant takenAt, List<String> sideEffects, String notes) {
  static final Set<String> FIELDS = Set.of("id", "status", "scheduled_for", "taken_at", "side_effects", "notes");
  static final List<String> STATUSES = List.of("taken", "skipped", "late", "missed");
  /** A dose may be recorded a little before it is due (the evening dose at six); not a day ahead. */
  static final Duration EARLIEST_AHEAD = Duration.ofHours(24);
  /** Clocks of phones and servers differ a little. */
  static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

  static DoseInput read(JsonNode body, Clock clock) {
    if (!body.isObject()) throw new InvalidInput("body", "must be a JSON object");
    var f = new Fields(body);
    f.onlyKnown(FIELDS);
    UUID id = f.uuid("id");
    String status = f.requiredText("status", 20);
    if (status != null && !STATUSES.contains(status)) {
      f.fail("status", "must be one of " + String.join(", ", STATUSES));
      status = null;
    }
    Instant scheduledFor = seconds(f.instant("scheduled_for"));
    Instant takenAt = seconds(f.instant("taken_at"));
    Instant now = clock.instant();
    if (scheduledFor != null && scheduledFor.isAfter(now.plus(EARLIEST_AHEAD))) {
      f.fail("scheduled_for", "must not be more than 24 hours ahead");
    }
    if (takenAt != null && takenAt.isAfter(now.plus(CLOCK_SKEW))) f.fail("taken_at", "must not be in the future");
    boolean taken = "taken".equals(status) || "late".equals(status);
    if (takenAt != null && status != null && !taken) f.fail("taken_at", "is only for a dose taken or late, not " + status);
    if (scheduledFor == null && status != null && !status.equals("taken") && !f.given("scheduled_for")) {
      f.fail("scheduled_for", "is required for a dose " + status + ": the time the dose was due");
    }
    if (id != null && f.given("scheduled_for")) {
      f.fail("id", "is only for a dose taken without a schedule; a scheduled dose is known by its medication and scheduled_for");
    }
    List<String> sideEffects = Schedule.strings(body.get("side_effects"), "side_effects", 0, 50, f);
    if (sideEffects != null) {
      for (int i = 0; i < sideEffects.size(); i++) {
        if (sideEffects.get(i).length() > 200) f.fail("side_effects[" + i + "]", "must be at most 200 characters");
      }
    }
    String notes = f.text("notes", 10_000);
    f.check();
    return new DoseInput(id, status, scheduledFor, takenAt, sideEffects, notes);
  }

  boolean taken() {
    return status.equals("taken") || status.equals("late");
  }

  private static Instant seconds(Instant t) {
    return t == null ? null : t.truncatedTo(ChronoUnit.SECONDS);
  }
}
