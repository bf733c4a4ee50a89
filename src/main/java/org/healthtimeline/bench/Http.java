package org.healthtimeline.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * The bench's HTTP client: the JDK's blocking HttpURLConnection with keep-alive. On two cores the client
 * shares the CPU with the server it measures; java.net.http.HttpClient's asynchronous machinery cost ~2 ms
 * more per 100 KB page than curl here, this one about what curl costs.
 */
final class Http {
  record Answer(int status, byte[] body) {
    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  private final String token;

  Http(String token) {
    this.token = token;
  }

  Answer get(String url) throws IOException {
    return call("GET", url, null);
  }

  Answer post(String url, String json) throws IOException {
    return call("POST", url, json.getBytes(StandardCharsets.UTF_8));
  }

  private Answer call(String method, String url, byte[] body) throws IOException {
    var c = (HttpURLConnection) URI.create(url).toURL().openConnection();
    c.setRequestMethod(method);
    c.setRequestProperty("Authorization", "Bearer " + token);
    if (body != null) {
      c.setDoOutput(true);
      c.setRequestProperty("Content-Type", "application/json");
      try (OutputStream out = c.getOutputStream()) {
        out.write(body);
      }
    }
    int status = c.getResponseCode();
    // Reading the body to its end and closing it returns the connection to the keep-alive cache.
    try (InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream()) {
      return new Answer(status, in == null ? new byte[0] : in.readAllBytes());
    }
  }
}
