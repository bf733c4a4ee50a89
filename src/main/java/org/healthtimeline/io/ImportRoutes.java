package org.healthtimeline.io;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.UUID;
import org.healthtimeline.errors.InvalidInput;
import org.healthtimeline.web.Access;
import org.healthtimeline.web.Json;
import org.healthtimeline.web.Params;

/** {@code POST /v1/users/{userId}/imports}: the body is the file, read as a stream while it arrives. */
public final class ImportRoutes {
  private static final long DRAIN_LIMIT = 64L << 20;

  private final ImportService imports;

  public ImportRoutes(ImportService imports) {
    this.imports = imports;
  }

  public void register(RoutesConfig routes) {
    routes.post("/v1/users/{userId}/imports", this::importFile);
  }

  private void importFile(Context ctx) throws IOException {
    UUID user = Access.user(ctx);
    boolean strict = Params.bool(ctx, "strict");
    String name = Params.text(ctx, "format");
    ImportFormat given = name == null ? null : ImportFormat.parse("format", name);
    imports.requireUser(user);
    InputStream body = ctx.req().getInputStream();
    var in = new BufferedInputStream(body, 1 << 16);
    ImportSummary summary;
    try {
      summary = imports.run(user, in, ImportService.detect(in, given, ctx.contentType(), null), strict);
    } catch (ImportRefused e) {
      drain(in);
      throw new InvalidInput("body", e.getMessage());
    }
    ctx.status(200).contentType("application/json").result(Json.write(summary));
  }

  /** A client still sending the rest of a refused file would otherwise meet a closed connection, not the problem. */
  private static void drain(InputStream in) {
    byte[] sink = new byte[1 << 16];
    long drained = 0;
    try {
      for (int n; drained < DRAIN_LIMIT && (n = in.read(sink)) > 0; ) drained += n;
    } catch (IOException gone) {
      // the client stopped sending; the problem is answered all the same
    }
  }
}
