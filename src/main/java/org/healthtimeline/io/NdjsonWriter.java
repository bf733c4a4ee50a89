package org.healthtimeline.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.healthtimeline.web.Json;

/**
 * One events API create body per line, with the event's key (dedupe_key, source row, or else its id) and
 * record_version, so that importing the file adds nothing to the same user and gives another user the same
 * events. Times carry the person's local offset, which {@code utc_offset_minutes} also keeps.
 */
final class NdjsonWriter implements EventWriter {
  private static final String[] COPIED = {"session_id", "importance", "summary", "origin", "record_version"};

  private final OutputStream out;

  NdjsonWriter(OutputStream out) {
    this.out = out;
  }

  @Override
  public void begin() {}

  @Override
  public void write(ObjectNode e) throws IOException {
    out.write(Json.MAPPER.writeValueAsBytes(createBody(e)));
    out.write('\n');
  }

  static ObjectNode createBody(ObjectNode e) {
    ObjectNode line = Json.MAPPER.createObjectNode();
    line.set("type", e.get("type"));
    copy(e, line, "subtype");
    int offset = e.path("utc_offset_minutes").asInt();
    line.put("occurred_at", local(e.get("occurred_at"), offset));
    if (e.hasNonNull("ended_at")) line.put("ended_at", local(e.get("ended_at"), offset));
    line.put("utc_offset_minutes", offset);
    line.set("data", e.get("data"));
    for (String name : COPIED) copy(e, line, name);
    if (e.hasNonNull("dedupe_key")) {
      copy(e, line, "dedupe_key");
    } else if (e.hasNonNull("source_id")) {
      copy(e, line, "source_table");
      copy(e, line, "source_id");
    } else {
      copy(e, line, "id");
    }
    return line;
  }

  /** An instant as the person's local time with its offset, e.g. 2024-03-09T08:10:00-06:00. */
  static String local(JsonNode utc, int offsetMinutes) {
    return Instant.parse(utc.asText()).atOffset(ZoneOffset.ofTotalSeconds(offsetMinutes * 60)).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
  }

  private static void copy(ObjectNode from, ObjectNode to, String name) {
    JsonNode v = from.get(name);
    if (v != null && !v.isNull()) to.set(name, v);
  }

  @Override
  public void end() {}
}
