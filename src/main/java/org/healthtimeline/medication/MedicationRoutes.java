package org.healthtimeline.medication;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.healthtimeline.errors.InvalidInput;
import org.healthtimeline.web.Access;
import org.healthtimeline.web.Bodies;
import org.healthtimeline.web.Json;
import org.healthtimeline.web.Params;

/** /v1/users/{userId}/medications...: HTTP only; the rules are in {@link MedicationService}. */
public final class MedicationRoutes {
  private static final String MEDICATIONS = "/v1/users/{userId}/medications";
  private static final String MEDICATION = MEDICATIONS + "/{medicationId}";
  private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
  private static final Instant LATEST = Instant.parse("9999-12-31T00:00:00Z");

  private final MedicationService service;

  public MedicationRoutes(MedicationService service) {
    this.service = service;
  }

  public void register(RoutesConfig routes) {
    routes.post(MEDICATIONS, this::define);
    routes.get(MEDICATIONS, this::list);
    // Before {medicationId}, which would match it too.
    routes.get(MEDICATIONS + "/adherence", this::adherence);
    routes.get(MEDICATION, this::get);
    routes.patch(MEDICATION, this::update);
    routes.post(MEDICATION + "/doses", this::recordDose);
    routes.get(MEDICATION + "/doses", this::doses);
  }

  private void define(Context ctx) {
    UUID user = Access.user(ctx);
    Medication m = service.define(user, Bodies.json(ctx, Bodies.ONE_MIB));
    ctx.header("Location", "/v1/users/" + user + "/medications/" + m.id());
    json(ctx, 201, m);
  }

  private void list(Context ctx) {
    UUID user = Access.user(ctx);
    json(ctx, 200, Map.of("items", service.list(user, Params.bool(ctx, "include_inactive"))));
  }

  private void get(Context ctx) {
    UUID user = Access.user(ctx);
    json(ctx, 200, service.get(user, Params.uuidPath(ctx, "medicationId")));
  }

  private void update(Context ctx) {
    UUID user = Access.user(ctx);
    UUID id = Params.uuidPath(ctx, "medicationId");
    json(ctx, 200, service.update(user, id, Bodies.json(ctx, Bodies.ONE_MIB)));
  }

  private void recordDose(Context ctx) {
    UUID user = Access.user(ctx);
    UUID id = Params.uuidPath(ctx, "medicationId");
    MedicationService.Recorded r = service.recordDose(user, id, Bodies.json(ctx, Bodies.ONE_MIB));
    json(ctx, r.outcome().status, r.dose());
  }

  private void doses(Context ctx) {
    UUID user = Access.user(ctx);
    UUID id = Params.uuidPath(ctx, "medicationId");
    Instant from = Params.instant(ctx, "from");
    Instant to = Params.instant(ctx, "to");
    if (from != null && to != null && from.isAfter(to)) throw new InvalidInput("from", "must not be after to");
    Integer limit = Params.integer(ctx, "limit", 1, 1000);
    List<Dose> found = service.doses(user, id, from == null ? EARLIEST : from, to == null ? LATEST : to, limit == null ? 100 : limit);
    json(ctx, 200, Map.of("items", found));
  }

  private void adherence(Context ctx) {
    UUID user = Access.user(ctx);
    Integer days = Params.integer(ctx, "days", 1, 365);
    json(ctx, 200, service.adherence(user, days == null ? 7 : days));
  }

  private static void json(Context ctx, int status, Object body) {
    ctx.status(status).contentType("application/json").result(Json.write(body));
  }
}
