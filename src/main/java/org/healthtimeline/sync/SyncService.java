package org.healthtimeline.sync;

import java.util.List;
import org.healthtimeline.db.Tx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives every source row that has no timeline event yet its event: rows that other programs write straight into
 * the domain tables (the customer's bot does). It is the backfill ({@link BackfillEngine}) of every source:
 * set-based and idempotent, so a second run, or two runs at once, add nothing, and rows the mapping finds unfit
 * are counted and named in the result, never silently dropped.
 *
 * <p>Only rows without an event are looked at; a row changed in place after its event was made is for
 * {@code timeline backfill --verify} to find.
 */
public final class SyncService {
  private static final Logger LOG = LoggerFactory.getLogger(SyncService.class);

  private final Tx tx;
  private final List<SourceMapping> mappings;
  /** What the periodic run last reported, so that an unchanged count of unfit rows is logged once. */
  private long lastProblems = -1;

  public SyncService(Tx tx, List<SourceMapping> mappings) {
    this.tx = tx;
    this.mappings = List.copyOf(mappings);
  }

  public List<BackfillEngine.Summary> sync() {
    return sync(BackfillEngine.Progress.NONE);
  }

  /** What each source table's sync did, in the order of the mappings. */
  public List<BackfillEngine.Summary> sync(BackfillEngine.Progress progress) {
    var engine = new BackfillEngine(tx, BackfillEngine.BATCH_SIZE, progress);
    return mappings.stream().map(m -> engine.backfill(m, false)).toList();
  }

  /** The periodic task of {@code serve}: syncs, and logs what it made and which rows cannot become events. */
  public synchronized void syncAndLog() {
    List<BackfillEngine.Summary> results = sync();
    long problems = 0;
    for (BackfillEngine.Summary r : results) {
      if (r.migrated() > 0) LOG.info("sync: {} events made from {} rows of {} users", r.migrated(), r.table(), r.users());
      problems += r.failed();
    }
    if (problems != lastProblems && problems > 0) {
      for (BackfillEngine.Summary r : results) {
        for (BackfillEngine.Failure p : r.examples()) {
          LOG.warn("sync: {} row {} of user {} cannot become an event: {}", r.table(), p.sourceId(), p.userId(), p.reason());
        }
      }
      LOG.warn("sync: {} source rows cannot become events (see `timeline sync`)", problems);
    }
    lastProblems = problems;
  }
}
