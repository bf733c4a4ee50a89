package org.healthtimeline.exercise;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.UUID;
import org.healthtimeline.errors.InvalidInput;
import org.healthtimeline.web.Access;
import org.healthtimeline.web.Bodies;
import org.healthtimeline.web.Json;
import org.healthtimeline.web.PageRequest;
import org.healthtimeline.web.Params;

/** /v1/users/{userId}/exercise: HTTP only; the rules are in {@link ExerciseService}. */
public final class ExerciseRoutes {
  private final ExerciseService exercise;

  public ExerciseRoutes(ExerciseService exercise) {
    this.exercise = exercise;
  }

  public void register(RoutesConfig routes) {
    String path = "/v1/users/{userId}/exercise";
    routes.post(path, this::log);
    routes.get(path, this::list);
  }

  private void log(Context ctx) {
    UUID user = Access.user(ctx);
    Workout w = exercise.log(user, Bodies.json(ctx, Bodies.ONE_MIB), null);
    ctx.status(201).contentType("application/json").result(Json.write(w));
  }

  private void list(Context ctx) {
    UUID user = Access.user(ctx);
    String activity = Params.text(ctx, "activity_type");
    if (activity != null && activity.length() > 100) throw new InvalidInput("activity_type", "must be at most 100 characters");
    ctx.contentType("application/json").result(Json.write(exercise.list(user, activity, PageRequest.of(ctx))));
  }
}
