package org.healthtimeline.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.Supplier;
import org.healthtimeline.testing.TestApi.Response;

/** The check of a refused request: the status, a problem+json naming the field, and nothing written. */
public final class Refusals {
  private Refusals() {}

  public static Response refused(TestApi api, int status, String field, Supplier<Response> request) {
    var before = DatabaseSnapshot.of(api.db);
    Response r = request.get();
    assertThat(r.status()).as(r.toString()).isEqualTo(status);
    assertThat(r.header("Content-Type")).as(r.toString()).startsWith("application/problem+json");
    assertThat(r.json().get("status").asInt()).isEqualTo(status);
    assertThat(r.json().path("field").asText()).as(r.toString()).isEqualTo(field);
    assertThat(r.json().get("instance").asText()).isEqualTo(r.raw().uri().getPath());
    assertThat(DatabaseSnapshot.of(api.db)).as("the database after " + r).isEqualTo(before);
    return r;
  }
}
