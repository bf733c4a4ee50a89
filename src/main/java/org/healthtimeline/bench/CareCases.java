package org.healthtimeline.bench;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import org.healthtimeline.web.Json;

/**
 * Recording a scheduled dose and completing a PHQ-4 through the API, each beside the bare timeline create of a
 * medication event of the same users, measured in the same run: the ratio is what the domain layer costs (the
 * dose's medication lookup, schedule check, its row, and the event written by the mapping's SQL).
 */
final class CareCases implements BenchCase {
  private static final int USERS = 200;
  private static final int WARMUP = 300;
  private static final LocalTime[] TIMES = {LocalTime.of(8, 0), LocalTime.of(20, 0)};

  @Override
  public String name() {
    return "care.write";
  }

  @Override
  public void run(Run run) throws Exception {
    int ops = run.settings().creates() + WARMUP;
    var random = new SplittableRandom(11);
    List<UUID> users = new ArrayList<>();
    for (int i = 0; i < Math.min(USERS, run.loaded().users().size()); i++) {
      users.add(run.loaded().users().get(random.nextInt(run.loaded().users().size())));
    }
    // Enough days of 08:00 and 20:00 doses for every call to record a dose of its own (times no DST change touches).
    int days = ops / (users.size() * TIMES.length) + 2;
    LocalDate start = LocalDate.ofInstant(run.loaded().end(), java.time.ZoneOffset.UTC).minusDays(days + 1L);
    run.log().println("care: a medication for each of " + users.size() + " users (" + days + " days of doses)");
    // New medications each run, so that a run on reused data (--reuse) records doses nobody recorded yet.
    String nonce = Long.toString(System.nanoTime(), 36);
    var medications = new ArrayList<String>();
    for (UUID user : users) {
      Http.Answer r = run.http().post(run.base() + "/v1/users/" + user + "/medications", """
          {"name":"Bench %s","dose":500,"unit":"mg","schedule":{"times":["08:00","20:00"]},"start_date":"%s"}"""
          .formatted(nonce, start));
      if (r.status() != 201) throw new IllegalStateException("defining a medication answered " + r.status() + " " + r.text());
      medications.add(Json.read(r.text()).get("id").asText());
    }

    run.log().println("care: " + run.settings().creates() + " timeline creates, doses and PHQ-4s over HTTP, 1 client");
    Load.Result bare = Load.run(1, WARMUP, run.settings().creates(), i -> {
      int u = i % users.size();
      Instant due = due(run, users.get(u), start, i / users.size());
      expect(201, run.http().post(run.base() + "/v1/users/" + users.get(u) + "/events", """
          {"type":"medication","subtype":"scheduled","occurred_at":"%s","data":{"medication_id":"%s","name":"Bench",
           "status":"taken","dose":500,"unit":"mg","scheduled_for":"%s","side_effects":["mild nausea"]}}"""
          .formatted(due, medications.get(u), due)), "timeline create");
    });
    Load.Result dose = Load.run(1, WARMUP, run.settings().creates(), i -> {
      int u = i % users.size();
      Instant due = due(run, users.get(u), start, i / users.size());
      expect(201, run.http().post(run.base() + "/v1/users/" + users.get(u) + "/medications/" + medications.get(u) + "/doses",
          "{\"status\":\"taken\",\"scheduled_for\":\"" + due + "\",\"side_effects\":[\"mild nausea\"]}"), "dose");
    });
    Load.Result phq4 = Load.run(1, WARMUP, run.settings().creates(), i -> {
      UUID user = users.get(i % users.size());
      expect(201, run.http().post(run.base() + "/v1/users/" + user + "/assessments/phq4/responses",
          "{\"answers\":[" + i % 4 + ",1," + (i / 4) % 4 + ",0]}"), "PHQ-4");
    });
    run.report().add("care.timeline.create.api", "event", bare, null, null);
    run.report().add("care.dose.api", "dose", dose, "care.timeline.create.api", "<= 1.5x the bare create");
    run.report().add("care.phq4.api", "response", phq4, "care.timeline.create.api", "<= 1.5x the bare create");
  }

  /** The n-th dose time of a user's medication: days from {@code start}, at 08:00 and 20:00 in the user's zone. */
  private static Instant due(Run run, UUID user, LocalDate start, int n) {
    ZoneId zone = run.loaded().zones().get(user);
    return ZonedDateTime.of(start.plusDays(n / TIMES.length), TIMES[n % TIMES.length], zone).toInstant();
  }

  private static void expect(int status, Http.Answer r, String what) {
    if (r.status() != status) throw new IllegalStateException(what + " answered " + r.status() + " " + r.text());
  }
}
