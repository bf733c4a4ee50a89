package org.healthtimeline.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.IntFunction;
import org.healthtimeline.timeline.EventType;
import org.healthtimeline.timeline.NewEvent;
import org.healthtimeline.web.Json;

/**
 * What a domain layer costs: logging a meal through {@code POST /meals} (checks, totals, the food entry and its
 * event in one transaction, the event written by the food_entries mapping's SQL) beside creating the same meal
 * as a bare timeline event through {@code POST /events}, one client each, in the same run.
 */
final class DomainCases {
  private DomainCases() {}

  /** The two are measured in turns, so that a machine busier in one stretch of the run weighs on both alike. */
  private static final int ROUNDS = 5;
  private static final int WARMUP = 300;

  /**
   * Operations {@code 0..n-1} of the bare create and of the domain's write, one client, in alternating rounds after a
   * warm-up on operations {@code n..n+WARMUP-1}; reported as {@code create.<domain>.timeline.c1} and
   * {@code create.<domain>.api.c1} with their ratio.
   */
  static void inTurns(BenchCase.Run run, String domain, int n, Load.Op bare, Load.Op write) throws Exception {
    Load.run(1, 0, WARMUP, i -> bare.run(n + i));
    Load.run(1, 0, WARMUP, i -> write.run(n + i));
    Load.Result bareResult = null;
    Load.Result writeResult = null;
    int per = n / ROUNDS;
    for (int round = 0; round < ROUNDS; round++) {
      int first = round * per;
      bareResult = merged(bareResult, Load.run(1, 0, per, i -> bare.run(first + i)));
      writeResult = merged(writeResult, Load.run(1, 0, per, i -> write.run(first + i)));
    }
    String baseline = "create." + domain + ".timeline.c1";
    run.report().add(baseline, "event", bareResult, null, null);
    run.report().add("create." + domain + ".api.c1", "event", writeResult, baseline, domain + "/timeline <= 1.5");
  }

  private static Load.Result merged(Load.Result sum, Load.Result more) {
    if (sum == null) return more;
    var micros = sum.micros().copy();
    micros.add(more.micros());
    return new Load.Result(sum.operations() + more.operations(), sum.seconds() + more.seconds(), micros);
  }

  private static void created(Http.Answer r, String what) {
    if (r.status() != 201) throw new IllegalStateException(what + " answered " + r.status() + " " + r.text());
  }

  /**
   * Sleep, a workout, a tracker entry, a symptom and a mood through their domain routes, each beside the bare
   * create of the event the domain writes for it (same type, same data), in the same run.
   */
  static final class Writes implements BenchCase {
    private static final int USERS = 200;

    @Override
    public String name() {
      return "domain.write";
    }

