package org.healthtimeline.user;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.ZoneId;
import java.util.UUID;

/** A person, with the profile documents the coaching apps keep about them (seed 001). */
public record User(
    UUID id,
    String externalId,
    ZoneId timeZone,
    Instant createdAt,
    Instant updatedAt,
    JsonNode profile,
    JsonNode preferences,
    JsonNode patterns) {}
