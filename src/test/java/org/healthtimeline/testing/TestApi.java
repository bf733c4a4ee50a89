package org.healthtimeline.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import org.healthtimeline.App;
import org.healthtimeline.db.Database;
import org.healthtimeline.web.Json;

/**
 * The real app on a real port over its own fresh database, and an HTTP client for it. One per test class:
 * {@code @BeforeAll static void up() { api = TestApi.start(); }} and close it after all.
 */
public final class TestApi implements AutoCloseable {
  public final Database db;
  public final App app;
  public final String serviceToken;
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final String base;

  private TestApi(Database db, App app) {
    this.db = db;
    this.app = app;
    this.base = "http://127.0.0.1:" + app.port();
    this.serviceToken = app.tokens().createServiceToken("tests");
  }

  public static TestApi start() {
    return start(java.time.Clock.systemUTC());
  }

  /** With the clock that decides what is due and what is past. */
  public static TestApi start(java.time.Clock clock) {
    Database db = TestDatabases.fresh();
    return new TestApi(db, new App(db, clock).start("127.0.0.1", 0));
  }

  public String base() {
    return base;
  }

  /** A response: status, headers and the body parsed as JSON (or null when it is empty or not JSON). */
  public record Response(int status, HttpResponse<String> raw, JsonNode json) {
    public String header(String name) {
      return raw.headers().firstValue(name).orElse(null);
    }

    public String body() {
      return raw.body();
    }

    @Override
    public String toString() {
      return status + " " + raw.body();
    }
  }

  /** A user made through the API, with a token of its own. */
  public record User(UUID id, String token) {}

  public User newUser(String timeZone) {
    Response r = send("POST", "/v1/users", serviceToken, "{\"time_zone\":\"" + timeZone + "\"}");
    if (r.status() != 201) throw new IllegalStateException("could not create a user: " + r);
    UUID id = UUID.fromString(r.json().get("id").asText());
    return new User(id, app.tokens().createUserToken(id, "tests"));
  }

  public User newUser() {
    return newUser("Europe/Berlin");
  }

  public Response get(String path, String token) {
    return send("GET", path, token, null);
  }

  public Response post(String path, String token, String body) {
    return send("POST", path, token, body);
  }

  public Response patch(String path, String token, String body) {
    return send("PATCH", path, token, body);
  }

  public Response delete(String path, String token) {
    return send("DELETE", path, token, null);
  }

  public Response send(String method, String path, String token, String body) {
    return send(method, path, token, body, Map.of());
  }

  public Response send(String method, String path, String token, String body, Map<String, String> headers) {
    var b = HttpRequest.newBuilder(URI.create(base + path))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (token != null) b.header("Authorization", "Bearer " + token);
    if (body != null) b.header("Content-Type", "application/json");
    headers.forEach(b::setHeader); // setHeader, so that a test may replace the Content-Type above
    try {
      HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
      return new Response(r.statusCode(), r, parse(r.body()));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * A request whose answer may be a Server-Sent Events stream, which never ends by itself: read until {@code enough}
   * holds for the text so far (or {@code max} passed), then hung up on. Any other answer is read whole.
   */
  public Response stream(String path, String token, Map<String, String> headers, java.util.function.Predicate<String> enough,
      java.time.Duration max) {
    try (var s = EventStream.open(base + path, token, headers)) {
      String body = s.readUntil(enough, max);
      return new Response(s.status(), new Text(s.response(), body), parse(body));
    }
  }

  /** The head of a streamed answer with the part of its body that was read. */
  private record Text(HttpResponse<?> head, String body) implements HttpResponse<String> {
    @Override public int statusCode() { return head.statusCode(); }
    @Override public HttpRequest request() { return head.request(); }
    @Override public java.util.Optional<HttpResponse<String>> previousResponse() { return java.util.Optional.empty(); }
    @Override public java.net.http.HttpHeaders headers() { return head.headers(); }
    @Override public java.util.Optional<javax.net.ssl.SSLSession> sslSession() { return head.sslSession(); }
    @Override public URI uri() { return head.uri(); }
    @Override public HttpClient.Version version() { return head.version(); }
  }

  private static JsonNode parse(String body) {
    if (body == null || body.isEmpty()) return null;
    try {
      return Json.MAPPER.readTree(body);
    } catch (IOException e) {
      return null;
    }
  }

  @Override
  public void close() {
    app.close();
    db.close();
  }
}
