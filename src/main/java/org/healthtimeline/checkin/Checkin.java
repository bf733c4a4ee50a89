package org.healthtimeline.checkin;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** A row of daily_checkins_legacy: one user's local day as the legacy check-in showed it. */
public record Checkin(
    UUID userId,
    LocalDate checkinDate,
    String moodToday,
    BigDecimal moodRating,
    BigDecimal confidenceToday,
    BigDecimal anxietyLevel,
    JsonNode sideEffects,
    JsonNode symptoms,
    String notes,
    long moodEvents,
    long symptomEvents,
    Instant firstAt,
    Instant lastAt) {}