    @Override
    public void run(Run run) throws Exception {
      int n = run.settings().creates();
      List<UUID> users = run.loaded().users().subList(0, Math.min(USERS, run.loaded().users().size()));
      // A category of its own for each user, new each run, so that a run on reused data (--reuse) still creates.
      String category = "Bench water " + Long.toString(System.nanoTime(), 36);
      var categories = new java.util.ArrayList<String>();
      for (UUID user : users) {
        Http.Answer r = run.http().post(url(run, user, "/tracking-categories"),
            "{\"name\":\"" + category + "\",\"fields\":[{\"name\":\"glasses\",\"type\":\"integer\",\"min\":0,\"max\":40}]}");
        created(r, "defining a tracking category");
        categories.add(Json.read(r.text()).get("id").asText());
      }
      run.log().println("domain writes: sleep, exercise, tracker, symptom, mood; " + n + " each through the domain's route and "
          + n + " bare creates of the same events, 1 client, " + users.size() + " users, in " + ROUNDS + " alternating rounds");
      // Distinct times going back from the loaded data's end, a few minutes apart.
      IntFunction<Instant> at = i -> run.loaded().end().minusSeconds(600L * (i + 1));
      IntFunction<UUID> owner = i -> users.get(i % users.size());

      inTurns(run, "sleep", n,
          i -> created(run.http().post(url(run, owner.apply(i), "/events"), """
              {"type":"sleep","occurred_at":"%s","ended_at":"%s","data":{"bedtime":"23:00","wake_time":"06:30",
               "total_sleep_hours":7.5,"sleep_latency_minutes":15,"sleep_quality_rating":7,"night_wakings":1}}"""
              .formatted(at.apply(i), at.apply(i).plusSeconds(27_000))), "sleep event"),
          i -> created(run.http().post(url(run, owner.apply(i), "/sleep"), """
              {"bedtime":"%s","wake_time":"%s","sleep_latency_minutes":15,"sleep_quality_rating":7,"night_wakings":1}"""
              .formatted(at.apply(i), at.apply(i).plusSeconds(27_000))), "sleep"));
      inTurns(run, "exercise", n,
          i -> created(run.http().post(url(run, owner.apply(i), "/events"), """
              {"type":"exercise","occurred_at":"%s","ended_at":"%s","data":{"activity_type":"running","duration_minutes":45,
               "intensity":"moderate"}}""".formatted(at.apply(i), at.apply(i).plusSeconds(2_700))), "exercise event"),
          i -> created(run.http().post(url(run, owner.apply(i), "/exercise"), """
              {"occurred_at":"%s","duration_minutes":45,"activity_type":"running","intensity":"moderate"}"""
              .formatted(at.apply(i))), "exercise"));
      inTurns(run, "tracker", n,
          i -> created(run.http().post(url(run, owner.apply(i), "/events"), """
              {"type":"tracker","occurred_at":"%s","data":{"category_id":"%s","category_name":"%s","data":{"glasses":%d}}}"""
              .formatted(at.apply(i), categories.get(i % users.size()), category, i % 10)), "tracker event"),
          i -> created(run.http().post(url(run, owner.apply(i), "/tracking-categories/" + categories.get(i % users.size()) + "/entries"),
              "{\"occurred_at\":\"" + at.apply(i) + "\",\"data\":{\"glasses\":" + i % 10 + "}}"), "tracker entry"));
      inTurns(run, "symptom", n,
          i -> created(run.http().post(url(run, owner.apply(i), "/events"), """
              {"type":"symptom","occurred_at":"%s","data":{"symptom_type":"headache","severity":%d,"triggers":["poor sleep"]}}"""
              .formatted(at.apply(i), i % 11)), "symptom event"),
          i -> created(run.http().post(url(run, owner.apply(i), "/symptoms"), """
              {"occurred_at":"%s","symptom_type":"headache","severity":%d,"triggers":["poor sleep"]}"""
              .formatted(at.apply(i), i % 11)), "symptom"));
      inTurns(run, "mood", n,
          i -> created(run.http().post(url(run, owner.apply(i), "/events"), """
              {"type":"mood","occurred_at":"%s","data":{"mood_rating":%d,"emotions":["calm"]}}"""
              .formatted(at.apply(i), 1 + i % 10)), "mood event"),
          i -> created(run.http().post(url(run, owner.apply(i), "/moods"), """
              {"occurred_at":"%s","mood_rating":%d,"emotions":["calm"]}""".formatted(at.apply(i), 1 + i % 10)), "mood"));
    }

    private static String url(Run run, UUID user, String path) {
      return run.base() + "/v1/users/" + user + path;
    }
  }

  static final class MealCreate implements BenchCase {
    @Override
    public String name() {
      return "meal.create";
    }

    @Override
    public void run(Run run) throws Exception {
      int n = run.settings().creates();
      var fresh = new FreshEvents(run.loaded(), 11);
      List<NewEvent> asEvents = meals(fresh, n + WARMUP);
      List<NewEvent> asMeals = meals(fresh, n + WARMUP);
      run.log().println("meal creates: " + n + " through POST /events and " + n + " through POST /meals, 1 client, in "
          + ROUNDS + " alternating rounds");
      Load.Op event = i -> {
        NewEvent e = asEvents.get(i);
        Http.Answer r = run.http().post(run.base() + "/v1/users/" + fresh.owner(e) + "/events", RequestJson.event(withoutKey(e)));
        if (r.status() != 201) throw new IllegalStateException("event create answered " + r.status() + " " + r.text());
      };
      Load.Op meal = i -> {
        NewEvent e = asMeals.get(i);
        Http.Answer r = run.http().post(run.base() + "/v1/users/" + fresh.owner(e) + "/meals", mealRequest(e));
        if (r.status() != 201) throw new IllegalStateException("meal create answered " + r.status() + " " + r.text());
      };
      inTurns(run, "meal", n, event, meal);
    }

    private static List<NewEvent> meals(FreshEvents fresh, int n) {
      var out = new java.util.ArrayList<NewEvent>(n);
      while (out.size() < n) {
        for (NewEvent e : fresh.take(64)) if (e.type() == EventType.MEAL && out.size() < n) out.add(e);
      }
      return out;
    }

    /**
     * Without its dedupe key, as a meal logged through /meals has none: the days after the loaded ones may hold the
     * keyed events of other cases of this run already.
     */
    private static NewEvent withoutKey(NewEvent e) {
      return new NewEvent(null, e.type(), e.subtype(), e.occurredAt(), e.endedAt(), e.utcOffsetMin(), e.data(), null, null,
          null, e.origin(), null, null, null, null);
    }

    /** The meal as a food app logs it: the event's data with its time. */
    static String mealRequest(NewEvent e) {
      ObjectNode body = (ObjectNode) Json.read(e.data());
      body.put("occurred_at", e.occurredAt().toString());
      return Json.write(body);
    }
  }
}
