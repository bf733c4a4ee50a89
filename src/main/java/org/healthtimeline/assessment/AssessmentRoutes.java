package org.healthtimeline.assessment;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.healthtimeline.errors.InvalidInput;
import org.healthtimeline.web.Access;
import org.healthtimeline.web.Bodies;
import org.healthtimeline.web.Json;
import org.healthtimeline.web.Params;

/**
 * Questionnaires over HTTP. The definitions hold no one's data, so any valid token may read them; responses live
 * under their user.
 */
public final class AssessmentRoutes {
  private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
  private static final Instant LATEST = Instant.parse("9999-12-31T00:00:00Z");

  private final AssessmentService assessments;
  private final SleepQuizService sleepQuiz;

  public AssessmentRoutes(AssessmentService assessments, SleepQuizService sleepQuiz) {
    this.assessments = assessments;
    this.sleepQuiz = sleepQuiz;
  }

  public void register(RoutesConfig routes) {
    routes.get("/v1/assessments", ctx -> json(ctx, 200, Map.of("items", assessments.definitions())));
    String responses = "/v1/users/{userId}/assessments/{code}/responses";
    routes.post(responses, this::complete);
    routes.get(responses, this::responses);
    routes.get("/v1/sleep-quiz", ctx -> json(ctx, 200, sleepQuiz.questions()));
    routes.post("/v1/users/{userId}/sleep-quiz", this::submit);
    routes.get("/v1/users/{userId}/sleep-quiz", this::submissions);
  }

  private void complete(Context ctx) {
    UUID user = Access.user(ctx);
    AssessmentService.Completed c = assessments.complete(user, ctx.pathParam("code"), Bodies.json(ctx, Bodies.ONE_MIB));
    json(ctx, c.outcome().status, c.response());
  }

  private void responses(Context ctx) {
    UUID user = Access.user(ctx);
    Range r = range(ctx);
    json(ctx, 200, Map.of("items", assessments.responses(user, ctx.pathParam("code"), r.from, r.to, r.limit)));
  }

  private void submit(Context ctx) {
    UUID user = Access.user(ctx);
    SleepQuizService.Submitted s = sleepQuiz.submit(user, Bodies.json(ctx, Bodies.ONE_MIB));
    json(ctx, s.outcome().status, s.submission());
  }

  private void submissions(Context ctx) {
    UUID user = Access.user(ctx);
    Range r = range(ctx);
    json(ctx, 200, Map.of("items", sleepQuiz.submissions(user, r.from, r.to, r.limit)));
  }

  private record Range(Instant from, Instant to, int limit) {}

  private static Range range(Context ctx) {
    Instant from = Params.instant(ctx, "from");
    Instant to = Params.instant(ctx, "to");
    if (from != null && to != null && from.isAfter(to)) throw new InvalidInput("from", "must not be after to");
    Integer limit = Params.integer(ctx, "limit", 1, 1000);
    return new Range(from == null ? EARLIEST : from, to == null ? LATEST : to, limit == null ? 100 : limit);
  }

  private static void json(Context ctx, int status, Object body) {
    ctx.status(status).contentType("application/json").result(Json.write(body));
  }
}
