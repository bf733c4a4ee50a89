package org.healthtimeline.stream;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.sse.SseHandler;
import java.time.Duration;
import java.util.UUID;
import org.healthtimeline.errors.InvalidInput;
import org.healthtimeline.errors.NotFound;
import org.healthtimeline.user.UserService;
import org.healthtimeline.web.Access;
import org.healthtimeline.web.Params;

/**
 * GET /v1/users/{userId}/stream: Server-Sent Events of the user's changes. Everything a request can get wrong is
 * answered as a problem before the stream starts; after that the answer is 200 text/event-stream.
 */
public final class StreamRoutes {
  private final LiveStream stream;
  private final UserService users;

  public StreamRoutes(LiveStream stream, UserService users) {
    this.stream = stream;
    this.users = users;
  }

  public void register(RoutesConfig routes) {
    routes.get("/v1/users/{userId}/stream", this::stream);
  }

  private void stream(Context ctx) throws Exception {
    UUID user = Access.user(ctx);
    Long since = cursor(ctx);
    Integer heartbeat = Params.integer(ctx, "heartbeat", 1, 30);
    if (!users.exists(user)) throw new NotFound("userId", "user " + user + " does not exist");
    String accept = ctx.header("Accept");
    if (accept == null || !accept.contains("text/event-stream")) {
      throw new HttpResponseException(406, "Send 'Accept: text/event-stream': this route answers with Server-Sent Events only");
    }
    long start = since != null ? since : stream.now(user);
    Duration every = Duration.ofSeconds(heartbeat == null ? 15 : heartbeat);
    new SseHandler(0, client -> stream.serve(client, user, start, every)).handle(ctx);
  }

  /**
   * Where to resume: the Last-Event-ID header (an EventSource sends it when it reconnects), else ?since= (for a first
   * connection that already has a cursor), else null: from now on.
   */
  private static Long cursor(Context ctx) {
    String header = ctx.header("Last-Event-ID");
    if (header != null && !header.isBlank()) return parse("Last-Event-ID", header.trim());
    String since = Params.text(ctx, "since");
    return since == null ? null : parse("since", since);
  }

  private static long parse(String field, String value) {
    try {
      long n = Long.parseLong(value);
      if (n >= 0) return n;
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new InvalidInput(field, "must be the id of a stream event (a non-negative integer)");
  }
}
