package org.healthtimeline.io;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import org.healthtimeline.errors.InvalidInput;
import org.healthtimeline.timeline.EventType;
import org.healthtimeline.web.Access;
import org.healthtimeline.web.Params;

/** {@code GET /v1/users/{userId}/export}: the timeline streamed out as NDJSON, CSV or a FHIR Bundle. */
public final class ExportRoutes {
  private final ExportService exports;

  public ExportRoutes(ExportService exports) {
    this.exports = exports;
  }

  public void register(RoutesConfig routes) {
    routes.get("/v1/users/{userId}/export", this::export);
  }

  private void export(Context ctx) throws IOException {
    UUID user = Access.user(ctx);
    String name = Params.text(ctx, "format");
    ExportFormat format = name == null ? ExportFormat.NDJSON : ExportFormat.parse("format", name);
    Instant from = Params.instant(ctx, "from");
    Instant to = Params.instant(ctx, "to");
    if (from != null && to != null && !to.isAfter(from)) throw new InvalidInput("to", "must be after from");
    Set<EventType> types = types(ctx.queryParams("type"));
    exports.requireUser(user);
    ctx.status(200).contentType(format.mediaType() + (format == ExportFormat.CSV ? "; charset=utf-8" : ""));
    ctx.header("Content-Disposition", "attachment; filename=\"timeline-" + user + "." + extension(format) + "\"");
    try (OutputStream out = ctx.res().getOutputStream()) {
      exports.export(user, format, from, to, types, out);
    }
  }

  /** {@code type=meal,sleep&type=mood}, as the events list takes it. */
  static Set<EventType> types(java.util.List<String> values) {
    Set<EventType> types = EnumSet.noneOf(EventType.class);
    for (String value : values) {
      for (String t : value.split(",")) {
        if (t.isBlank()) continue;
        types.add(EventType.fromWire(t.strip()).orElseThrow(() -> new InvalidInput("type", "must name event types: " + t.strip() + " is not one")));
      }
    }
    return types;
  }

  private static String extension(ExportFormat format) {
    return switch (format) {
      case NDJSON -> "ndjson";
      case CSV -> "csv";
      case FHIR -> "fhir.json";
    };
  }
}
