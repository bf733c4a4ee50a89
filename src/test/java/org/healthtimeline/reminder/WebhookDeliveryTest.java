package org.healthtimeline.reminder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.healthtimeline.reminder.ReminderCalls.await;
import static org.healthtimeline.reminder.ReminderCalls.id;
import static org.healthtimeline.reminder.ReminderCalls.letTheSchedulerPoll;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.healthtimeline.testing.MutableClock;
import org.healthtimeline.testing.TestApi;
import org.healthtimeline.testing.TestApi.Response;
import org.healthtimeline.testing.TestApi.User;
import org.healthtimeline.web.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A fired reminder is POSTed, signed, to a real HTTP receiver on this machine, and retried on the test's clock. */
class WebhookDeliveryTest {
  static final Instant START = Instant.parse("2024-01-15T06:00:00Z");
  static final Instant DUE = Instant.parse("2024-01-15T08:00:00Z");

  final MutableClock clock = new MutableClock(START);
  final TestApi api = TestApi.start(clock);
  final ReminderCalls calls = new ReminderCalls(api);

  WebhookDeliveryTest() {
    api.app.background().start(Duration.ofMillis(50));
  }

  @AfterEach
  void down() {
    api.close();
  }

  @Test
  void a_firing_is_posted_signed_and_retried_after_one_and_three_seconds_until_the_receiver_takes_it() throws Exception {
    try (var receiver = new WebhookReceiver(503, 503)) {
      User u = api.newUser("Europe/Berlin");
      Response created = calls.create(u, hooked("Take your pill", receiver.url()));
      String secret = created.json().get("webhook_secret").asText();
      String reminderId = id(created);

      clock.set(Instant.parse("2024-01-15T07:00:00Z"));
      await("the first attempt", () -> receiver.received().size() == 1);
      // The receiver has the request before the deliverer has its answer and records it.
      await("the first attempt recorded", () -> !calls.completions(u, reminderId).getFirst().get("webhook").get("last_error").isNull());
      JsonNode firing = calls.completions(u, reminderId).getFirst();
      assertThat(firing.get("webhook").get("state").asText()).isEqualTo("pending");
      assertThat(firing.get("webhook").get("last_error").asText()).isEqualTo("HTTP 503");

      await("the first retry scheduled", () -> retries(u).equals(java.util.List.of("2024-01-15T07:00:01Z")));
      clock.advance(Duration.ofSeconds(1));
      await("the second attempt", () -> receiver.received().size() == 2);
      await("the second retry scheduled", () -> retries(u).equals(java.util.List.of("2024-01-15T07:00:04Z")));
      clock.advance(Duration.ofSeconds(3));
      await("the third attempt", () -> receiver.received().size() == 3);
      await("the delivery recorded", () -> calls.completions(u, reminderId).getFirst().get("webhook").get("state").asText().equals("delivered"));

      JsonNode webhook = calls.completions(u, reminderId).getFirst().get("webhook");
      assertThat(webhook.get("attempts").asInt()).isEqualTo(3);
      assertThat(webhook.get("delivered_at").asText()).isEqualTo("2024-01-15T07:00:04Z");
      for (WebhookReceiver.Received r : receiver.received()) {
        assertThat(r.header("Content-Type")).isEqualTo("application/json");
        assertThat(r.header("Timeline-Delivery")).isEqualTo(firing.get("id").asText());
        assertThat(signatureIsValid(r, secret)).as(r.header("Timeline-Signature")).isTrue();
        assertThat(signatureIsValid(r, "whsec_somebody-elses")).isFalse();
      }
      JsonNode body = Json.read(receiver.received().getFirst().body());
      assertThat(body.get("type").asText()).isEqualTo("reminder.fired");
      assertThat(body.get("delivery_id").asText()).isEqualTo(firing.get("id").asText());
      assertThat(body.get("reminder_id").asText()).isEqualTo(reminderId);
      assertThat(body.get("user_id").asText()).isEqualTo(u.id().toString());
      assertThat(body.get("message").asText()).isEqualTo("Take your pill");
      assertThat(body.get("scheduled_for").asText()).isEqualTo("2024-01-15T07:00:00Z");
      assertThat(body.get("scheduled_local").asText()).isEqualTo("2024-01-15T08:00:00+01:00");
      assertThat(body.get("time_zone").asText()).isEqualTo("Europe/Berlin");
    }
  }

