package org.healthtimeline.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.healthtimeline.testing.TestApi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The lines {@code serve --demo} prints, tried against the real app on a real port. */
class DemoBannerTest {
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
  void the_printed_curl_lists_the_first_demo_users_last_30_days_newest_first() {
    Clock clock = Clock.systemUTC();
    List<LoadedUser> loaded = new DemoData(api.app.users(), api.app.demoParts(), clock).ensureLoaded(DemoData.PEOPLE, 40);

    List<String> lines = new DemoBanner(api.app.tokens(), clock).lines(api.base(), loaded, Duration.ofMillis(1234));

    assertThat(lines.getFirst()).isEqualTo("demo: 3 users, %,d events (%,d added now) in 1.2 s".formatted(
        loaded.stream().mapToInt(LoadedUser::events).sum(), loaded.stream().mapToInt(LoadedUser::added).sum()));
    Matcher curl = Pattern.compile("try: curl -H \"Authorization: Bearer (\\S+)\" \"(\\S+)\"").matcher(lines.getLast());
    assertThat(curl.matches()).as(lines.getLast()).isTrue();
    String url = curl.group(2);
    assertThat(url).startsWith(api.base() + "/v1/users/" + loaded.getFirst().id() + "/events?from=");
    Instant from = OffsetDateTime.parse(url.replaceAll(".*from=([^&]+).*", "$1")).toInstant();
    assertThat(Duration.between(from, clock.instant())).isBetween(Duration.ofDays(30), Duration.ofDays(31));

    var response = api.get(url.substring(api.base().length()), curl.group(1));

    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    JsonNode items = response.json().get("items");
    assertThat(items).hasSize(20);
    assertThat(items).allSatisfy(e -> assertThat(OffsetDateTime.parse(e.get("occurred_at").asText()).toInstant()).isAfterOrEqualTo(from));
    assertThat(OffsetDateTime.parse(items.get(0).get("occurred_at").asText()))
        .isAfter(OffsetDateTime.parse(items.get(19).get("occurred_at").asText()));
  }
}
