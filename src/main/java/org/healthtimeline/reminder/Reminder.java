package org.healthtimeline.reminder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneId;
import java.util.UUID;
import org.healthtimeline.web.Json;

/**
 * A stored reminder. {@code schedule} is the stored document; {@code parsed} is null when a row written by other
 * means holds a schedule this service cannot read (it then never fires). {@code nextFireAt} is the firing the
 * scheduler holds for it.
 */
record Reminder(
    UUID id,
    UUID userId,
    String reminderType,
    String message,
    JsonNode schedule,
    Schedule parsed,
    boolean active,
    String webhookUrl,
    boolean hasWebhookSecret,
    Instant nextFireAt,
    Instant createdAt,
    Instant updatedAt) {

  /** The fields a client may change, shaped like a create request (what a merge patch applies to). */
  ObjectNode editable() {
    ObjectNode o = Json.MAPPER.createObjectNode()
        .put("reminder_type", reminderType).put("message", message).put("active", active);
    o.set("schedule", schedule.deepCopy());
    if (webhookUrl != null) o.put("webhook_url", webhookUrl);
    return o;
  }

  /** The API's JSON; {@code newSecret} is shown only in the answer that made it. */
  ObjectNode toJson(ZoneId zone, String newSecret) {
    ObjectNode o = Json.MAPPER.createObjectNode()
        .put("id", id.toString()).put("user_id", userId.toString())
        .put("reminder_type", reminderType).put("message", message);
    o.set("schedule", parsed != null ? parsed.toJson() : schedule);
    o.put("active", active).put("webhook_url", webhookUrl);
    o.put("next_fire_at", nextFireAt == null ? null : nextFireAt.toString());
    o.put("next_fire_local", nextFireAt == null ? null : Times.local(nextFireAt, zone));
    o.put("time_zone", zone.getId());
    o.put("created_at", createdAt.toString()).put("updated_at", updatedAt.toString());
    if (newSecret != null) o.put("webhook_secret", newSecret);
    return o;
  }
}
