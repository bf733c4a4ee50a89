package org.healthtimeline.web;

import io.javalin.config.RoutesConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The OpenAPI 3.1 document at /openapi.json and Swagger UI (from its WebJar) at /docs. */
public final class ApiDocs {
  static final String SWAGGER_UI = "/webjars/swagger-ui/5.34.1";
  private final byte[] openApi;

  public ApiDocs() {
    try (InputStream in = ApiDocs.class.getResourceAsStream("/openapi.json")) {
      if (in == null) throw new IllegalStateException("openapi.json is missing from the jar");
      openApi = in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public void register(RoutesConfig routes) {
    routes.get("/openapi.json", ctx -> ctx.contentType("application/json").result(openApi));
    routes.get("/docs", ctx -> ctx.contentType("text/html; charset=utf-8").result("""
        <!doctype html>
        <html lang="en">
        <head>
          <meta charset="utf-8">
          <title>health-timeline API</title>
          <link rel="stylesheet" href="%1$s/swagger-ui.css">
        </head>
        <body>
          <div id="swagger-ui"></div>
          <script src="%1$s/swagger-ui-bundle.js"></script>
          <script>
            window.ui = SwaggerUIBundle({ url: "/openapi.json", dom_id: "#swagger-ui", persistAuthorization: true });
          </script>
        </body>
        </html>
        """.formatted(SWAGGER_UI)));
  }
}
