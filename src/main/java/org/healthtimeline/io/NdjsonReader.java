package org.healthtimeline.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import org.healthtimeline.web.Json;

/**
 * One event per line (NDJSON / JSON Lines): an events API create body, in our data shapes or in the sample
 * files' neutral format ({@link EventShapes}). Blank lines are skipped. A line is at most 1 MiB, the events
 * API's limit for one event: a longer one is reported and skipped without being held in memory.
 */
final class NdjsonReader implements FormatReader {
  static final int MAX_LINE_BYTES = 1 << 20;

  @Override
  public void read(InputStream in, RecordSink sink) throws IOException {
    var lines = new Lines(in, MAX_LINE_BYTES);
    while (lines.next()) {
      Position at = Position.line(lines.number());
      if (lines.tooLong()) {
        sink.bad(at, null, "is longer than 1 MiB, the limit of one event (is the file one JSON document rather than NDJSON?)");
        continue;
      }
      if (lines.blank()) continue;
      JsonNode node;
      try {
        node = Json.MAPPER.readTree(lines.bytes(), 0, lines.length());
      } catch (JsonProcessingException e) {
        sink.bad(at, null, "malformed JSON: " + e.getOriginalMessage());
        continue;
      }
      if (!(node instanceof ObjectNode body)) {
        sink.bad(at, null, "must be a JSON object (one event per line)");
        continue;
      }
      EventShapes.toOurs(body);
      sink.event(at, body, false);
    }
  }
}
