package org.healthtimeline.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.healthtimeline.errors.Conflict;
import org.healthtimeline.errors.FieldError;
import org.healthtimeline.errors.Forbidden;
import org.healthtimeline.errors.InvalidInput;
import org.healthtimeline.errors.NotFound;
import org.healthtimeline.errors.PayloadTooLarge;
import org.healthtimeline.errors.PreconditionFailed;
import org.healthtimeline.errors.Unauthorized;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where failures become RFC 9457 {@code application/problem+json}. Every problem that is the
 * client's fault names the offending field in {@code field} (and all of them in {@code errors}); anything
 * unexpected is a 500 with a log line and no internals in the body.
 */
public final class Problems {
  public static final String CONTENT_TYPE = "application/problem+json";
  private static final Logger log = LoggerFactory.getLogger(Problems.class);

  private Problems() {}

  public static void register(RoutesConfig routes) {
    routes.exception(InvalidInput.class, (e, ctx) ->
        write(ctx, 400, "invalid-input", "Invalid input", e.getMessage(), e.field(), e.errors()));
    routes.exception(NotFound.class, (e, ctx) ->
        write(ctx, 404, "not-found", "Not found", e.getMessage(), e.field(), null));
    routes.exception(Conflict.class, (e, ctx) ->
        write(ctx, 409, "conflict", "Conflict", e.getMessage(), e.field(), null));
    routes.exception(Unauthorized.class, (e, ctx) -> {
      ctx.header("WWW-Authenticate", "Bearer");
      write(ctx, 401, "unauthorized", "Unauthorized", e.getMessage(), "Authorization", null);
    });
    routes.exception(Forbidden.class, (e, ctx) ->
        write(ctx, 403, "forbidden", "Forbidden", e.getMessage(), "Authorization", null));
    routes.exception(PayloadTooLarge.class, (e, ctx) ->
        write(ctx, 413, "payload-too-large", "Payload too large", e.getMessage(), "body", null));
    routes.exception(PreconditionFailed.class, (e, ctx) ->
        write(ctx, 412, "precondition-failed", "Precondition failed", e.getMessage(), "If-Match", null));
    routes.exception(HttpResponseException.class, (e, ctx) ->
        write(ctx, e.getStatus(), "http-" + e.getStatus(), e.getMessage(), e.getMessage(), javalinField(e.getStatus()), null));
    routes.exception(Exception.class, (e, ctx) -> {
      log.error("{} {} failed", ctx.method(), ctx.path(), e);
      write(ctx, 500, "internal", "Internal server error", "the server failed; the error is logged", null, null);
    });
    // Javalin answers unmatched routes and methods itself; give those the same shape.
    routes.error(404, ctx -> {
      if (!isProblem(ctx)) write(ctx, 404, "not-found", "Not found", "no route " + ctx.method() + " " + ctx.path(), "path", null);
    });
    routes.error(405, ctx -> {
      if (!isProblem(ctx)) write(ctx, 405, "method-not-allowed", "Method not allowed", ctx.method() + " is not allowed on " + ctx.path(), "method", null);
    });
  }

  /** What Javalin's own refusals are about: no route for the path, the method, or the request as a whole. */
  private static String javalinField(int status) {
    return switch (status) {
      case 404 -> "path";
      case 405 -> "method";
      case 413 -> "body";
      default -> status < 500 ? "request" : null;
    };
  }

  private static boolean isProblem(Context ctx) {
    String type = ctx.res().getContentType();
    return type != null && type.startsWith(CONTENT_TYPE);
  }

  static void write(Context ctx, int status, String type, String title, String detail, String field, List<FieldError> errors) {
    ctx.status(status).contentType(CONTENT_TYPE).result(Json.write(body(status, type, title, detail, ctx.path(), field, errors)));
  }

  /** The members of a problem; {@code instance}, {@code field} and {@code errors} are left out when null. */
  static Map<String, Object> body(int status, String type, String title, String detail, String instance, String field,
      List<FieldError> errors) {
    var body = new LinkedHashMap<String, Object>();
    body.put("type", "/problems/" + type);
    body.put("title", title);
    body.put("status", status);
    body.put("detail", detail);
    if (instance != null) body.put("instance", instance);
    if (field != null) body.put("field", field);
    if (errors != null) body.put("errors", errors.stream().map(f -> Map.of("field", f.field(), "message", f.message())).toList());
    return body;
  }
}
