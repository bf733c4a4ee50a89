package org.healthtimeline.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
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
      // Warm up on the last 300 of each list, then measure the first n in turns.
      Load.run(1, 0, WARMUP, i -> event.run(n + i));
      Load.run(1, 0, WARMUP, i -> meal.run(n + i));
      Load.Result timelineResult = null;
      Load.Result mealResult = null;
      int per = n / ROUNDS;
      for (int round = 0; round < ROUNDS; round++) {
        int first = round * per;
        timelineResult = merged(timelineResult, Load.run(1, 0, per, i -> event.run(first + i)));
        mealResult = merged(mealResult, Load.run(1, 0, per, i -> meal.run(first + i)));
      }
      run.report().add("create.meal.timeline.c1", "event", timelineResult, null, null);
      run.report().add("create.meal.api.c1", "event", mealResult, "create.meal.timeline.c1", "meal/timeline <= 1.5");
    }

    private static Load.Result merged(Load.Result sum, Load.Result more) {
      if (sum == null) return more;
      var micros = sum.micros().copy();
      micros.add(more.micros());
      return new Load.Result(sum.operations() + more.operations(), sum.seconds() + more.seconds(), micros);
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
