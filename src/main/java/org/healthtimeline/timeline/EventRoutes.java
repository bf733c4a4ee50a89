package org.healthtimeline.timeline;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;
import org.healthtimeline.errors.InvalidInput;
import org.healthtimeline.web.Access;
import org.healthtimeline.web.Bodies;
import org.healthtimeline.web.Fields;
import org.healthtimeline.web.Json;
import org.healthtimeline.web.Params;

/** /v1/users/{userId}/events and /changes: HTTP only; the rules are in {@link TimelineService}. */
public final class EventRoutes {
  static final long BATCH_BODY_LIMIT = 16 * Bodies.ONE_MIB;
  private static final int DEFAULT_LIMIT = 50;
  private static final int MAX_LIMIT = 200;

  private final TimelineService timeline;

  public EventRoutes(TimelineService timeline) {
    this.timeline = timeline;
  }

  public void register(RoutesConfig routes) {
    String events = "/v1/users/{userId}/events";
    routes.post(events, this::create);
    routes.get(events, this::list);
    // Fixed segments before {eventId}, which would match them too.
    routes.post(events + "/batch", this::batch);
    routes.get(events + "/count", this::count);
    routes.get(events + "/{eventId}", this::get);
    routes.patch(events + "/{eventId}", this::patch);
    routes.delete(events + "/{eventId}", this::delete);
    routes.get(events + "/{eventId}/history", this::history);
    routes.post(events + "/{eventId}/restore", this::restore);
    routes.get("/v1/users/{userId}/changes", this::changes);
  }

  private void create(Context ctx) {
    UUID user = Access.user(ctx);
    WriteResult r = timeline.create(user, Bodies.json(ctx, Bodies.ONE_MIB));
    if (r.outcome() == WriteResult.Outcome.CREATED) ctx.header("Location", "/v1/users/" + user + "/events/" + r.id());
    json(ctx, r.outcome().status, r.json());
  }

  private void batch(Context ctx) {
    UUID user = Access.user(ctx);
    boolean atomic = Params.bool(ctx, "atomic");
    List<TimelineService.ItemResult> results = timeline.createBatch(user, Bodies.json(ctx, BATCH_BODY_LIMIT), atomic);
    int created = 0, replayed = 0, corrected = 0, failed = 0;
    var sb = new StringBuilder(results.size() * 96).append("{\"results\":[");
    for (var r : results) {
      if (r.index() > 0) sb.append(',');
      sb.append("{\"index\":").append(r.index()).append(",\"status\":").append(r.status());
      if (r.write() != null) {
        switch (r.write().outcome()) {
          case CREATED -> created++;
          case REPLAYED -> replayed++;
          case CORRECTED -> corrected++;
        }
        sb.append(",\"outcome\":\"").append(r.write().outcome().name().toLowerCase()).append('"')
            .append(",\"id\":\"").append(r.write().id()).append('"');
      } else {
        failed++;
        sb.append(",\"outcome\":\"failed\",\"field\":").append(Json.write(r.field()))
            .append(",\"detail\":").append(Json.write(r.problem()));
      }
      sb.append('}');
    }
    sb.append("],\"created\":").append(created).append(",\"replayed\":").append(replayed)
        .append(",\"corrected\":").append(corrected).append(",\"failed\":").append(failed).append('}');
    json(ctx, 200, sb.toString());
  }

  private void list(Context ctx) {
    EventQuery q = query(ctx, true);
    EventRepository.Page page = timeline.list(q);
    var sb = new StringBuilder(page.items().size() * 512 + 64).append("{\"items\":[");
    for (int i = 0; i < page.items().size(); i++) {
      if (i > 0) sb.append(',');
      sb.append(page.items().get(i));
    }
    sb.append("],\"next_cursor\":").append(page.next() == null ? "null" : "\"" + page.next().encode() + "\"").append('}');
    json(ctx, 200, sb.toString());
  }

  private void count(Context ctx) {
    json(ctx, 200, "{\"count\":" + timeline.count(query(ctx, false)) + "}");
  }

  private void get(Context ctx) {
    UUID user = Access.user(ctx);
    json(ctx, 200, timeline.get(user, Params.uuidPath(ctx, "eventId"), Params.bool(ctx, "include_deleted")));
  }

  private void patch(Context ctx) {
    UUID user = Access.user(ctx);
    UUID id = Params.uuidPath(ctx, "eventId");
    Integer ifMatch = ifMatch(ctx.header("If-Match"));
    json(ctx, 200, timeline.patch(user, id, Bodies.json(ctx, Bodies.ONE_MIB), ifMatch));
  }

  private void delete(Context ctx) {
    UUID user = Access.user(ctx);
    timeline.delete(user, Params.uuidPath(ctx, "eventId"));
    ctx.status(204);
  }

