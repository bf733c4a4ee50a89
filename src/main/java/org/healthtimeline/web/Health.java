package org.healthtimeline.web;

import io.javalin.config.RoutesConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.healthtimeline.db.Database;

/** /health asks the database; /metrics is Prometheus' text format. Neither needs a token nor shows user data. */
public final class Health {
  private final Database db;

  public Health(Database db) {
    this.db = db;
  }

  public void register(RoutesConfig routes, PrometheusMeterRegistry registry) {
    routes.get("/health", ctx -> {
      String problem = databaseProblem();
      ctx.status(problem == null ? 200 : 503).contentType("application/json")
          .result(problem == null
              ? "{\"status\":\"ok\",\"database\":\"ok\"}"
              : "{\"status\":\"unavailable\",\"database\":" + Json.write(problem) + "}");
    });
    routes.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(registry.scrape()));
  }

  private String databaseProblem() {
    try {
      return db.tx().read(c -> {
        try (var st = c.createStatement(); var rs = st.executeQuery("SELECT 1")) {
          return rs.next() ? null : "no answer";
        }
      });
    } catch (RuntimeException e) {
      return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
  }
}
