package org.healthtimeline.assessment;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** A completed questionnaire: the answers in item order, its score and severity, and its assessment event. */
public record AssessmentResponse(
    UUID id,
    UUID userId,
    String code,
    Instant completedAt,
    JsonNode answers,
    BigDecimal score,
    String severity,
    JsonNode subscales,
    UUID eventId) {}
