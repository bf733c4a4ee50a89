package org.healthtimeline.checkin;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.UUID;
import org.healthtimeline.errors.InvalidInput;
import org.healthtimeline.web.Access;
import org.healthtimeline.web.Bodies;
import org.healthtimeline.web.Json;
import org.healthtimeline.web.Params;

/** /v1/users/{userId}/checkins: the legacy check-ins over HTTP. */
public final class CheckinRoutes {
  private final CheckinService service;

  public CheckinRoutes(CheckinService service) {
    this.service = service;
  }

  public void register(RoutesConfig routes) {
    String checkins = "/v1/users/{userId}/checkins";
    routes.get(checkins, this::list);
    routes.post(checkins, this::record);
  }

  private void list(Context ctx) {
    UUID user = Access.user(ctx);
    LocalDate from = date(ctx, "from");
    LocalDate to = date(ctx, "to");
    if (from != null && to != null && from.isAfter(to)) throw new InvalidInput("from", "must not be after to");
    json(ctx, 200, Map.of("items", service.list(user, from, to)));
  }

  private void record(Context ctx) {
    UUID user = Access.user(ctx);
    CheckinService.Recorded r = service.record(user, Bodies.json(ctx, Bodies.ONE_MIB));
    json(ctx, r.created() ? 201 : 200, r.day());
  }

  /** A local date YYYY-MM-DD between the years 1900 and 2200. */
  private static LocalDate date(Context ctx, String name) {
    String v = Params.text(ctx, name);
    if (v == null) return null;
    try {
      LocalDate d = LocalDate.parse(v);
      if (d.getYear() < 1900 || d.getYear() > 2200) throw new InvalidInput(name, "must be between the years 1900 and 2200");
      return d;
    } catch (DateTimeParseException e) {
      throw new InvalidInput(name, "must be a local date YYYY-MM-DD");
    }
  }

  private static void json(Context ctx, int status, Object body) {
    ctx.status(status).contentType("application/json").result(Json.write(body));
  }
}
