package org.healthtimeline.web;

import io.javalin.http.Context;
import io.javalin.http.RequestLogger;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One log line per request (method, path, status, ms) and a Prometheus timer per route and status. */
public final class RequestObserver implements RequestLogger {
  private static final Logger log = LoggerFactory.getLogger("http");
  private final PrometheusMeterRegistry registry;

  public RequestObserver(PrometheusMeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void handle(Context ctx, Float ms) {
    int status = ctx.statusCode();
    log.info("{} {} {} {}ms", ctx.method(), ctx.path(), status, String.format("%.1f", ms));
    Timer.builder("http.server.requests")
        .tag("method", ctx.method().name())
        .tag("route", route(ctx))
        .tag("status", Integer.toString(status))
        .publishPercentileHistogram(false)
        .register(registry)
        .record((long) (ms * 1_000_000L), TimeUnit.NANOSECONDS);
  }

  /** The route template, not the path: one series per route, not one per user id. */
  private static String route(Context ctx) {
    try {
      var endpoint = ctx.endpoints().matchedHttpEndpoint();
      return endpoint == null ? "unmatched" : endpoint.path;
    } catch (RuntimeException e) {
      return "unmatched";
    }
  }
}
