package org.healthtimeline.sync;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.healthtimeline.db.Tx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives every source row that has no timeline event yet its event: rows that other programs write straight into
 * the domain tables (the customer's bot does). Set-based and idempotent: each mapping's SQL inserts what is
 * missing with {@code INSERT ... SELECT ... ON CONFLICT DO NOTHING}, so a second run, or two runs at once, add
 * nothing. Rows the mapping finds unfit are counted and named in the result, never silently dropped.
 *
 * <p>One transaction per user and table: the timeline's trigger takes an advisory lock per user until commit, so
 * one transaction over thousands of users would fill PostgreSQL's lock table and hold up their writers meanwhile.
 * Only rows without an event are looked at; a row changed in place after its event was made is for
 * {@code timeline backfill --verify} to find.
 */
public final class SyncService {
  /** How many unfit rows a result names per table; it counts all of them. */
  static final int NAMED_PROBLEMS = 20;
  private static final Logger LOG = LoggerFactory.getLogger(SyncService.class);

  private final Tx tx;
  private final List<SourceMapping> mappings;
  /** What the periodic run last reported, so that an unchanged count of unfit rows is logged once. */
  private long lastProblems = -1;

  public SyncService(Tx tx, List<SourceMapping> mappings) {
    this.tx = tx;
    this.mappings = List.copyOf(mappings);
  }

  /** What one sync did to one source table. */
  public record TableResult(String table, int users, long eventsCreated, SourceEvents.Problems problems) {}

  /** Told how far a sync is: a table's count of users with rows to sync, then each user done. */
  public interface Progress {
    void table(String table, int users);

    void userDone();
  }

  public List<TableResult> sync() {
    return sync(new Progress() {
      @Override
      public void table(String table, int users) {}

      @Override
      public void userDone() {}
    });
  }

  public List<TableResult> sync(Progress progress) {
    var results = new ArrayList<TableResult>();
    for (SourceMapping m : mappings) {
      List<UUID> users = tx.read(c -> SourceEvents.usersWithMissing(c, m));
      progress.table(m.table(), users.size());
      long created = 0;
      for (UUID user : users) {
        created += tx.inTransaction(c -> SourceEvents.insertMissing(c, m, null, "s.user_id = ?", user));
        progress.userDone();
      }
      SourceEvents.Problems problems = tx.read(c -> SourceEvents.problems(c, m, NAMED_PROBLEMS));
      results.add(new TableResult(m.table(), users.size(), created, problems));
    }
    return results;
  }

  /** The periodic task of {@code serve}: syncs, and logs what it made and which rows cannot become events. */
  public synchronized void syncAndLog() {
    List<TableResult> results = sync();
    long problems = 0;
    for (TableResult r : results) {
      if (r.eventsCreated() > 0) LOG.info("sync: {} events made from {} rows of {} users", r.eventsCreated(), r.table(), r.users());
      problems += r.problems().total();
    }
    if (problems != lastProblems && problems > 0) {
      for (TableResult r : results) {
        for (SourceEvents.Problem p : r.problems().first()) {
          LOG.warn("sync: {} row {} of user {} cannot become an event: {}", p.table(), p.sourceId(), p.userId(), p.problem());
        }
      }
      LOG.warn("sync: {} source rows cannot become events (see `timeline sync`)", problems);
    }
    lastProblems = problems;
  }
}
