package org.healthtimeline.io;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.healthtimeline.errors.NotFound;
import org.healthtimeline.timeline.Cursor;
import org.healthtimeline.timeline.EventQuery;
import org.healthtimeline.timeline.EventRepository;
import org.healthtimeline.timeline.EventType;
import org.healthtimeline.timeline.TimelineService;
import org.healthtimeline.user.UserService;
import org.healthtimeline.web.Json;

/**
 * Streams a user's timeline out, oldest first, in keyset pages of {@value #PAGE} events: each page is one
 * short read, so no transaction or snapshot stays open while a slow client reads, and memory holds one page.
 * An export taken while events are written shows each event at most once, as of the page that read it.
 */
public final class ExportService {
  static final int PAGE = 1000;

  private final UserService users;
  private final TimelineService timeline;

  public ExportService(UserService users, TimelineService timeline) {
    this.users = users;
    this.timeline = timeline;
  }

  /** Refuses an unknown user before anything is written, so that a route can still answer 404. */
  public void requireUser(UUID user) {
    if (!users.exists(user)) throw new NotFound("userId", "user " + user + " does not exist");
  }

  /** Writes the user's live events in [from, to) of these types (all when empty) and returns how many. */
  public long export(UUID user, ExportFormat format, Instant from, Instant to, Set<EventType> types, OutputStream out) {
    requireUser(user);
    EventWriter writer = switch (format) {
      case NDJSON -> new NdjsonWriter(out);
      case CSV -> new CsvWriter(out);
      case FHIR -> new FhirWriter(out);
    };
    long n = 0;
    try {
      writer.begin();
      Cursor after = null;
      do {
        EventRepository.Page page = timeline.list(new EventQuery(user, from, to, types, null, null, null, null, null,
            false, true, PAGE, after));
        for (String event : page.items()) {
          writer.write((ObjectNode) Json.read(event));
          n++;
        }
        after = page.next();
      } while (after != null);
      writer.end();
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return n;
  }
}