  @Test
  void a_receiver_that_answers_404_is_not_asked_again() {
    try (var receiver = new WebhookReceiver(404)) {
      User u = api.newUser("UTC");
      String reminderId = id(calls.create(u, hooked("Stretch", receiver.url())));

      clock.set(DUE);
      await("the failure recorded", () -> {
        var firings = calls.completions(u, reminderId);
        return !firings.isEmpty() && firings.getFirst().get("webhook").get("state").asText().equals("failed");
      });
      clock.advance(Duration.ofHours(1));
      letTheSchedulerPoll();

      assertThat(receiver.received()).hasSize(1);
      assertThat(calls.completions(u, reminderId).getFirst().get("webhook").get("last_error").asText()).isEqualTo("HTTP 404");
    }
  }

  @Test
  void a_receiver_that_keeps_failing_is_given_up_on_after_eight_attempts() {
    try (var receiver = new WebhookReceiver(500, 500, 500, 500, 500, 500, 500, 500, 500)) {
      User u = api.newUser("UTC");
      String reminderId = id(calls.create(u, hooked("Water", receiver.url())));

      clock.set(DUE);
      Instant attemptAt = DUE;
      for (int attempt = 1; attempt < WebhookDelivery.MAX_ATTEMPTS; attempt++) {
        int seen = attempt;
        Instant retryAt = attemptAt.plus(WebhookDelivery.backoff(attempt));
        await("attempt " + seen, () -> receiver.received().size() == seen);
        await("retry " + seen + " scheduled", () -> retries(u).equals(java.util.List.of(retryAt.toString())));
        clock.set(retryAt);
        attemptAt = retryAt;
      }
      assertThat(attemptAt).as("the last attempt, 1 + 3 + ... + 729 seconds after the first").isEqualTo(DUE.plusSeconds(1093));
      await("the last attempt recorded", () -> calls.completions(u, reminderId).getFirst().get("webhook").get("state").asText().equals("failed"));
      clock.advance(Duration.ofHours(1));
      letTheSchedulerPoll();

      assertThat(receiver.received()).hasSize(WebhookDelivery.MAX_ATTEMPTS);
      assertThat(calls.completions(u, reminderId).getFirst().get("webhook").get("attempts").asInt()).isEqualTo(8);
    }
  }

  /** When the user's waiting webhook deliveries are due. */
  private java.util.List<String> retries(User u) {
    return api.db.tx().read(c -> {
      try (var st = c.prepareStatement("""
          SELECT execution_time FROM scheduled_tasks WHERE task_name = 'reminder-webhook' AND task_instance LIKE ? AND NOT picked""")) {
        st.setString(1, u.id() + "/%");
        var out = new java.util.ArrayList<String>();
        try (var rs = st.executeQuery()) {
          while (rs.next()) out.add(rs.getObject(1, java.time.OffsetDateTime.class).toInstant().toString());
        }
        return out;
      }
    });
  }

  private static String hooked(String message, String url) {
    return "{\"message\":\"" + message + "\",\"webhook_url\":\"" + url + "\",\"schedule\":{\"type\":\"daily\",\"time\":\"08:00\"}}";
  }

  /** What a receiver does (README): HMAC-SHA256 keyed with the secret over "<t>.<raw body>", compared with v1. */
  private static boolean signatureIsValid(WebhookReceiver.Received r, String secret) throws Exception {
    String t = null;
    String v1 = null;
    for (String part : r.header("Timeline-Signature").split(",")) {
      if (part.startsWith("t=")) t = part.substring(2);
      if (part.startsWith("v1=")) v1 = part.substring(3);
    }
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    byte[] expected = mac.doFinal((t + "." + r.body()).getBytes(StandardCharsets.UTF_8));
    return java.security.MessageDigest.isEqual(expected, HexFormat.of().parseHex(v1));
  }
}
