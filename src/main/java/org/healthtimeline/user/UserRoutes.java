package org.healthtimeline.user;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Map;
import java.util.UUID;
import org.healthtimeline.errors.InvalidInput;
import org.healthtimeline.errors.NotFound;
import org.healthtimeline.web.Access;
import org.healthtimeline.web.Bodies;
import org.healthtimeline.web.Fields;
import org.healthtimeline.web.Json;
import org.healthtimeline.web.Params;

/** /v1/users: people and their user tokens. Creating and finding users is for service tokens only. */
public final class UserRoutes {
  private final UserService users;
  private final TokenService tokens;

  public UserRoutes(UserService users, TokenService tokens) {
    this.users = users;
    this.tokens = tokens;
  }

  public void register(RoutesConfig routes) {
    routes.post("/v1/users", this::create);
    routes.get("/v1/users", this::findByExternalId);
    routes.get("/v1/users/{userId}", ctx -> json(ctx, 200, users.get(Access.user(ctx))));
    routes.patch("/v1/users/{userId}", this::update);
    routes.delete("/v1/users/{userId}", this::delete);
    routes.post("/v1/users/{userId}/tokens", this::createToken);
  }

  private void create(Context ctx) {
    Access.requireService(ctx);
    User u = users.create(Bodies.object(ctx, Bodies.ONE_MIB));
    ctx.header("Location", "/v1/users/" + u.id());
    json(ctx, 201, u);
  }

  private void findByExternalId(Context ctx) {
    Access.requireService(ctx);
    String externalId = Params.text(ctx, "external_id");
    if (externalId == null) throw new InvalidInput("external_id", "is required");
    json(ctx, 200, users.findByExternalId(externalId)
        .orElseThrow(() -> new NotFound("external_id", "no user has this external_id")));
  }

  private void update(Context ctx) {
    UUID id = Access.user(ctx);
    json(ctx, 200, users.update(id, Bodies.object(ctx, Bodies.ONE_MIB)));
  }

  private void delete(Context ctx) {
    users.delete(Access.user(ctx));
    ctx.status(204);
  }

  private void createToken(Context ctx) {
    UUID id = Access.user(ctx);
    Access.requireService(ctx);
    // Every field is optional, so no body at all is fine too.
    boolean empty = ctx.req().getContentLengthLong() == 0;
    var f = new Fields(empty ? Json.MAPPER.createObjectNode() : Bodies.object(ctx, Bodies.ONE_MIB));
    f.onlyKnown(java.util.Set.of("name"));
    String name = f.text("name", 200);
    f.check();
    json(ctx, 201, Map.of("user_id", id, "token", tokens.createUserToken(id, name)));
  }

  private static void json(Context ctx, int status, Object body) {
    ctx.status(status).contentType("application/json").result(Json.write(body));
  }
}
