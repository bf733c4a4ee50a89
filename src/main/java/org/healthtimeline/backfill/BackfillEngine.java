package org.healthtimeline.backfill;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.healthtimeline.sync.SourceMapping;
import org.healthtimeline.web.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives every row of a source table that has no event yet its event, set-based: each batch of up to
 * {@code batchSize} source rows (a range of the table's key, walked in key order) is one
 * {@code INSERT ... SELECT ... ON CONFLICT DO NOTHING} in a transaction of its own. So the work done survives an
 * interruption at any moment, and a run after it, or after a complete one, finds the rows that still need an event
 * and makes nothing twice (an event's id derives from its source row).
 *
 * <p>A row whose mapping gives a {@code problem} is reported and skipped. A batch that an insert refuses (a
 * constraint or data error) is done again row by row, each behind a savepoint, so that only the bad rows are left
 * out, with the database's reason. Transient errors are retried ({@link TransientErrors}); constraint
 * violations are not.
 */
public final class BackfillEngine {
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

  /** A source row that has no event after the run, and why. */
  public record Failure(String sourceId, String reason) {}

  /** One source's run: rows seen, events made (or that would be), rows that had one, rows that cannot have one. */
  public record Summary(String table, long rows, long migrated, long present, long failed, Map<String, Long> reasons,
      List<Failure> examples, int retries, double seconds) {}

  private final DataSource dataSource;
  private final int batchSize;
  private final int maxPeople;
  private final Progress progress;
  private final TransientErrors retry = new TransientErrors();

  public BackfillEngine(DataSource dataSource, int batchSize, Progress progress) {
    this(dataSource, batchSize, PEOPLE_PER_BATCH, progress);
  }

  BackfillEngine(DataSource dataSource, int batchSize, int maxPeople, Progress progress) {
    if (batchSize < 1 || maxPeople < 1) throw new IllegalArgumentException("a batch needs at least one row of one person");
    this.dataSource = dataSource;
    this.batchSize = batchSize;
    this.maxPeople = maxPeople;
    this.progress = progress;
  }

  /** Backfills one source; with {@code dryRun}, counts what it would do and writes nothing. */
  public Summary backfill(SourceMapping mapping, boolean dryRun) {
    var sql = new BackfillSql(mapping);
    var tally = new Tally(mapping.table());
    long start = System.nanoTime();
    walk(sql, tally, after -> {
      try {
        return inTransaction(c -> batch(c, sql, after, dryRun));
      } catch (SQLException e) {
        if (!isRowError(e)) throw e;
        LOG.debug("a batch of {} was refused ({}); doing it row by row", mapping.table(), e.getMessage());
        return inTransaction(c -> rowByRow(c, sql, after));
      }
    });
    return tally.summary((System.nanoTime() - start) / 1e9);
  }

  /** What --verify found for one source: rows checked, and each row that has not exactly one matching event. */
  public record Verification(String table, long rows, long mismatches, Map<String, Long> kinds, List<Failure> examples) {}

  /**
   * Checks that every row of the source has exactly one live event whose type, subtype, times and data are what
   * the mapping makes of the row now, and says of each row that has not, why.
   */
  public Verification verify(SourceMapping mapping) {
    var sql = new BackfillSql(mapping);
    var tally = new Tally(mapping.table());
    walk(sql, tally, after -> inTransaction(c -> verifyBatch(c, sql, after)));
    return new Verification(tally.table, tally.rows, tally.failed, tally.reasons, tally.examples);
  }

  /** One batch's work after the range {@code after} (null: from the start); null when no rows are left. */
  @FunctionalInterface
  private interface BatchWork {
    Batch run(Range after) throws SQLException;
  }

  /** Walks the source's key in batches, each retried on a transient error, and adds each to the tally. */
  private void walk(BackfillSql sql, Tally tally, BatchWork work) {
    progress.start(tally.table, retry.run(tally.table, () -> tally.retries++, () -> inTransaction(c -> single(c, sql.count()))));
    try {
      Range range = null;
      while (true) {
        Range after = range;
        Batch b = retry.run(tally.table, () -> tally.retries++, () -> work.run(after));
        if (b == null) return;
        tally.add(b);
        progress.advance(b.range().rows());
        range = b.range();
      }
    } finally {
      progress.end();
    }
  }

  private Batch verifyBatch(Connection c, BackfillSql sql, Range after) throws SQLException {
    Range range = nextRange(c, sql, after);
    if (range == null) return null;
    var mismatches = new ArrayList<Failure>();
    try (var st = c.prepareStatement(sql.verify(after == null))) {
      bindRange(st, after, range);
      try (var rs = st.executeQuery()) {
        while (rs.next()) mismatches.add(new Failure(rs.getString(1), mismatch(rs)));
      }
    }
    try (var st = c.prepareStatement(sql.mappedCount(after == null))) {
      bindRange(st, after, range);
      try (var rs = st.executeQuery()) {
        rs.next();
        long lost = range.rows() - rs.getLong(1);
        for (long i = 0; i < lost; i++) mismatches.add(new Failure("?", "the mapping returns no row for it"));
      }
    }
    return new Batch(range, range.rows(), 0, mismatches);
  }

  /** Why a row and its event disagree, from the verify statement's columns. */
  private static String mismatch(java.sql.ResultSet rs) throws SQLException {
    if (rs.getBoolean(3)) return rs.getString(2) == null ? "no event" : "no event: " + rs.getString(2);
    if (rs.getBoolean(4)) return "its event is deleted";
    var fields = new ArrayList<String>();
    String[] names = {"type", "subtype", "occurred_at", "ended_at", "data"};
    for (int i = 0; i < names.length; i++) if (rs.getBoolean(5 + i)) fields.add(names[i]);
    return fields.isEmpty() ? "its event has another lineage" : "its event differs in " + String.join(", ", fields);
  }

  /** The last key of a batch and how many source rows it holds. */
  record Range(Object user, Object id, long rows) {}

  /** What one batch did: rows without an event, events made, problems as {@code [[source_id, why], ...]}. */
  record Batch(Range range, long missing, long written, List<Failure> failures) {}

  private Batch batch(Connection c, BackfillSql sql, Range after, boolean dryRun) throws SQLException {
    Range range = nextRange(c, sql, after);
    if (range == null) return null;
    try (var st = c.prepareStatement(dryRun ? sql.dryRun(after == null) : sql.write(after == null))) {
      bindRange(st, after, range);
      try (var rs = st.executeQuery()) {
        rs.next();
        long missing = rs.getLong(1);
        long written = rs.getLong(2);
        return new Batch(range, missing, written, failures(rs.getString(3)));
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
        while (rs.next()) keys.add(new Object[] {rs.getObject(1), rs.getObject(2)});
      }
    }
    long written = 0;
    var failures = new ArrayList<Failure>();
    for (Object[] key : keys) {
      Savepoint sp = c.setSavepoint();
      try (var st = c.prepareStatement(sql.writeOne())) {
        st.setObject(1, key[0]);
        st.setObject(2, key[1]);
        try (var rs = st.executeQuery()) {
          rs.next();
          written += rs.getLong(2);
          failures.addAll(failures(rs.getString(3)));
        }
        c.releaseSavepoint(sp);
      } catch (SQLException e) {
        if (!isRowError(e)) throw e;
        c.rollback(sp);
        failures.add(new Failure(key[1].toString(), firstLine(e.getMessage())));
      }
    }
    return new Batch(range, keys.size(), written, failures);
  }

  /**
   * Where the batch that begins this transaction ends. Its statements then work on one bounded key range, where
   * probing the indexes row by row is always the right plan; but without fresh statistics (a table just loaded)
   * the planner guesses a third of the table for a key range and would sort or hash the whole timeline for each
   * batch. So the transaction plans without sequential scans, hash and merge joins.
   */
  private Range nextRange(Connection c, BackfillSql sql, Range after) throws SQLException {
    try (var st = c.createStatement()) {
      st.execute("SET LOCAL enable_seqscan = off; SET LOCAL enable_hashjoin = off; SET LOCAL enable_mergejoin = off");
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
        return rs.next() ? new Range(rs.getObject(1), rs.getObject(2), rs.getLong(3)) : null;
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

  private static List<Failure> failures(String json) {
    if (json == null) return List.of();
    var out = new ArrayList<Failure>();
    for (JsonNode pair : Json.read(json)) out.add(new Failure(pair.get(0).asText(), pair.get(1).asText()));
    return out;
  }

  /** A refusal of the data itself (class 22 data exception, class 23 integrity constraint): never retried. */
  static boolean isRowError(SQLException e) {
    String state = e.getSQLState();
    return state != null && (state.startsWith("22") || state.startsWith("23"));
  }

  @FunctionalInterface
  interface InTransaction<T> {
    T run(Connection c) throws SQLException;
  }

  private <T> T inTransaction(InTransaction<T> work) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        T result = work.run(c);
        c.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        try {
          c.rollback();
        } catch (SQLException lost) {
          e.addSuppressed(lost);
        }
        throw e;
      }
    }
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
    long present;
    long failed;
    int retries;
    final Map<String, Long> reasons = new LinkedHashMap<>();
    final List<Failure> examples = new ArrayList<>();

    Tally(String table) {
      this.table = table;
    }

    void add(Batch b) {
      rows += b.range().rows();
      migrated += b.written();
      failed += b.failures().size();
      present += b.range().rows() - b.written() - b.failures().size();
      for (Failure f : b.failures()) {
        reasons.merge(f.reason(), 1L, Long::sum);
        if (examples.size() < EXAMPLES) examples.add(f);
      }
    }

    Summary summary(double seconds) {
      return new Summary(table, rows, migrated, present, failed, reasons, examples, retries, seconds);
    }
  }
}
