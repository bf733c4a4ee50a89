package org.healthtimeline.food;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.UUID;

/** One correction of a meal, from food_entry_audit: the content before and after, why, and by whom. */
public record MealCorrection(
    UUID id,
    UUID mealId,
    Instant correctedAt,
    String correctedBy,
    String reason,
    JsonNode original,
    JsonNode corrected) {}
