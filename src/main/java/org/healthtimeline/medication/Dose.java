package org.healthtimeline.medication;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.UUID;

/**
 * One dose: due at {@code scheduled_for} (none for a dose taken as needed), taken at {@code taken_at} (when taken
 * or late), and the id of its medication event on the timeline.
 */
public record Dose(
    UUID id,
    UUID userId,
    UUID medicationId,
    String status,
    Instant scheduledFor,
    Instant takenAt,
    JsonNode sideEffects,
    String notes,
    UUID eventId) {}
