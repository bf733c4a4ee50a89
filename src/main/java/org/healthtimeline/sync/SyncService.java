package org.healthtimeline.sync;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.healthtimeline.db.Tx;

/**
 * Gives every source row that has no timeline event yet its event: rows that other programs write straight into
 * the domain tables (the customer's bot does). Set-based and idempotent: each mapping's SQL inserts what is
 * missing with {@code INSERT ... SELECT ... ON CONFLICT DO NOTHING}, so a second run, or two runs at once, add
 * nothing. Rows the mapping finds unfit are counted and named in the report, never silently dropped.
 *
 * <p>One transaction per user and table: the timeline's trigger takes an advisory lock per user until commit, so
 * a transaction over thousands of users would fill PostgreSQL's lock table and hold up their writers meanwhile.
 */
public final class SyncService {
  /** How many unfit rows a report names; it counts all of them. */
  public static final int NAMED_PROBLEMS = 20;

  private final Tx tx;
  private final List<SourceMapping> mappings;

  public SyncService(Tx tx, List<SourceMapping> mappings) {
    this.tx = tx;
    this.mappings = List.copyOf(mappings);
  }

  /** What one sync did to one source table. */
  public record TableResult(String table, int usersSynced, long eventsCreated, SourceEvents.Problems problems) {}

  public List<TableResult> sync() {
    return sync(table -> { }, user -> { });
  }

  /**
   * {@code usersFound} is told, per table, how many users have rows to sync; {@code userDone} is called after each
   * of them (a progress bar).
   */
  public List<TableResult> sync(Consumer<Integer> usersFound, Consumer<UUID> userDone) {
    var results = new ArrayList<TableResult>();
    for (SourceMapping m : mappings) {
      List<UUID> users = tx.read(c -> SourceEvents.usersWithMissing(c, m, "true"));
      usersFound.accept(users.size());
      long created = 0;
      for (UUID user : users) {
        created += tx.inTransaction(c -> SourceEvents.insertMissing(c, m, null, "s.user_id = ?", user));
        userDone.accept(user);
      }
      SourceEvents.Problems problems = tx.read(c -> SourceEvents.problems(c, m, NAMED_PROBLEMS));
      results.add(new TableResult(m.table(), users.size(), created, problems));
    }
    return results;
  }
}
