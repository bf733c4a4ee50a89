package org.healthtimeline.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A Server-Sent Events client for tests: opens a stream, reads it on a thread of its own as it arrives, and hangs up
 * when closed. An answer that is not a stream (a problem) is read whole.
 */
public final class EventStream implements AutoCloseable {
  /** One event as dispatched: its id, event name and data (lines joined with \n). */
  public record Event(String id, String name, String data) {}

  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  private final HttpResponse<InputStream> response;
  private final StringBuilder raw = new StringBuilder();
  private final List<Event> events = new ArrayList<>();
  private final List<String> comments = new ArrayList<>();
  private final Thread reader;

  private EventStream(HttpResponse<InputStream> response) {
    this.response = response;
    this.reader = Thread.ofVirtual().start(this::read);
  }

  public static EventStream open(String url, String token, Map<String, String> headers) {
    var b = HttpRequest.newBuilder(URI.create(url)).GET();
    if (token != null) b.header("Authorization", "Bearer " + token);
    headers.forEach(b::setHeader);
    try {
      return new EventStream(HTTP.send(b.build(), HttpResponse.BodyHandlers.ofInputStream()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  HttpResponse<InputStream> response() {
    return response;
  }

  public int status() {
    return response.statusCode();
  }

  public HttpHeaders headers() {
    return response.headers();
  }

  /** Everything read so far, as it came. */
  public synchronized String raw() {
    return raw.toString();
  }

  public synchronized List<Event> events() {
    return List.copyOf(events);
  }

  public synchronized List<String> comments() {
    return List.copyOf(comments);
  }

  /** Waits until {@code enough} holds for the events so far; fails after {@code max}. */
  public List<Event> await(String what, Predicate<List<Event>> enough, Duration max) {
    long deadline = System.nanoTime() + max.toNanos();
    while (!enough.test(events())) {
      if (System.nanoTime() > deadline) throw new AssertionError("waited in vain for " + what + "; the stream so far:\n" + raw());
      pause();
    }
    return events();
  }

  /** Waits until a comment such as a heartbeat arrives; fails after {@code max}. */
  public void awaitComment(String text, Duration max) {
    long deadline = System.nanoTime() + max.toNanos();
    while (!comments().contains(text)) {
      if (System.nanoTime() > deadline) throw new AssertionError("waited in vain for the comment " + text + "; the stream so far:\n" + raw());
      pause();
    }
  }

  /** Waits until the text read so far satisfies {@code enough} or {@code max} passed. */
  public String readUntil(Predicate<String> enough, Duration max) {
    long deadline = System.nanoTime() + max.toNanos();
    while (!enough.test(raw()) && reader.isAlive() && System.nanoTime() < deadline) pause();
    return raw();
  }

  private void read() {
    try (var in = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
      String id = null, name = null;
      var data = new ArrayList<String>();
      for (String line; (line = in.readLine()) != null; ) {
        synchronized (this) {
          raw.append(line).append('\n');
          if (line.isEmpty()) {
            if (!data.isEmpty()) events.add(new Event(id, name == null ? "message" : name, String.join("\n", data)));
            id = null;
            name = null;
            data.clear();
          } else if (line.startsWith(":")) {
            comments.add(line.substring(1).strip());
          } else {
            String field = line.contains(":") ? line.substring(0, line.indexOf(':')) : line;
            String value = line.contains(":") ? line.substring(line.indexOf(':') + 1) : "";
            if (value.startsWith(" ")) value = value.substring(1);
            switch (field) {
              case "id" -> id = value;
              case "event" -> name = value;
              case "data" -> data.add(value);
              default -> { }
            }
          }
        }
      }
    } catch (IOException e) {
      // hung up on, or the server went away
    }
  }

  private static void pause() {
    try {
      Thread.sleep(20);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  @Override
  public void close() {
    try {
      response.body().close();
    } catch (IOException e) {
      // already gone
    }
  }
}
