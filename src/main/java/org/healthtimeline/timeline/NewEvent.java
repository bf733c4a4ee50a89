package org.healthtimeline.timeline;

import com.github.f4b6a3.uuid.UuidCreator;
import java.time.Instant;
import java.util.UUID;

/**
 * One event as a client sends it, validated. {@code data} is compact JSON text, passed to PostgreSQL as is.
 * {@code utcOffsetMin} is null when the event gave no time zone: the user's own zone then decides it.
 * {@code id} may be null until the event is bound to its user with {@link #forUser}, which gives an event
 * with a source row or a dedupe_key the id its key derives ({@link EventKeys}) and any other event without
 * an id a new time-ordered one.
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
    if (endedAt != null && endedAt.isBefore(occurredAt)) throw new IllegalArgumentException("ended_at before occurred_at");
    if ((sourceTable == null) != (sourceId == null)) throw new IllegalArgumentException("source_table and source_id go together");
  }

  /** This event as {@code userId}'s, with the id it is stored under. */
  public NewEvent forUser(UUID userId) {
    UUID stored = sourceId != null ? EventKeys.forSource(userId, sourceTable, sourceId)
        : dedupeKey != null ? EventKeys.forDedupeKey(userId, dedupeKey)
        : id != null ? id : UuidCreator.getTimeOrderedEpoch();
    if (stored.equals(id)) return this;
    return new NewEvent(stored, type, subtype, occurredAt, endedAt, utcOffsetMin, data, sessionId, importance,
        summary, origin, sourceTable, sourceId, recordVersion, dedupeKey);
  }
}
