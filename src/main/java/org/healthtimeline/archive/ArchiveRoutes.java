package org.healthtimeline.archive;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.UUID;
import org.healthtimeline.user.UserService;
import org.healthtimeline.web.Access;

/** GET /v1/users/{userId}/archive: everything of a person, streamed as one zip. */
public final class ArchiveRoutes {
  private final ArchiveService archives;
  private final UserService users;

  public ArchiveRoutes(ArchiveService archives, UserService users) {
    this.archives = archives;
    this.users = users;
  }

  public void register(RoutesConfig routes) {
    routes.get("/v1/users/{userId}/archive", this::archive);
  }

  private void archive(Context ctx) throws IOException {
    UUID user = Access.user(ctx);
    // Known before the first byte: once the zip streams, the status can no longer change.
    users.get(user);
    ctx.status(200).contentType("application/zip")
        .header("Content-Disposition", "attachment; filename=\"health-timeline-" + user + ".zip\"");
    try (var out = ctx.res().getOutputStream()) {
      archives.write(user, out);
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }
}
