package org.healthtimeline.tracking;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Map;
import java.util.UUID;
import org.healthtimeline.errors.InvalidInput;
import org.healthtimeline.web.Access;
import org.healthtimeline.web.Bodies;
import org.healthtimeline.web.Json;
import org.healthtimeline.web.PageRequest;
import org.healthtimeline.web.Params;

/** /v1/users/{userId}/tracking-categories: HTTP only; the rules are in {@link TrackingService}. */
public final class TrackingRoutes {
  private final TrackingService tracking;

  public TrackingRoutes(TrackingService tracking) {
    this.tracking = tracking;
  }

  public void register(RoutesConfig routes) {
    String categories = "/v1/users/{userId}/tracking-categories";
    String category = categories + "/{categoryId}";
    routes.post(categories, this::create);
    routes.get(categories, this::list);
    routes.get(category, this::get);
    routes.patch(category, this::update);
    routes.post(category + "/entries", this::log);
    routes.get(category + "/entries", this::entries);
  }

  private void create(Context ctx) {
    UUID user = Access.user(ctx);
    Category c = tracking.createCategory(user, Bodies.json(ctx, Bodies.ONE_MIB));
    ctx.header("Location", "/v1/users/" + user + "/tracking-categories/" + c.id());
    json(ctx, 201, c);
  }

  private void list(Context ctx) {
    UUID user = Access.user(ctx);
    String active = Params.text(ctx, "active");
    if (active != null && !active.equals("true") && !active.equals("false")) throw new InvalidInput("active", "must be true or false");
    json(ctx, 200, Map.of("items", tracking.categories(user, active == null ? null : Boolean.valueOf(active))));
  }

  private void get(Context ctx) {
    UUID user = Access.user(ctx);
    json(ctx, 200, tracking.category(user, Params.uuidPath(ctx, "categoryId")));
  }

  private void update(Context ctx) {
    UUID user = Access.user(ctx);
    UUID id = Params.uuidPath(ctx, "categoryId");
    json(ctx, 200, tracking.updateCategory(user, id, Bodies.json(ctx, Bodies.ONE_MIB)));
  }

  private void log(Context ctx) {
    UUID user = Access.user(ctx);
    UUID category = Params.uuidPath(ctx, "categoryId");
    json(ctx, 201, tracking.log(user, category, Bodies.json(ctx, Bodies.ONE_MIB), null));
  }

  private void entries(Context ctx) {
    UUID user = Access.user(ctx);
    UUID category = Params.uuidPath(ctx, "categoryId");
    json(ctx, 200, tracking.entries(user, category, PageRequest.of(ctx)));
  }

  private static void json(Context ctx, int status, Object body) {
    ctx.status(status).contentType("application/json").result(Json.write(body));
  }
}
