package org.healthtimeline.medication;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * A medication as the API shows it. {@code schedule} is null for one taken as needed; {@code start_date} and
 * {@code end_date} are the user's local dates (inclusive) on which scheduled doses are due.
 */
public record Medication(
    UUID id,
    UUID userId,
    String name,
    BigDecimal dose,
    String unit,
    boolean asNeeded,
    JsonNode schedule,
    LocalDate startDate,
    LocalDate endDate,
    boolean active,
    Instant createdAt,
    Instant updatedAt) {}
