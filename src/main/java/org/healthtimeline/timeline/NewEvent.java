package org.healthtimeline.timeline;

import com.github.f4b6a3.uuid.UuidCreator;
import java.time.Instant;
import java.util.UUID;

/**
 * One event as a client sends it, validated. {@code data} is compact JSON text, passed to PostgreSQL as is.
 * {@code utcOffsetMin} is null when the event gave no time zone: the user's own zone then decides it.
 * An event with a source row or a dedupe_key always has the id that key gives ({@link EventKeys}); any
 * other id given for it is replaced. Without a key and without an id, it gets a new time-ordered one.
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
    if (type == null || occurredAt == null || data == null) {
      throw new IllegalArgumentException("an event needs a type, occurred_at and data");
    }
    if (sourceId != null && sourceTable != null) id = EventKeys.forSource(sourceTable, sourceId);
    else if (dedupeKey != null) id = EventKeys.forDedupeKey(dedupeKey);
    else if (id == null) id = UuidCreator.getTimeOrderedEpoch();
    if (endedAt != null && endedAt.isBefore(occurredAt)) throw new IllegalArgumentException("ended_at before occurred_at");
    if ((sourceTable == null) != (sourceId == null)) throw new IllegalArgumentException("source_table and source_id go together");
  }
}
