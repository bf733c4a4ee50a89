package org.healthtimeline.tracking;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.UUID;

/** A tracking category as the API shows it; {@code fields} as stored (see {@link TrackerField}). */
public record Category(UUID id, UUID userId, String name, JsonNode fields, JsonNode schedule, boolean active,
    Instant createdAt, Instant updatedAt) {}
