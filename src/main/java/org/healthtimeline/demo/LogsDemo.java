package org.healthtimeline.demo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.healthtimeline.logs.LogService;
import org.healthtimeline.timeline.EventType;
import org.healthtimeline.timeline.NewEvent;
import org.healthtimeline.timeline.TimelineService;
import org.healthtimeline.web.Json;

/**
 * The generated moods, stress and symptoms, and vitals in each person's own units (weight in kg or lb, glucose in
 * mmol/L or mg/dL, stored in kg and mmol/L with the original kept), and a note now and then: each checked as the
 * logs routes check it, then written in batches with dedupe keys, so a second load replays them.
 */
public final class LogsDemo implements DemoPart {
  private static final Map<EventType, LogService.Kind> GENERATED = Map.of(
      EventType.MOOD, LogService.Kind.MOOD, EventType.STRESS, LogService.Kind.STRESS, EventType.SYMPTOM, LogService.Kind.SYMPTOM);
  /** Maya weighs herself in pounds and measures glucose in mg/dL, as her US devices do; Kenji's meter says mg/dL too. */
  private static final Map<String, String[]> UNITS = Map.of(
      "demo-alex", new String[] {"kg", "mmol/L"}, "demo-maya", new String[] {"lb", "mg/dL"}, "demo-kenji", new String[] {"kg", "mg/dL"});
  private static final List<String> NOTES = List.of("Trying to get to bed before 23:00 this week", "New running shoes",
      "Cut down on coffee after lunch", "Felt great after the weekend hike", "Started magnesium before bed");

  private final LogService logs;
  private final TimelineService timeline;

  public LogsDemo(LogService logs, TimelineService timeline) {
    this.logs = logs;
    this.timeline = timeline;
  }

  @Override
  public Loaded load(DemoUser u) {
    var requests = new ArrayList<ObjectNode>();
    for (var type : GENERATED.entrySet()) {
      for (NewEvent e : u.generated(type.getKey())) {
        ObjectNode body = (ObjectNode) Json.read(e.data());
        requests.add(request(type.getValue(), body, e.occurredAt(), e.dedupeKey()));
      }
    }
    requests.addAll(vitalsAndNotes(u));
    return write(u, requests);
  }

  /** Weight every third morning and glucose every seventh, in the person's units; a note every eleventh day. */
  private List<ObjectNode> vitalsAndNotes(DemoUser u) {
    var requests = new ArrayList<ObjectNode>();
    String[] units = UNITS.getOrDefault(u.person().externalId(), new String[] {"kg", "mmol/L"});
    var person = new SplittableRandom(Seeds.mix(u.person().seed(), 0x7e1a1L));
    double kilos = 58 + person.nextInt(30);
    for (LocalDate day : u.dates()) {
      var r = new SplittableRandom(Seeds.mix(u.person().seed() ^ 0x5eedL, day.toEpochDay()));
      Instant morning = day.atTime(LocalTime.of(7, 5).plusMinutes(r.nextInt(40))).atZone(u.zone()).toInstant();
      if (morning.isAfter(u.now())) continue;
      if (day.toEpochDay() % 3 == 0) {
        double kg = kilos + Math.sin(day.toEpochDay() / 20.0) + r.nextGaussian() * 0.3;
        double value = units[0].equals("lb") ? kg / 0.45359237 : kg;
        requests.add(vital(day, "weight", Math.round(value * 10) / 10.0, units[0], morning));
      }
      if (day.toEpochDay() % 7 == 0) {
        double mmol = 4.9 + r.nextGaussian() * 0.35;
        double value = units[1].equals("mg/dL") ? Math.round(mmol * 18.016) : Math.round(mmol * 10) / 10.0;
        requests.add(vital(day, "glucose", value, units[1], morning.plusSeconds(600)));
      }
      if (day.toEpochDay() % 11 == 0) {
        ObjectNode note = Json.MAPPER.createObjectNode().put("text", NOTES.get((int) (day.toEpochDay() / 11 % NOTES.size())));
        note.putArray("tags").add("demo");
        requests.add(request(LogService.Kind.NOTE, note, morning.plusSeconds(3 * 3600), "demo:note:" + day));
      }
    }
    return requests;
  }

  private ObjectNode vital(LocalDate day, String measure, double value, String unit, Instant at) {
    ObjectNode body = Json.MAPPER.createObjectNode().put("measure", measure).put("value", value).put("unit", unit);
    return request(LogService.Kind.VITAL, body, at, "demo:vital:" + measure + ":" + day);
  }

  /** The timeline request of a log, as the logs route checks it, marked as demo data. */
  private ObjectNode request(LogService.Kind kind, ObjectNode body, Instant at, String dedupeKey) {
    body.put("occurred_at", at.toString()).put("dedupe_key", dedupeKey);
    return logs.event(kind, body).put("origin", DemoGenerator.ORIGIN);
  }

  private Loaded write(DemoUser u, List<ObjectNode> requests) {
    int added = 0;
    int kept = 0;
    for (int from = 0; from < requests.size(); from += TimelineService.MAX_BATCH) {
      ObjectNode batch = Json.MAPPER.createObjectNode();
      requests.subList(from, Math.min(requests.size(), from + TimelineService.MAX_BATCH)).forEach(batch.putArray("events")::add);
      for (TimelineService.ItemResult r : timeline.createBatch(u.id(), batch, false)) {
        switch (r.status()) {
          case 201 -> added++;
          case 200 -> { }
          // The stored event with this key was changed through the API since: keep the user's version.
          case 409 -> kept++;
          default -> throw new IllegalStateException("the timeline refused a demo log: " + r.field() + " " + r.problem());
        }
      }
    }
    return new Loaded(requests.size(), added, kept);
  }
}
