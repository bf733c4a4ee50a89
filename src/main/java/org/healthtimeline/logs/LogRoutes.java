package org.healthtimeline.logs;

import io.javalin.config.RoutesConfig;
import java.util.UUID;
import org.healthtimeline.timeline.WriteResult;
import org.healthtimeline.web.Access;
import org.healthtimeline.web.Bodies;

/** POST /v1/users/{userId}/symptoms, /moods, /stress, /vitals, /notes: HTTP only; the rules are in {@link LogInput}. */
public final class LogRoutes {
  private final LogService logs;

  public LogRoutes(LogService logs) {
    this.logs = logs;
  }

  public void register(RoutesConfig routes) {
    for (LogService.Kind kind : LogService.Kind.values()) {
      routes.post("/v1/users/{userId}/" + kind.path, ctx -> {
        UUID user = Access.user(ctx);
        WriteResult r = logs.log(user, kind, Bodies.json(ctx, Bodies.ONE_MIB));
        if (r.outcome() == WriteResult.Outcome.CREATED) ctx.header("Location", "/v1/users/" + user + "/events/" + r.id());
        ctx.status(r.outcome().status).contentType("application/json").result(r.json());
      });
    }
  }
}
