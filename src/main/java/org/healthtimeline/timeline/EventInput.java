package org.healthtimeline.timeline;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import org.healthtimeline.errors.FieldError;
import java.util.UUID;
import java.util.regex.Pattern;
import org.healthtimeline.errors.InvalidInput;
import org.healthtimeline.user.TimeZones;
import org.healthtimeline.web.Fields;
import org.healthtimeline.web.Json;

/** Turns a JSON body into a {@link NewEvent}, naming every field that is wrong. */
final class EventInput {
  static final Set<String> CREATE_FIELDS = Set.of("id", "type", "subtype", "occurred_at", "ended_at", "time_zone",
      "data", "session_id", "importance", "summary", "origin", "source_table", "source_id", "record_version",
      "dedupe_key");
  /** What a PATCH may change; the keys (id, dedupe_key, source_table, source_id) are the event's identity. */
  static final Set<String> PATCH_FIELDS = Set.of("type", "subtype", "occurred_at", "ended_at", "time_zone", "data",
      "session_id", "importance", "summary", "origin", "record_version");
  private static final Pattern TABLE_NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");

  private final EventSchemas schemas;

  EventInput(EventSchemas schemas) {
    this.schemas = schemas;
  }

  /** A create request; {@code prefix} names the item in a batch, e.g. {@code events[3].}. */
  NewEvent parse(JsonNode body, String prefix) {
    if (!body.isObject()) throw new InvalidInput(prefix.isEmpty() ? "body" : prefix.substring(0, prefix.length() - 1), "must be a JSON object");
    var f = new Fields(body, prefix);
    f.onlyKnown(CREATE_FIELDS);
    return read(f, body, prefix, f.uuid("id"), null);
  }

  /**
   * The stored event with a patch applied ({@code merged} holds the result of the merge), keeping the keys.
   * {@code storedOffset} is kept unless the patch moves the event in time or names a time zone.
   */
  NewEvent parsePatched(JsonNode merged, Stored stored, boolean offsetStillValid) {
    var f = new Fields(merged);
    NewEvent e = read(f, merged, "", stored.id(), stored);
    if (e.utcOffsetMin() == null && offsetStillValid) {
      return withOffset(e, stored.utcOffsetMin());
    }
    return e;
  }

  private NewEvent read(Fields f, JsonNode body, String prefix, UUID id, Stored stored) {
    String typeName = f.requiredText("type", 20);
    EventType type = typeName == null ? null : EventType.fromWire(typeName).orElse(null);
    if (typeName != null && type == null) f.fail("type", "must be one of " + EventType.names());
    Instant occurredAt = micros(f.requiredInstant("occurred_at"));
    Instant endedAt = micros(f.instant("ended_at"));
    if (occurredAt != null && endedAt != null && endedAt.isBefore(occurredAt)) f.fail("ended_at", "must not be before occurred_at");
    Short offset = null;
    String zoneName = f.text("time_zone", 64);
    if (zoneName != null) {
      try {
        ZoneId zone = TimeZones.parse("time_zone", zoneName);
        if (occurredAt != null) offset = (short) (zone.getRules().getOffset(occurredAt).getTotalSeconds() / 60);
      } catch (InvalidInput e) {
        f.fail("time_zone", e.errors().getFirst().message());
      }
    }
    JsonNode data = f.object("data");
    if (data == null && !f.given("data")) f.fail("data", "is required");
    if (data != null && type != null) f.addAll(schemas.validate(type, data, prefix + "data"));
    String subtype = f.text("subtype", 100);
    String sessionId = f.text("session_id", 200);
    Double importance = f.number("importance", 0, 1);
    String summary = f.text("summary", 10_000);
    String origin = f.text("origin", 200);
    Long recordVersion = f.integer("record_version", 0, Long.MAX_VALUE);
    String sourceTable = stored != null ? stored.sourceTable() : f.text("source_table", 63);
    String sourceId = stored != null ? stored.sourceId() : f.text("source_id", 200);
    String dedupeKey = stored != null ? stored.dedupeKey() : f.text("dedupe_key", 200);
    if (stored == null) {
      if (sourceTable != null && !TABLE_NAME.matcher(sourceTable).matches()) f.fail("source_table", "must be a lower-case table name");
      if (sourceTable != null && sourceId == null && !f.given("source_id")) f.fail("source_id", "is required with source_table");
      if (sourceId != null && sourceTable == null && !f.given("source_table")) f.fail("source_table", "is required with source_id");
      // One identity per event: its key decides its id (EventKeys), so a second key could not be kept unique.
      if (f.given("dedupe_key") && f.given("source_id")) f.fail("dedupe_key", "give a dedupe_key or a source_table/source_id, not both");
      if (id != null && (f.given("dedupe_key") || f.given("source_id"))) {
        f.fail("id", "an event with a dedupe_key or a source row gets its id from that key; leave id out");
      }
    }
    f.check();
    return new NewEvent(id, type, subtype, occurredAt, endedAt, offset, Json.write(data), sessionId,
        importance == null ? null : importance.floatValue(), summary, origin, sourceTable, sourceId, recordVersion, dedupeKey);
  }

  /** The problems of an event's data against its type's schema; for events built in code, not parsed. */
  List<FieldError> validateData(NewEvent e) {
    JsonNode data;
    try {
      data = Json.MAPPER.readTree(e.data());
    } catch (com.fasterxml.jackson.core.JsonProcessingException bad) {
      return List.of(new FieldError("data", "is not JSON: " + bad.getOriginalMessage()));
    }
    if (data == null || !data.isObject()) return List.of(new FieldError("data", "must be a JSON object"));
    return schemas.validate(e.type(), data, "data");
  }

  private static Instant micros(Instant t) {
    return t == null ? null : t.truncatedTo(ChronoUnit.MICROS);
  }

  private static NewEvent withOffset(NewEvent e, short offset) {
    return new NewEvent(e.id(), e.type(), e.subtype(), e.occurredAt(), e.endedAt(), offset, e.data(), e.sessionId(),
        e.importance(), e.summary(), e.origin(), e.sourceTable(), e.sourceId(), e.recordVersion(), e.dedupeKey());
  }

  /** The identity of a stored event and its current offset, which a patch keeps. */
  record Stored(UUID id, short utcOffsetMin, String sourceTable, String sourceId, String dedupeKey) {}
}
