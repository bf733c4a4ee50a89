package org.healthtimeline.food;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.UUID;

/**
 * A logged meal as the API shows it, with the id and version of its timeline event ({@code null} while a row
 * written straight into food_entries waits for {@code timeline sync}).
 */
public record Meal(
    UUID id,
    UUID userId,
    Instant occurredAt,
    String mealType,
    Integer totalCalories,
    JsonNode totalMacros,
    JsonNode foods,
    String photoPath,
    String notes,
    UUID eventId,
    Integer eventVersion) {}
