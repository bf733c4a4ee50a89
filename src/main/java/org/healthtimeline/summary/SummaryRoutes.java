package org.healthtimeline.summary;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.healthtimeline.errors.InvalidInput;
import org.healthtimeline.web.Access;
import org.healthtimeline.web.Json;
import org.healthtimeline.web.Params;

/** /v1/users/{userId}/aggregates and /summary/daily: HTTP only; the rules are in {@link SummaryService}. */
public final class SummaryRoutes {
  private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
  private static final List<String> TRACKER_PARAMS = List.of("category", "field", "stat");
  private static final int MAX_NAME = 200;

  private final SummaryService summaries;

  public SummaryRoutes(SummaryService summaries) {
    this.summaries = summaries;
  }

  public void register(RoutesConfig routes) {
    routes.get("/v1/users/{userId}/aggregates", this::aggregates);
    routes.get("/v1/users/{userId}/summary/daily", this::daily);
  }

  private void aggregates(Context ctx) {
    UUID user = Access.user(ctx);
    json(ctx, summaries.aggregates(user, query(ctx)));
  }

  private void daily(Context ctx) {
    UUID user = Access.user(ctx);
    json(ctx, summaries.daily(user, date(ctx, "date")));
  }

  private static AggregateQuery query(Context ctx) {
    String metricName = Params.text(ctx, "metric");
    if (metricName == null) throw new InvalidInput("metric", "is required: one of " + Metric.names());
    Metric metric = Metric.fromWire(metricName)
        .orElseThrow(() -> new InvalidInput("metric", "must be one of " + Metric.names()));
    String bucketName = Params.text(ctx, "bucket");
    Bucket bucket = bucketName == null ? Bucket.DAY : Bucket.fromWire(bucketName)
        .orElseThrow(() -> new InvalidInput("bucket", "must be day, week or month (the rollups are daily: no hour)"));
    LocalDate from = required(ctx, "from");
    LocalDate to = required(ctx, "to");
    AggregateQuery.TrackerField tracker = null;
    if (metric == Metric.TRACKER) {
      String category = name(ctx, "category");
      String field = name(ctx, "field");
      String statName = Params.text(ctx, "stat");
      if (statName == null) throw new InvalidInput("stat", "is required for metric=tracker: sum, avg, min, max or last");
      TrackerStat stat = TrackerStat.fromWire(statName)
          .orElseThrow(() -> new InvalidInput("stat", "must be sum, avg, min, max or last"));
      tracker = new AggregateQuery.TrackerField(category, field, stat);
    } else {
      for (String p : TRACKER_PARAMS) {
        if (Params.text(ctx, p) != null) throw new InvalidInput(p, "is only for metric=tracker");
      }
    }
    return new AggregateQuery(metric, bucket, from, to, tracker);
  }

  private static String name(Context ctx, String param) {
    String v = Params.text(ctx, param);
    if (v == null) throw new InvalidInput(param, "is required for metric=tracker");
    if (v.length() > MAX_NAME) throw new InvalidInput(param, "must be at most " + MAX_NAME + " characters");
    return v;
  }

  private static LocalDate required(Context ctx, String param) {
    LocalDate d = date(ctx, param);
    if (d == null) throw new InvalidInput(param, "is required: a local date YYYY-MM-DD");
    return d;
  }

  /** A day of the user's calendar, YYYY-MM-DD, years 0001 to 9999. */
  private static LocalDate date(Context ctx, String param) {
    String v = Params.text(ctx, param);
    if (v == null) return null;
    try {
      if (!DATE.matcher(v).matches()) throw new DateTimeParseException("not YYYY-MM-DD", v, 0);
      LocalDate d = LocalDate.parse(v);
      if (d.getYear() < 1) throw new DateTimeParseException("year 0", v, 0);
      return d;
    } catch (DateTimeParseException e) {
      throw new InvalidInput(param, "must be a local date YYYY-MM-DD (a day of the user's calendar)");
    }
  }

  private static void json(Context ctx, Object body) {
    ctx.status(200).contentType("application/json").result(Json.write(body));
  }
}
