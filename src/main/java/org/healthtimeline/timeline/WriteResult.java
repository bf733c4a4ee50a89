package org.healthtimeline.timeline;

import java.util.UUID;

/** What a create did: made a new event, found it already stored (a replay), or corrected it (a newer record_version). */
public record WriteResult(Outcome outcome, UUID id, String json) {

  public enum Outcome {
    CREATED(201), REPLAYED(200), CORRECTED(200);

    public final int status;

    Outcome(int status) {
      this.status = status;
    }
  }
}
