package org.healthtimeline.bench;

import java.util.List;
import org.healthtimeline.timeline.NewEvent;
import org.healthtimeline.web.Json;

/** Create-request bodies as a client sends them: the measure of an event's "raw JSON bytes". */
final class RequestJson {
  private RequestJson() {}

  static String event(NewEvent e) {
    var sb = new StringBuilder(e.data().length() + 160);
    sb.append("{\"type\":\"").append(e.type().wire()).append("\",\"occurred_at\":\"").append(e.occurredAt()).append('"');
    if (e.endedAt() != null) sb.append(",\"ended_at\":\"").append(e.endedAt()).append('"');
    if (e.subtype() != null) sb.append(",\"subtype\":").append(Json.write(e.subtype()));
    sb.append(",\"data\":").append(e.data());
    if (e.dedupeKey() != null) sb.append(",\"dedupe_key\":").append(Json.write(e.dedupeKey()));
    if (e.origin() != null) sb.append(",\"origin\":").append(Json.write(e.origin()));
    return sb.append('}').toString();
  }

  static String batch(List<NewEvent> events) {
    var sb = new StringBuilder(events.size() * 600).append("{\"events\":[");
    for (int i = 0; i < events.size(); i++) {
      if (i > 0) sb.append(',');
      sb.append(event(events.get(i)));
    }
    return sb.append("]}").toString();
  }
}
