package org.healthtimeline.demo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.SplittableRandom;
import org.healthtimeline.errors.Conflict;
import org.healthtimeline.sync.SourceImport;
import org.healthtimeline.timeline.EventType;
import org.healthtimeline.tracking.Category;
import org.healthtimeline.tracking.TrackingService;
import org.healthtimeline.web.Json;

/** Two custom trackers: the generated morning blood pressure, and glasses of water each evening. */
public final class TrackersDemo implements DemoPart {
  static final String BLOOD_PRESSURE = """
      {"name":"Blood Pressure","fields":[
        {"name":"systolic","type":"integer","required":true,"min":60,"max":260,"unit":"mmHg"},
        {"name":"diastolic","type":"integer","required":true,"min":30,"max":160,"unit":"mmHg"},
        {"name":"heart_rate","type":"integer","min":30,"max":220,"unit":"bpm"}]}""";
  static final String WATER = """
      {"name":"Water","fields":[{"name":"glasses","type":"integer","required":true,"min":0,"max":30}],
       "schedule":{"type":"daily","time":"20:30"}}""";

  private final TrackingService tracking;

  public TrackersDemo(TrackingService tracking) {
    this.tracking = tracking;
  }

  @Override
  public Loaded load(DemoUser u) {
    Category bp = category(u, BLOOD_PRESSURE);
    var pressures = u.generated(EventType.TRACKER).stream().map(e -> {
      ObjectNode body = Json.MAPPER.createObjectNode().put("occurred_at", e.occurredAt().toString());
      body.set("data", Json.read(e.data()).get("data"));
      return new SourceImport.Row(u.rowId(e.dedupeKey()), body);
    }).toList();
    int added = tracking.importEntries(u.id(), bp.id(), pressures, DemoGenerator.ORIGIN);

    Category water = category(u, WATER);
    var glasses = new ArrayList<SourceImport.Row>();
    for (LocalDate day : u.dates()) {
      var r = new SplittableRandom(Seeds.mix(u.person().seed() ^ 0x3a7e5L, day.toEpochDay()));
      var at = day.atTime(LocalTime.of(20, 30).plusMinutes(r.nextInt(60))).atZone(u.zone()).toInstant();
      if (at.isAfter(u.now())) continue;
      ObjectNode body = Json.MAPPER.createObjectNode().put("occurred_at", at.toString());
      body.putObject("data").put("glasses", 4 + r.nextInt(7));
      glasses.add(new SourceImport.Row(u.rowId("demo:water:" + day), body));
    }
    added += tracking.importEntries(u.id(), water.id(), glasses, DemoGenerator.ORIGIN);
    return new Loaded(pressures.size() + glasses.size(), added, 0);
  }

  /** The user's category of that name, made from {@code definition} the first time. */
  private Category category(DemoUser u, String definition) {
    var body = Json.read(definition);
    String name = body.get("name").asText();
    return tracking.categories(u.id(), null).stream().filter(c -> c.name().equals(name)).findFirst().orElseGet(() -> {
      try {
        return tracking.createCategory(u.id(), body);
      } catch (Conflict anotherLoaderWasFirst) {
        return tracking.categories(u.id(), null).stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
      }
    });
  }
}
