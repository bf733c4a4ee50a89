package org.healthtimeline.user;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.healthtimeline.testing.TestApi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class UsersApiTest {
  static TestApi api;

  @BeforeAll
  static void up() {
    api = TestApi.start();
  }

  @AfterAll
  static void down() {
    api.close();
  }

  @Test
  void a_patch_of_the_profile_alone_moves_updated_at_and_one_that_changes_nothing_does_not() {
    var u = api.newUser();
    String url = "/v1/users/" + u.id();
    Instant before = Instant.parse(api.get(url, u.token()).json().get("updated_at").asText());

    var changed = api.patch(url, u.token(), "{\"profile\":{\"goal\":\"sleep more\"}}");
    Instant after = Instant.parse(changed.json().get("updated_at").asText());
    var same = api.patch(url, u.token(), "{\"profile\":{\"goal\":\"sleep more\"}}");

    assertThat(changed.status()).isEqualTo(200);
    assertThat(after).isAfter(before);
    assertThat(same.json().get("updated_at")).isEqualTo(changed.json().get("updated_at"));
  }

  @Test
  void a_service_token_makes_a_user_token_without_a_body_and_it_works_only_for_that_user() {
    var u = api.newUser();
    var other = api.newUser();
    var made = api.post("/v1/users/" + u.id() + "/tokens", api.serviceToken, null);
    assertThat(made.status()).as(made.toString()).isEqualTo(201);
    String token = made.json().get("token").asText();
    assertThat(token).startsWith("htu_");
    assertThat(api.get("/v1/users/" + u.id(), token).status()).isEqualTo(200);
    assertThat(api.get("/v1/users/" + other.id(), token).status()).isEqualTo(403);
  }
}
