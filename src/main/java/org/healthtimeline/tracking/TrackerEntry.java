package org.healthtimeline.tracking;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.UUID;

/** An entry of a tracking category, with its timeline event's id and version (null while it waits for sync). */
public record TrackerEntry(UUID id, UUID userId, UUID categoryId, Instant occurredAt, JsonNode data, String notes,
    UUID eventId, Integer eventVersion) {}
