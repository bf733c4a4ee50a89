package org.healthtimeline.demo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.healthtimeline.sleep.SleepService;
import org.healthtimeline.sync.SourceImport;
import org.healthtimeline.timeline.EventType;
import org.healthtimeline.web.Json;

/** The generated nights as sleep entries with their events: bedtime and wake time as instants. */
public final class NightsDemo implements DemoPart {
  private final SleepService sleep;

  public NightsDemo(SleepService sleep) {
    this.sleep = sleep;
  }

  @Override
  public Loaded load(DemoUser u) {
    var rows = u.generated(EventType.SLEEP).stream().map(e -> {
      ObjectNode body = (ObjectNode) Json.read(e.data());
      body.put("bedtime", e.occurredAt().toString());
      body.put("wake_time", e.endedAt().toString());
      return new SourceImport.Row(u.rowId(e.dedupeKey()), body);
    }).toList();
    return new Loaded(rows.size(), sleep.importNights(u.id(), rows, DemoGenerator.ORIGIN), 0);
  }
}
