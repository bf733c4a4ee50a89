package org.healthtimeline.reminder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.UUID;
import org.healthtimeline.errors.InvalidInput;
import org.healthtimeline.web.Access;
import org.healthtimeline.web.Bodies;
import org.healthtimeline.web.Json;
import org.healthtimeline.web.Params;

/** /v1/users/{userId}/reminders: HTTP only; the rules are in {@link ReminderService} and {@link CompletionService}. */
public final class ReminderRoutes {
  private static final long BODY_LIMIT = 64 * 1024;

  private final ReminderService reminders;
  private final CompletionService completions;

  public ReminderRoutes(ReminderService reminders, CompletionService completions) {
    this.reminders = reminders;
    this.completions = completions;
  }

  public void register(RoutesConfig routes) {
    String base = "/v1/users/{userId}/reminders";
    routes.post(base, this::create);
    routes.get(base, this::list);
    // A fixed segment before {reminderId}, which would match it too.
    routes.get(base + "/upcoming", this::upcoming);
    routes.get(base + "/{reminderId}", this::get);
    routes.patch(base + "/{reminderId}", this::update);
    routes.delete(base + "/{reminderId}", this::delete);
    routes.post(base + "/{reminderId}/webhook-secret", this::rotateSecret);
    routes.post(base + "/{reminderId}/completions", this::complete);
    routes.get(base + "/{reminderId}/completions", this::completions);
  }

  private void create(Context ctx) {
    UUID user = Access.user(ctx);
    ReminderService.Saved s = reminders.create(user, Bodies.json(ctx, BODY_LIMIT));
    ctx.header("Location", "/v1/users/" + user + "/reminders/" + s.reminder().id());
    json(ctx, 201, json(s));
  }

  private void list(Context ctx) {
    UUID user = Access.user(ctx);
    Boolean active = Params.text(ctx, "active") == null ? null : Params.bool(ctx, "active");
    ArrayNode items = Json.MAPPER.createArrayNode();
    reminders.list(user, active).forEach(s -> items.add(json(s)));
    ObjectNode out = Json.MAPPER.createObjectNode();
    out.set("items", items);
    json(ctx, 200, out);
  }

  private void upcoming(Context ctx) {
    UUID user = Access.user(ctx);
    Integer limit = Params.integer(ctx, "limit", 1, 100);
    ReminderService.UpcomingPage page = reminders.upcoming(user, limit == null ? 10 : limit);
    ObjectNode out = Json.MAPPER.createObjectNode().put("time_zone", page.zone().getId());
    ArrayNode items = out.putArray("items");
    for (var u : page.items()) {
      items.addObject().put("reminder_id", u.reminder().id().toString()).put("message", u.reminder().message())
          .put("reminder_type", u.reminder().reminderType())
          .put("at", u.at().toString()).put("local_time", Times.local(u.at(), page.zone()));
    }
    json(ctx, 200, out);
  }

  private void get(Context ctx) {
    UUID user = Access.user(ctx);
    json(ctx, 200, json(reminders.get(user, reminderId(ctx))));
  }

  private void update(Context ctx) {
    UUID user = Access.user(ctx);
    UUID id = reminderId(ctx);
    json(ctx, 200, json(reminders.update(user, id, Bodies.json(ctx, BODY_LIMIT))));
  }

  private void delete(Context ctx) {
    UUID user = Access.user(ctx);
    reminders.delete(user, reminderId(ctx));
    ctx.status(204);
  }

  private void rotateSecret(Context ctx) {
    UUID user = Access.user(ctx);
    json(ctx, 200, Json.MAPPER.createObjectNode().put("webhook_secret", reminders.rotateSecret(user, reminderId(ctx))));
  }

  private void complete(Context ctx) {
    UUID user = Access.user(ctx);
    UUID id = reminderId(ctx);
    CompletionService.Completed done = completions.complete(user, id, optionalBody(ctx));
    json(ctx, done.created() ? 201 : 200, done.completion().toJson());
  }

  private void completions(Context ctx) {
    UUID user = Access.user(ctx);
    UUID id = reminderId(ctx);
    Integer limit = Params.integer(ctx, "limit", 1, 500);
    ObjectNode out = Json.MAPPER.createObjectNode();
    ArrayNode items = out.putArray("items");
    completions.list(user, id, limit == null ? 50 : limit).forEach(c -> items.add(c.toJson()));
    json(ctx, 200, out);
  }

  /** Completing needs no body: a POST without one (and without a Content-Type) completes the latest firing. */
  private static JsonNode optionalBody(Context ctx) {
    if (ctx.req().getContentLengthLong() <= 0 && ctx.contentType() == null) return Json.MAPPER.createObjectNode();
    JsonNode body = Bodies.json(ctx, BODY_LIMIT);
    if (!body.isObject()) throw new InvalidInput("body", "must be a JSON object");
    return body;
  }

  private static UUID reminderId(Context ctx) {
    return Params.uuidPath(ctx, "reminderId");
  }

  private static ObjectNode json(ReminderService.Saved s) {
    return s.reminder().toJson(s.zone(), s.newSecret());
  }

  private static void json(Context ctx, int status, JsonNode body) {
    ctx.status(status).contentType("application/json").result(Json.write(body));
  }
}
