package org.healthtimeline.assessment;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.UUID;

/** A submitted sleep quiz: the answers, the sleep score 0-100 and its band, the advice, and its assessment event. */
public record SleepQuizSubmission(
    UUID id,
    UUID userId,
    Instant submittedAt,
    JsonNode answers,
    Integer sleepScore,
    String band,
    JsonNode recommendations,
    UUID eventId) {}
