package org.healthtimeline.reminder;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.healthtimeline.web.Json;

/**
 * A row of reminder_completions: a firing ({@code scheduledFor} set) that may since have been completed, or a
 * completion without a firing. {@code webhookState} is null when there was no webhook to deliver to.
 */
record Completion(
    UUID id,
    UUID reminderId,
    UUID userId,
    String message,
    String reminderType,
    Instant scheduledFor,
    Instant triggeredAt,
    boolean completed,
    Instant completedAt,
    LocalDate completedLocalDate,
    String webhookState,
    int webhookAttempts,
    Instant webhookDeliveredAt,
    String webhookLastError,
    long changeSeq) {

  /** fired until completed; what the live stream calls the change. */
  String op() {
    return completed ? "completed" : "fired";
  }

  ObjectNode toJson() {
    ObjectNode o = Json.MAPPER.createObjectNode()
        .put("id", id.toString()).put("reminder_id", reminderId.toString()).put("user_id", userId.toString())
        .put("message", message).put("reminder_type", reminderType)
        .put("scheduled_for", text(scheduledFor)).put("triggered_at", text(triggeredAt))
        .put("completed", completed).put("completed_at", text(completedAt))
        .put("completed_local_date", completedLocalDate == null ? null : completedLocalDate.toString());
    if (webhookState == null) {
      o.putNull("webhook");
    } else {
      o.putObject("webhook").put("state", webhookState).put("attempts", webhookAttempts)
          .put("delivered_at", text(webhookDeliveredAt)).put("last_error", webhookLastError);
    }
    return o;
  }

  private static String text(Instant t) {
    return t == null ? null : t.toString();
  }
}
