package org.healthtimeline.logs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import java.util.function.BiFunction;
import org.healthtimeline.timeline.TimelineService;
import org.healthtimeline.timeline.WriteResult;

/**
 * Logs symptoms, moods, stress, vitals and notes: each checked by {@link LogInput}, then written as a timeline
 * event by the timeline service (which validates its data against the type's schema as well).
 */
public final class LogService {
  /** The kinds of log, by the path segment of their route. */
  public enum Kind {
    SYMPTOM("symptoms", LogInput::symptom),
    MOOD("moods", LogInput::mood),
    STRESS("stress", LogInput::stress),
    VITAL("vitals", LogInput::vital),
    NOTE("notes", LogInput::note);

    public final String path;
    private final BiFunction<JsonNode, Instant, ObjectNode> parse;

    Kind(String path, BiFunction<JsonNode, Instant, ObjectNode> parse) {
      this.path = path;
      this.parse = parse;
    }
  }

  private final TimelineService timeline;
  private final Clock clock;

  public LogService(TimelineService timeline, Clock clock) {
    this.timeline = timeline;
    this.clock = clock;
  }

  /** Creates the event, or replays the stored one for a {@code dedupe_key} seen before. */
  public WriteResult log(UUID userId, Kind kind, JsonNode body) {
    return timeline.create(userId, kind.parse.apply(body, clock.instant()));
  }

  /** The timeline create request of a log, e.g. for loading many at once in a batch (the demo does). */
  public ObjectNode event(Kind kind, JsonNode body) {
    return kind.parse.apply(body, clock.instant());
  }
}
