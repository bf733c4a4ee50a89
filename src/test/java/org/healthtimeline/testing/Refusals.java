package org.healthtimeline.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.Supplier;

/** Checks that a request is refused as application/problem+json naming a field, and that nothing was written. */
public final class Refusals {
  private final TestApi api;

  public Refusals(TestApi api) {
    this.api = api;
  }

  public TestApi.Response refused(int status, String field, Supplier<TestApi.Response> request) {
    var before = DatabaseSnapshot.of(api.db);
    TestApi.Response r = request.get();
    assertThat(r.status()).as(r.toString()).isEqualTo(status);
    assertThat(r.header("Content-Type")).as(r.toString()).startsWith("application/problem+json");
    assertThat(r.json().get("status").asInt()).isEqualTo(status);
    assertThat(r.json().path("field").asText()).as(r.toString()).isEqualTo(field);
    assertThat(r.json().get("instance").asText()).isEqualTo(r.raw().uri().getPath());
    assertThat(DatabaseSnapshot.of(api.db)).as("the database after a refused request").isEqualTo(before);
    return r;
  }
}
