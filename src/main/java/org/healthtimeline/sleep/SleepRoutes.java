package org.healthtimeline.sleep;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.UUID;
import org.healthtimeline.web.Access;
import org.healthtimeline.web.Bodies;
import org.healthtimeline.web.Json;
import org.healthtimeline.web.PageRequest;

/** /v1/users/{userId}/sleep: HTTP only; the rules are in {@link SleepService}. */
public final class SleepRoutes {
  private final SleepService sleep;

  public SleepRoutes(SleepService sleep) {
    this.sleep = sleep;
  }

  public void register(RoutesConfig routes) {
    String path = "/v1/users/{userId}/sleep";
    routes.post(path, this::log);
    routes.get(path, this::list);
  }

  private void log(Context ctx) {
    UUID user = Access.user(ctx);
    SleepEntry night = sleep.log(user, Bodies.json(ctx, Bodies.ONE_MIB), null);
    ctx.status(201).contentType("application/json").result(Json.write(night));
  }

  private void list(Context ctx) {
    UUID user = Access.user(ctx);
    ctx.contentType("application/json").result(Json.write(sleep.list(user, PageRequest.of(ctx))));
  }
}
