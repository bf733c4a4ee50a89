package org.healthtimeline.sleep;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** A night as the API shows it, with its timeline event's id and version (null while it waits for sync). */
public record SleepEntry(
    UUID id,
    UUID userId,
    Instant loggedAt,
    Instant bedtime,
    Instant wakeTime,
    Integer sleepLatencyMinutes,
    BigDecimal totalSleepHours,
    Integer nightWakings,
    Integer sleepQualityRating,
    Integer alertnessRating,
    JsonNode disruptions,
    Boolean phoneUsage,
    Integer phoneDurationMinutes,
    UUID eventId,
    Integer eventVersion) {}
