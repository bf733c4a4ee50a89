package org.healthtimeline.retention;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.healthtimeline.db.Tx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Seed 003's retention rules, each one set-based statement in a transaction of its own:
 * <ul>
 *   <li>conversation history: the last {@value #MESSAGES_KEPT} messages of each person are kept;</li>
 *   <li>food_entry_audit: corrections older than a year are removed;</li>
 *   <li>meal photos: 30 days after the meal, the photo is marked archived ({@code photo_archived_at}).</li>
 * </ul>
 * The timeline's own history ({@code health_event_versions}) is kept: seed 003 keeps health records "indefinite
 * (until user deletion)", and an event's versions are part of that record, served by the API as the event's
 * history, not an audit log of the service; removing them would leave versions that can no longer be explained.
 */
public final class RetentionService {
  static final int MESSAGES_KEPT = 1000;
  /** How often serve applies the rules (seed 003 prunes weekly; daily keeps each run small). */
  public static final Duration EVERY = Duration.ofDays(1);
  private static final Logger LOG = LoggerFactory.getLogger(RetentionService.class);

  static final List<RetentionRule> RULES = List.of(
      new RetentionRule("conversation_history", "messages beyond the last " + MESSAGES_KEPT + " of a person removed",
          "conversation_history", """
          SELECT user_id, id FROM (
            SELECT user_id, id, row_number() OVER (PARTITION BY user_id ORDER BY occurred_at DESC, id DESC) AS newer
            FROM conversation_history
            WHERE user_id IN (SELECT user_id FROM conversation_history GROUP BY user_id HAVING count(*) > %d)
          ) ranked WHERE newer > %d""".formatted(MESSAGES_KEPT, MESSAGES_KEPT), RetentionRule.Action.DELETE),
      new RetentionRule("food_entry_audit", "corrections older than a year removed", "food_entry_audit",
          "SELECT user_id, id FROM food_entry_audit WHERE corrected_at < ?::timestamptz - interval '1 year'",
          RetentionRule.Action.DELETE),
      new RetentionRule("food_entries.photo_path", "meal photos older than 30 days marked archived", "food_entries", """
          SELECT user_id, id FROM food_entries
          WHERE photo_path IS NOT NULL AND photo_archived_at IS NULL AND occurred_at < ?::timestamptz - interval '30 days'""",
          RetentionRule.Action.ARCHIVE_PHOTO));

  /** What one rule did (or, in a dry run, would do). */
  public record Step(String name, String description, long rows) {}

  private final Tx tx;

  public RetentionService(Tx tx) {
    this.tx = tx;
  }

  /** Applies every rule as of {@code now}; with {@code dryRun}, only counts. */
  public List<Step> run(Instant now, boolean dryRun) {
    var steps = new ArrayList<Step>();
    Timestamp at = Timestamp.from(now);
    for (RetentionRule rule : RULES) {
      long rows = dryRun
          ? tx.read(c -> {
              try (var st = c.prepareStatement(rule.count())) {
                if (rule.countsFromNow()) st.setTimestamp(1, at);
                try (var rs = st.executeQuery()) {
                  rs.next();
                  return rs.getLong(1);
                }
              }
            })
          : tx.inTransaction(c -> {
              try (var st = c.prepareStatement(rule.apply())) {
                int p = 1;
                if (rule.action() == RetentionRule.Action.ARCHIVE_PHOTO) st.setTimestamp(p++, at);
                if (rule.countsFromNow()) st.setTimestamp(p, at);
                return (long) st.executeUpdate();
              }
            });
      steps.add(new Step(rule.name(), rule.description(), rows));
    }
    return steps;
  }

  /** The periodic run in serve: applies every rule now and logs what it did in one line. */
  public void runAndLog() {
    List<Step> steps = run(Instant.now(), false);
    LOG.info("retention: {}", String.join("; ", steps.stream().map(s -> s.rows() + " " + s.description()).toList()));
  }
}
