package org.healthtimeline.web;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.UUID;
import org.healthtimeline.errors.Forbidden;
import org.healthtimeline.errors.Unauthorized;

/**
 * Bearer-token access. {@link #authenticate} runs before every /v1 route; routes then ask for the user they
 * act on with {@link #user}, which refuses a user token that names somebody else.
 */
public final class Access {
  private static final String PRINCIPAL = "principal";

  private Access() {}

  public static Handler authenticate(Authenticator authenticator) {
    return ctx -> {
      String header = ctx.header("Authorization");
      if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
        throw new Unauthorized("send an API token as 'Authorization: Bearer <token>'");
      }
      Principal p = authenticator.authenticate(header.substring(7).trim())
          .orElseThrow(() -> new Unauthorized("the API token is unknown or revoked"));
      ctx.attribute(PRINCIPAL, p);
    };
  }

  public static Principal principal(Context ctx) {
    Principal p = ctx.attribute(PRINCIPAL);
    if (p == null) throw new Unauthorized("send an API token as 'Authorization: Bearer <token>'");
    return p;
  }

  /** The {userId} of the path, if the caller may act for that user. */
  public static UUID user(Context ctx) {
    UUID user = Params.uuidPath(ctx, "userId");
    if (!principal(ctx).mayActFor(user)) throw new Forbidden("this token may only act for its own user");
    return user;
  }

  public static void requireService(Context ctx) {
    if (!principal(ctx).service()) throw new Forbidden("only a service token may do this");
  }
}
