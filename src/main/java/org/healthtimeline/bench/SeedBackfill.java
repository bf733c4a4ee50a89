package org.healthtimeline.bench;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.healthtimeline.sync.SourceMapping;

/**
 * Seed 000's own backfill ({@code migrate_food_entries}), as the baseline of the set-based one: pages of 1,000
 * rows by {@code ORDER BY timestamp LIMIT 1000 OFFSET n}, then for each row a {@code SELECT COUNT(*)} for its
 * event and an {@code INSERT}, each its own commit (autocommit). Its duplicate check is translated to this schema
 * as the look-up the seed's index made cheap: the event's primary key, which derives from its lineage.
 *
 * <p>Its cost grows with the square of the table (each OFFSET page sorts and skips everything before it), so over
 * a large table it runs on a sample: {@link #sample} times the per-row work on the first rows, {@link #pageCost}
 * the page query at a given offset, and {@link #extrapolate} adds them up over the whole table.
 */
final class SeedBackfill {
  static final int PAGE = 1000;

  private final DataSource dataSource;
  private final SourceMapping mapping;

  SeedBackfill(DataSource dataSource, SourceMapping mapping) {
    this.dataSource = dataSource;
    this.mapping = mapping;
  }

  /** Runs the seed's loop over the first {@code rows} rows; returns nanoseconds of per-row work (pages excluded). */
  long sample(int rows) throws SQLException {
    long rowNanos = 0;
    int done = 0;
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(true);
      try (var st = c.createStatement(); var rs = st.executeQuery("SELECT COUNT(*) FROM " + mapping.table())) {
        rs.next();
      }
      for (int offset = 0; done < rows; offset += PAGE) {
        List<Object[]> page = page(c, offset);
        if (page.isEmpty()) break;
        long t0 = System.nanoTime();
        for (Object[] row : page) {
          if (done++ >= rows) break;
          if (!exists(c, row)) insert(c, row);
        }
        rowNanos += System.nanoTime() - t0;
      }
    }
    return rowNanos;
  }

  /** Nanoseconds of one page query at {@code offset}. */
  long pageCost(long offset) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      long t0 = System.nanoTime();
      page(c, offset);
      return System.nanoTime() - t0;
    }
  }

  /**
   * Seconds the seed's loop would take over {@code rows} rows: the per-row cost of the sample times the rows, plus
   * one page query per 1,000 rows, each timed at offsets across the table and interpolated in between.
   */
  static double extrapolate(long rows, double secondsPerRow, long[] offsets, double[] pageSeconds) {
    double total = rows * secondsPerRow;
    for (long offset = 0; offset < rows; offset += PAGE) {
      int i = 1;
      while (i < offsets.length - 1 && offsets[i] < offset) i++;
      double f = (double) (offset - offsets[i - 1]) / Math.max(1, offsets[i] - offsets[i - 1]);
      total += pageSeconds[i - 1] + f * (pageSeconds[i] - pageSeconds[i - 1]);
    }
    return total;
  }

  private List<Object[]> page(Connection c, long offset) throws SQLException {
    var rows = new ArrayList<Object[]>(PAGE);
    try (var st = c.prepareStatement(mapping.select() + " ORDER BY s.occurred_at LIMIT " + PAGE + " OFFSET ?")) {
      st.setLong(1, offset);
      try (var rs = st.executeQuery()) {
        while (rs.next()) {
          var row = new Object[8];
          for (int i = 0; i < 8; i++) row[i] = rs.getObject(i + 1);
          rows.add(row);
        }
      }
    }
    return rows;
  }

  private boolean exists(Connection c, Object[] row) throws SQLException {
    try (var st = c.prepareStatement("SELECT COUNT(*) FROM health_events WHERE user_id = ? AND id = event_key_id(?, 'source', ? || E'\\n' || ?)")) {
      st.setObject(1, row[0]);
      st.setObject(2, row[0]);
      st.setString(3, mapping.table());
      st.setString(4, (String) row[1]);
      try (var rs = st.executeQuery()) {
        rs.next();
        return rs.getLong(1) > 0;
      }
    }
  }

  private void insert(Connection c, Object[] row) throws SQLException {
    if (row[7] != null) return;
    try (var st = c.prepareStatement("INSERT INTO health_events (user_id, source_id, type, subtype, occurred_at, ended_at, data, source_table)"
        + " VALUES (?, ?, ?::event_type, ?, ?, ?, ?::json, ?)")) {
      for (int i = 0; i < 7; i++) st.setObject(i + 1, i == 2 || i == 6 ? String.valueOf(row[i]) : row[i]);
      st.setString(8, mapping.table());
      st.executeUpdate();
    }
  }
}
