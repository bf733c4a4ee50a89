package org.healthtimeline.timeline;

import java.time.Instant;
import java.util.UUID;

/**
 * One event as a client sends it, validated. {@code data} is compact JSON text, passed to PostgreSQL as is.
 * {@code utcOffsetMin} is null when the event gave no time zone: the user's own zone then decides it.
 */
public record NewEvent(
    UUID id,
    EventType type,
    String subtype,
    Instant occurredAt,
    Instant endedAt,
    Short utcOffsetMin,
    String data,
    String sessionId,
    Float importance,
    String summary,
    String origin,
    String sourceTable,
    String sourceId,
    Long recordVersion,
    String dedupeKey) {

  public NewEvent {
    if (id == null || type == null || occurredAt == null || data == null) {
      throw new IllegalArgumentException("an event needs an id, a type, occurred_at and data");
    }
    if (endedAt != null && endedAt.isBefore(occurredAt)) throw new IllegalArgumentException("ended_at before occurred_at");
    if ((sourceTable == null) != (sourceId == null)) throw new IllegalArgumentException("source_table and source_id go together");
  }
}
