package org.healthtimeline.sync;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.healthtimeline.db.DbException;
import org.healthtimeline.db.TransientErrors;
import org.healthtimeline.db.Tx;
import org.healthtimeline.web.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives every row of a source table that has no event yet its event, set-based: each batch of up to
 * {@code batchSize} source rows (a range of the table's key, walked in key order) is one
 * {@code INSERT ... SELECT ... ON CONFLICT DO NOTHING} in a transaction of its own. So the work done survives an
 * interruption at any moment, and a run after it, or after a complete one, finds the rows that still need an event
 * and makes nothing twice (an event's id derives from its source row). {@code timeline backfill} and
 * {@code timeline sync} (with its periodic task in {@code serve}) both run on it.
 *
 * <p>A row whose mapping gives a {@code problem} is reported and skipped. A batch that an insert refuses (a
 * constraint or data error) is done again row by row, each behind a savepoint, so that only the bad rows are left
 * out, with the database's reason. Transient errors are retried ({@link TransientErrors}); constraint
 * violations are not.
 */
public final class BackfillEngine {
  /** Rows per batch and commit unless told otherwise. */
  public static final int BATCH_SIZE = 10_000;
  /** People per batch at most: each holds an advisory lock of the timeline's trigger until the batch commits. */
  static final int PEOPLE_PER_BATCH = 500;
  /** Failures listed by row in a summary; past this only their reasons are counted. */
  static final int EXAMPLES = 20;
  private static final Logger LOG = LoggerFactory.getLogger(BackfillEngine.class);

  /** Where the rows are while a source is worked on, for a progress bar. */
  public interface Progress {
    Progress NONE = new Progress() {};

    default void start(String table, long rows) {}

    default void advance(long rows) {}

    default void end() {}
  }

  /** A source row that has no event after the run (or, for --verify, not the right one), and why. */
  public record Failure(UUID userId, String sourceId, String reason) {}

  /**
   * One source's run: rows seen, events made (or that would be) and for how many people, rows that had one, rows
   * that cannot have one with their reasons counted and the first {@value #EXAMPLES} named.
   */
  public record Summary(String table, long rows, long migrated, long users, long present, long failed,
      Map<String, Long> reasons, List<Failure> examples, int retries, double seconds) {}

  private final Tx tx;
  private final int batchSize;
  private final int maxPeople;
  private final Progress progress;
  private final TransientErrors retry;

  public BackfillEngine(Tx tx, int batchSize, Progress progress) {
    this(tx, batchSize, PEOPLE_PER_BATCH, progress, TransientErrors.withPauses());
  }

  BackfillEngine(Tx tx, int batchSize, int maxPeople, Progress progress, TransientErrors retry) {
    if (batchSize < 1 || maxPeople < 1) throw new IllegalArgumentException("a batch needs at least one row of one person");
    this.tx = tx;
    this.batchSize = batchSize;
    this.maxPeople = maxPeople;
    this.progress = progress;
    this.retry = retry;
  }

  /** Backfills one source; with {@code dryRun}, counts what it would do and writes nothing. */
  public Summary backfill(SourceMapping mapping, boolean dryRun) {
    var sql = new BackfillSql(mapping);
    var tally = new Tally(mapping.table());
    long start = System.nanoTime();
    walk(sql, tally, after -> {
      try {
        return tx.inTransaction(c -> batch(c, sql, after, dryRun));
      } catch (DbException e) {
        if (!isRowError(e)) throw e;
        LOG.debug("a batch of {} was refused ({}); doing it row by row", mapping.table(), e.getMessage());
        return tx.inTransaction(c -> rowByRow(c, sql, after));
      }
    });
    return tally.summary((System.nanoTime() - start) / 1e9);
  }

  /** What --verify found for one source: rows checked, and each row or event that does not match, with why. */
  public record Verification(String table, long rows, long mismatches, Map<String, Long> kinds, List<Failure> examples) {}

  /** {@link #verify(List)} of one source. */
  public Verification verify(SourceMapping mapping) {
    return verify(List.of(mapping)).getFirst();
  }

  /**
   * Checks that every row of each source has exactly one live event whose type, subtype, times and data are what
   * the mapping makes of the row now, and that every event with the lineage of one of the sources still has its
   * row; says of each row or event that does not, why. The events are looked at in one pass for all the sources
   * (the timeline has no index by lineage: each pass reads it whole).
   */
  public List<Verification> verify(List<SourceMapping> mappings) {
    if (mappings.isEmpty()) return List.of();
    var tallies = new LinkedHashMap<String, Tally>();
    for (SourceMapping m : mappings) {
      var sql = new BackfillSql(m);
      var tally = new Tally(m.table());
      walk(sql, tally, after -> tx.inTransaction(c -> verifyBatch(c, sql, after)));
      tallies.put(m.table(), tally);
    }
    String what = "events of " + String.join(", ", tallies.keySet());
    for (Orphan o : retried(what, () -> {}, () -> tx.read(c -> orphans(c, mappings)))) {
      Tally tally = tallies.get(o.table());
      // Counted once per source: every row of a source's orphans carries the count of all of them.
      if (tally.reasons.putIfAbsent(o.event().reason(), o.ofTable()) == null) tally.failed += o.ofTable();
      tally.examples.add(o.event());
    }
    return tallies.values().stream()
        .map(t -> new Verification(t.table, t.rows, t.failed, t.reasons, t.examples)).toList();
  }

  /** One batch's work after the range {@code after} (null: from the start); null when no rows are left. */
  @FunctionalInterface
  private interface BatchWork {
    Batch run(Range after) throws SQLException;
  }

  /** Walks the source's key in batches, each retried on a transient error, and adds each to the tally. */
  private void walk(BackfillSql sql, Tally tally, BatchWork work) {
    progress.start(tally.table, retried(tally, () -> tx.read(c -> single(c, sql.count()))));
    try {
      Range range = null;
      while (true) {
        Range after = range;
        Batch b = retried(tally, () -> work.run(after));
        if (b == null) return;
        tally.add(b);
        progress.advance(b.range().rows());
        range = b.range();
      }
    } finally {
      progress.end();
    }
  }

  /** Runs {@code work} again after a transient error; any other stops the source's run. */
  private <T> T retried(Tally tally, TransientErrors.Work<T> work) {
    return retried(tally.table, () -> tally.retries++, work);
  }

  private <T> T retried(String what, Runnable counted, TransientErrors.Work<T> work) {
    try {
      return retry.run((failure, attempt, pause) -> {
        counted.run();
        LOG.warn("{}: {} (SQLSTATE {}); retry {} of {} in {} ms", what, firstLine(failure.getMessage()),
            failure.sqlState(), attempt, TransientErrors.RETRIES, pause);
      }, work);
    } catch (DbException e) {
      throw new BackfillFailed(what, e);
    }
  }

  private Batch verifyBatch(Connection c, BackfillSql sql, Range after) throws SQLException {
    Range range = nextRange(c, sql, after);
    if (range == null) return null;
    var mismatches = new ArrayList<Failure>();
    try (var st = c.prepareStatement(sql.verify(after == null))) {
      bindRange(st, after, range);
      try (var rs = st.executeQuery()) {
        while (rs.next()) mismatches.add(new Failure(rs.getObject(1, UUID.class), rs.getString(2), mismatch(rs)));
      }
    }
    try (var st = c.prepareStatement(sql.mappedCount(after == null))) {
      bindRange(st, after, range);
      try (var rs = st.executeQuery()) {
        rs.next();
        long lost = range.rows() - rs.getLong(1);
        for (long i = 0; i < lost; i++) mismatches.add(new Failure(null, "?", "the mapping returns no row for it"));
      }
    }
    return new Batch(range, Written.NONE, mismatches);
  }

  /** Why a row and its event disagree, from the verify statement's columns. */
  private static String mismatch(ResultSet rs) throws SQLException {
    if (rs.getBoolean(4)) return rs.getString(3) == null ? "no event" : "no event: " + rs.getString(3);
    if (rs.getBoolean(5)) return "its event is deleted";
    var fields = new ArrayList<String>();
    String[] names = {"type", "subtype", "occurred_at", "ended_at", "data"};
    for (int i = 0; i < names.length; i++) if (rs.getBoolean(6 + i)) fields.add(names[i]);
    return fields.isEmpty() ? "its event has another lineage" : "its event differs in " + String.join(", ", fields);
  }

  /** An event whose source row is gone, and how many its source has in all. */
  private record Orphan(String table, Failure event, long ofTable) {}

  /** Events with a source's lineage whose source row is gone: the first {@value #EXAMPLES} of each source. */
  private static List<Orphan> orphans(Connection c, List<SourceMapping> mappings) throws SQLException {
    var out = new ArrayList<Orphan>();
    try (var st = c.prepareStatement(BackfillSql.orphans(mappings))) {
      st.setInt(1, EXAMPLES);
      try (var rs = st.executeQuery()) {
        while (rs.next()) {
          var event = new Failure(rs.getObject(2, UUID.class), rs.getString(3), "its source row no longer exists");
          out.add(new Orphan(rs.getString(1), event, rs.getLong(4)));
        }
      }
    }
    return out;
  }

  /** The last key of a batch, how many source rows it holds and how many of them have no event yet. */
  record Range(Object user, Object id, long rows, long missing) {}

  /**
   * The events a batch made, for how many people, and the first and last of them in key order (null when it made
   * none), so that a person whose rows two batches share is counted once.
   */
  record Written(long events, long users, String firstUser, String lastUser) {
    static final Written NONE = new Written(0, 0, null, null);
  }

  /** What one batch did: the events made, and the rows that cannot have one. */
  record Batch(Range range, Written written, List<Failure> failures) {}

  private Batch batch(Connection c, BackfillSql sql, Range after, boolean dryRun) throws SQLException {
    Range range = nextRange(c, sql, after);
    if (range == null) return null;
    if (range.missing() == 0) return new Batch(range, Written.NONE, List.of());
    try (var st = c.prepareStatement(dryRun ? sql.dryRun(after == null) : sql.write(after == null))) {
      bindRange(st, after, range);
      try (var rs = st.executeQuery()) {
        rs.next();
        var written = new Written(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4));
        return new Batch(range, written, failures(rs.getString(5)));
      }
    }
  }

  /** A batch that a bad row broke, again: each row behind a savepoint, so that only the bad ones are left out. */
  private Batch rowByRow(Connection c, BackfillSql sql, Range after) throws SQLException {
    Range range = nextRange(c, sql, after);
    if (range == null) return null;
    var keys = new ArrayList<Object[]>();
    try (var st = c.prepareStatement(sql.missingKeys(after == null))) {
      bindRange(st, after, range);
      try (var rs = st.executeQuery()) {
        while (rs.next()) keys.add(new Object[] {rs.getObject(1, UUID.class), rs.getObject(2)});
      }
    }
    var written = new ArrayList<String>();
    var failures = new ArrayList<Failure>();
    for (Object[] key : keys) {
      Savepoint sp = c.setSavepoint();
      try (var st = c.prepareStatement(sql.writeOne())) {
        st.setObject(1, key[0]);
        st.setObject(2, key[1]);
        try (var rs = st.executeQuery()) {
          rs.next();
          if (rs.getLong(1) > 0) written.add(key[0].toString());
          failures.addAll(failures(rs.getString(5)));
        }
        c.releaseSavepoint(sp);
      } catch (SQLException e) {
        if (!isRowError(e.getSQLState())) throw e;
        c.rollback(sp);
        failures.add(new Failure((UUID) key[0], key[1].toString(), firstLine(e.getMessage())));
      }
    }
    long users = written.stream().distinct().count();
    return new Batch(range, written.isEmpty() ? Written.NONE
        : new Written(written.size(), users, written.getFirst(), written.getLast()), failures);
  }

  /**
   * Where the batch that begins this transaction ends. Its statements then work on one bounded key range, where
   * probing the indexes row by row is always the right plan; but without fresh statistics (a table just loaded)
   * the planner guesses a third of the table for a key range and would sort or hash the whole timeline for each
   * batch. So the transaction plans without sequential scans, hash and merge joins; and without parallel workers,
   * whose start costs more than a bounded batch gains from them (measured: 80-150 ms for the look-up of a batch of
   * 10,000 keys alone, 210-450 ms with two workers on two busy cores).
   */
  private Range nextRange(Connection c, BackfillSql sql, Range after) throws SQLException {
    try (var st = c.createStatement()) {
      st.execute("SET LOCAL enable_seqscan = off; SET LOCAL enable_hashjoin = off; SET LOCAL enable_mergejoin = off;"
          + " SET LOCAL max_parallel_workers_per_gather = 0");
    }
    try (var st = c.prepareStatement(sql.nextRange(after == null))) {
      int p = 1;
      if (after != null) {
        st.setObject(p++, after.user());
        st.setObject(p++, after.id());
      }
      st.setInt(p++, batchSize);
      st.setInt(p, maxPeople);
      try (var rs = st.executeQuery()) {
        return rs.next() ? new Range(rs.getObject(1), rs.getObject(2), rs.getLong(3), rs.getLong(4)) : null;
      }
    }
  }

  static void bindRange(PreparedStatement st, Range after, Range last) throws SQLException {
    int p = 1;
    if (after != null) {
      st.setObject(p++, after.user());
      st.setObject(p++, after.id());
    }
    st.setObject(p++, last.user());
    st.setObject(p, last.id());
  }

  /** The rows that cannot become events, from {@code [[user_id, source_id, problem], ...]}. */
  private static List<Failure> failures(String json) {
    if (json == null) return List.of();
    var out = new ArrayList<Failure>();
    for (JsonNode row : Json.read(json)) {
      out.add(new Failure(UUID.fromString(row.get(0).asText()), row.get(1).asText(), row.get(2).asText()));
    }
    return out;
  }

  /** A refusal of the data itself (class 22 data exception, class 23 integrity constraint): never retried. */
  static boolean isRowError(DbException e) {
    return isRowError(e.sqlState());
  }

  private static boolean isRowError(String state) {
    return state != null && (state.startsWith("22") || state.startsWith("23"));
  }

  private static long single(Connection c, String sql) throws SQLException {
    try (var st = c.createStatement(); var rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  static String firstLine(String message) {
    if (message == null) return "";
    int nl = message.indexOf('\n');
    return (nl < 0 ? message : message.substring(0, nl)).strip();
  }

  /** The counts of a source's run so far. */
  private static final class Tally {
    final String table;
    long rows;
    long migrated;
    long users;
    String lastUser;
    long present;
    long failed;
    int retries;
    final Map<String, Long> reasons = new LinkedHashMap<>();
    final List<Failure> examples = new ArrayList<>();

    Tally(String table) {
      this.table = table;
    }

    void add(Batch b) {
      Written w = b.written();
      rows += b.range().rows();
      migrated += w.events();
      if (w.users() > 0) {
        users += w.users() - (w.firstUser().equals(lastUser) ? 1 : 0);
        lastUser = w.lastUser();
      }
      failed += b.failures().size();
      present += b.range().rows() - w.events() - b.failures().size();
      for (Failure f : b.failures()) {
        reasons.merge(f.reason(), 1L, Long::sum);
        if (examples.size() < EXAMPLES) examples.add(f);
      }
    }

    Summary summary(double seconds) {
      return new Summary(table, rows, migrated, users, present, failed, reasons, examples, retries, seconds);
    }
  }
}