  private void history(Context ctx) {
    UUID user = Access.user(ctx);
    List<String> versions = timeline.history(user, Params.uuidPath(ctx, "eventId"));
    json(ctx, 200, "{\"items\":[" + String.join(",", versions) + "]}");
  }

  private void restore(Context ctx) {
    UUID user = Access.user(ctx);
    json(ctx, 200, timeline.restore(user, Params.uuidPath(ctx, "eventId")));
  }

  private void changes(Context ctx) {
    UUID user = Access.user(ctx);
    String sinceText = Params.text(ctx, "since");
    long since;
    try {
      since = sinceText == null ? 0 : Long.parseLong(sinceText);
      if (since < 0) throw new NumberFormatException();
    } catch (NumberFormatException e) {
      throw new InvalidInput("since", "must be a cursor from next_since (a non-negative integer)");
    }
    Integer limit = Params.integer(ctx, "limit", 1, 1000);
    TimelineService.ChangePage page = timeline.changes(user, since, limit == null ? 100 : limit);
    var sb = new StringBuilder("{\"items\":[");
    for (int i = 0; i < page.items().size(); i++) {
      var c = page.items().get(i);
      if (i > 0) sb.append(',');
      sb.append("{\"seq\":\"").append(c.seq()).append("\",\"op\":\"").append(c.op()).append("\",\"event\":").append(c.json()).append('}');
    }
    sb.append("],\"next_since\":\"").append(page.nextSince()).append("\",\"has_more\":").append(page.hasMore()).append('}');
    json(ctx, 200, sb.toString());
  }

  private static EventQuery query(Context ctx, boolean paged) {
    UUID user = Access.user(ctx);
    var from = Params.instant(ctx, "from");
    var to = Params.instant(ctx, "to");
    if (from != null && to != null && from.isAfter(to)) throw new InvalidInput("from", "must not be after to");
    var types = EnumSet.noneOf(EventType.class);
    for (String value : ctx.queryParams("type")) {
      for (String name : value.split(",")) {
        if (name.isBlank()) continue;
        types.add(EventType.fromWire(name.trim())
            .orElseThrow(() -> new InvalidInput("type", "must be one of " + EventType.names())));
      }
    }
    String subtype = bounded(ctx, "subtype", 100);
    String session = bounded(ctx, "session_id", 200);
    Double minImportance = Params.decimal(ctx, "min_importance", 0, 1);
    String contains = Params.text(ctx, "data_contains");
    if (contains != null) contains = jsonDocument(contains);
    String path = bounded(ctx, "data_path", 1000);
    boolean includeDeleted = Params.bool(ctx, "include_deleted");
    String order = Params.text(ctx, "order");
    if (order != null && !order.equals("asc") && !order.equals("desc")) throw new InvalidInput("order", "must be asc or desc");
    // An agent replays a conversation in order; a feed shows the newest first (seed 004).
    boolean ascending = order != null ? order.equals("asc") : session != null;
    Integer limit = paged ? Params.integer(ctx, "limit", 1, MAX_LIMIT) : null;
    Cursor after = null;
    String cursor = paged ? Params.text(ctx, "cursor") : null;
    if (cursor != null) {
      after = Cursor.decode(cursor);
      if (after.ascending() != ascending) throw new InvalidInput("cursor", "was made for the other order");
    }
    return new EventQuery(user, from, to, types, subtype, session, minImportance, contains, path, includeDeleted,
        ascending, limit == null ? DEFAULT_LIMIT : limit, after);
  }

  private static String bounded(Context ctx, String name, int max) {
    String v = Params.text(ctx, name);
    if (v != null && v.length() > max) throw new InvalidInput(name, "must be at most " + max + " characters");
    return v;
  }

  private static String jsonDocument(String raw) {
    try {
      var node = Json.MAPPER.readTree(raw);
      if (node == null || !(node.isObject() || node.isArray())) throw new InvalidInput("data_contains", "must be a JSON object or array");
      var problem = Fields.jsonbProblem(node, "data_contains");
      if (problem != null) throw new InvalidInput("data_contains", "at " + problem.field() + ": " + problem.message());
      return Json.write(node);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new InvalidInput("data_contains", "must be JSON, e.g. {\"meal_type\":\"dinner\"}");
    }
  }

  private static Integer ifMatch(String header) {
    if (header == null || header.isBlank()) return null;
    String v = header.trim();
    if (v.startsWith("\"") && v.endsWith("\"") && v.length() >= 2) v = v.substring(1, v.length() - 1);
    try {
      return Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw new InvalidInput("If-Match", "must be the event's version, e.g. \"3\"");
    }
  }

  private static void json(Context ctx, int status, String body) {
    ctx.status(status).contentType("application/json").result(body);
  }
}
