package org.healthtimeline.reminder;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.healthtimeline.errors.FieldError;
import org.healthtimeline.errors.InvalidInput;
import org.healthtimeline.web.Fields;

/** Reads a reminder from a create request, or from a stored reminder with a merge patch applied. */
final class ReminderInput {
  static final Set<String> FIELDS = Set.of("reminder_type", "message", "schedule", "active", "webhook_url");
  static final List<String> TYPES = List.of("simple", "tracking_prompt");
  static final int MAX_MESSAGE = 2000;
  private static final int MAX_URL = 2000;

  private ReminderInput() {}

  static NewReminder parse(JsonNode body) {
    if (!body.isObject()) throw new InvalidInput("body", "must be a JSON object");
    var f = new Fields(body);
    f.onlyKnown(FIELDS);
    String type = f.given("reminder_type") ? f.text("reminder_type", 20) : "simple";
    if (type != null && !TYPES.contains(type)) f.fail("reminder_type", "must be one of " + String.join(", ", TYPES));
    String message = f.requiredText("message", MAX_MESSAGE);
    Schedule schedule = ScheduleInput.parse(body.get("schedule"), f);
    boolean active = true;
    if (f.given("active")) {
      if (body.get("active").isBoolean()) active = body.get("active").booleanValue();
      else f.fail("active", "must be true or false");
    }
    String url = webhookUrl(f, f.text("webhook_url", MAX_URL));
    f.check();
    return new NewReminder(type, message, schedule, active, url);
  }

  /** An absolute http(s) URL with a host; anything else would only fail later, at the first firing. */
  private static String webhookUrl(Fields f, String raw) {
    if (raw == null) return null;
    try {
      URI u = new URI(raw);
      String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
      if ((scheme.equals("http") || scheme.equals("https")) && u.getHost() != null) return raw;
    } catch (URISyntaxException e) {
      // reported below
    }
    f.fail("webhook_url", "must be an absolute http:// or https:// URL, e.g. https://example.com/hooks/reminders");
    return null;
  }

  /** The names in a patch that it may not hold. */
  static List<FieldError> unpatchable(JsonNode patch) {
    var bad = new java.util.ArrayList<FieldError>();
    patch.fieldNames().forEachRemaining(name -> {
      if (FIELDS.contains(name)) return;
      bad.add(new FieldError(name, Set.of("id", "user_id", "created_at", "updated_at", "next_fire_at", "next_fire_local",
          "time_zone", "webhook_secret").contains(name) ? "cannot be changed" : "is not a known field"));
    });
    return bad;
  }
}
