package org.healthtimeline.timeline;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * A filter over one user's events. {@code dataContains} is a JSON document for {@code data @> ...};
 * {@code dataPath} is an SQL/JSON path predicate for {@code data @@ ...}, such as {@code $.total_calories > 500}.
 */
public record EventQuery(
    UUID userId,
    Instant from,
    Instant to,
    Set<EventType> types,
    String subtype,
    String sessionId,
    Double minImportance,
    String dataContains,
    String dataPath,
    boolean includeDeleted,
    boolean ascending,
    int limit,
    Cursor after) {

  /** The first page of one user's events in [from, to), newest first: the timeline screen's query. */
  public static EventQuery range(UUID userId, Instant from, Instant to, int limit) {
    return new EventQuery(userId, from, to, null, null, null, null, null, null, false, false, limit, null);
  }
}
