package org.healthtimeline.demo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.healthtimeline.exercise.ExerciseService;
import org.healthtimeline.sync.SourceImport;
import org.healthtimeline.timeline.EventType;
import org.healthtimeline.web.Json;

/** The generated workouts as exercise entries with their events. */
public final class WorkoutsDemo implements DemoPart {
  private final ExerciseService exercise;

  public WorkoutsDemo(ExerciseService exercise) {
    this.exercise = exercise;
  }

  @Override
  public Loaded load(DemoUser u) {
    var rows = u.generated(EventType.EXERCISE).stream().map(e -> {
      ObjectNode body = (ObjectNode) Json.read(e.data());
      body.put("occurred_at", e.occurredAt().toString());
      body.put("ended_at", e.endedAt().toString());
      return new SourceImport.Row(u.rowId(e.dedupeKey()), body);
    }).toList();
    return new Loaded(rows.size(), exercise.importWorkouts(u.id(), rows, DemoGenerator.ORIGIN), 0);
  }
}
