package org.healthtimeline.stream;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.healthtimeline.reminder.CompletionService;
import org.healthtimeline.timeline.TimelineService;

/**
 * What the stream sends, in one order: the user's event changes (the change feed) and their reminders' firings and
 * completions, which take their change_seq from the same sequence under the same per-user lock (V012__reminders.sql).
 * So one cursor, the last change_seq sent, resumes both without losing or repeating anything.
 */
final class StreamFeed {
  /** One message of the stream: its id (change_seq), its SSE event name and its JSON. */
  record Item(long seq, String name, String json) {}

  record Page(List<Item> items, boolean hasMore) {}

  private final TimelineService timeline;
  private final CompletionService completions;

  StreamFeed(TimelineService timeline, CompletionService completions) {
    this.timeline = timeline;
    this.completions = completions;
  }

  /** Up to {@code limit} items after {@code since}, in change_seq order. Throws NotFound once the user is gone. */
  Page read(UUID user, long since, int limit) {
    TimelineService.ChangePage events = timeline.changes(user, since, limit);
    List<CompletionService.Change> reminders = completions.changes(user, since, limit);
    var all = new ArrayList<Item>(events.items().size() + reminders.size());
    for (var c : events.items()) {
      all.add(new Item(c.seq(), "event." + c.op(), item(c.seq(), c.op(), "event", c.json())));
    }
    for (var c : reminders) {
      all.add(new Item(c.seq(), "reminder." + c.op(), item(c.seq(), c.op(), "firing", c.json())));
    }
    all.sort(Comparator.comparingLong(Item::seq));
    boolean more = events.hasMore() || reminders.size() == limit || all.size() > limit;
    return new Page(List.copyOf(all.subList(0, Math.min(limit, all.size()))), more);
  }

  /** Where a reader who wants only what comes next starts. */
  long now(UUID user) {
    return Math.max(timeline.lastChangeSeq(user), completions.lastChangeSeq(user));
  }

  /** The change feed's item shape: {"seq":"12","op":"created","event":{...}}. */
  private static String item(long seq, String op, String key, String json) {
    return "{\"seq\":\"" + seq + "\",\"op\":\"" + op + "\",\"" + key + "\":" + json + "}";
  }
}
