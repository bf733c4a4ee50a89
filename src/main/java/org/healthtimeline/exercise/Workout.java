package org.healthtimeline.exercise;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** A workout as the API shows it, with its timeline event's id and version (null while it waits for sync). */
public record Workout(
    UUID id,
    UUID userId,
    Instant occurredAt,
    Instant endedAt,
    BigDecimal durationMinutes,
    String activityType,
    String intensity,
    BigDecimal distanceKm,
    BigDecimal calories,
    BigDecimal avgHeartRate,
    String notes,
    UUID eventId,
    Integer eventVersion) {}
