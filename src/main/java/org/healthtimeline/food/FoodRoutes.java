package org.healthtimeline.food;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.UUID;
import org.healthtimeline.web.Access;
import org.healthtimeline.web.Bodies;
import org.healthtimeline.web.Json;
import org.healthtimeline.web.PageRequest;
import org.healthtimeline.web.Params;

/** /v1/users/{userId}/meals: HTTP only; the rules are in {@link FoodService}. */
public final class FoodRoutes {
  private final FoodService food;

  public FoodRoutes(FoodService food) {
    this.food = food;
  }

  public void register(RoutesConfig routes) {
    String meals = "/v1/users/{userId}/meals";
    routes.post(meals, this::log);
    routes.get(meals, this::list);
    routes.get(meals + "/{mealId}", this::get);
    routes.post(meals + "/{mealId}/corrections", this::correct);
    routes.get(meals + "/{mealId}/corrections", this::corrections);
  }

  private void log(Context ctx) {
    UUID user = Access.user(ctx);
    Meal meal = food.log(user, Bodies.json(ctx, Bodies.ONE_MIB), null);
    ctx.header("Location", "/v1/users/" + user + "/meals/" + meal.id());
    json(ctx, 201, meal);
  }

  private void list(Context ctx) {
    UUID user = Access.user(ctx);
    json(ctx, 200, food.list(user, Params.text(ctx, "meal_type"), PageRequest.of(ctx)));
  }

  private void get(Context ctx) {
    UUID user = Access.user(ctx);
    json(ctx, 200, food.get(user, Params.uuidPath(ctx, "mealId")));
  }

  private void correct(Context ctx) {
    UUID user = Access.user(ctx);
    UUID meal = Params.uuidPath(ctx, "mealId");
    String caller = Access.principal(ctx).service() ? "service" : "user";
    FoodService.Corrected done = food.correct(user, meal, Bodies.json(ctx, Bodies.ONE_MIB), caller);
    json(ctx, done.correction() == null ? 200 : 201, done);
  }

  private void corrections(Context ctx) {
    UUID user = Access.user(ctx);
    var items = food.corrections(user, Params.uuidPath(ctx, "mealId"));
    json(ctx, 200, java.util.Map.of("items", items));
  }

  private static void json(Context ctx, int status, Object body) {
    ctx.status(status).contentType("application/json").result(Json.write(body));
  }
}
