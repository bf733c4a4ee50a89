package org.healthtimeline.timeline;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * The insert of the import path: a batch is sent with binary COPY into a temporary table of the connection, and
 * one {@code INSERT … SELECT … ON CONFLICT DO NOTHING} moves it into health_events, doing the work of the row
 * trigger once for the statement (R__timeline_bulk_insert.sql): the user's advisory lock once, ids from the events'
 * keys (computed in Java by {@link NewEvent#forUser}, as the trigger would), version 1, change_seq from the
 * sequence. The foreign key, the rollup and stream triggers run as for any insert. Measured with
 * {@code timeline bench --only io.import}; the README's "Import speed" has the figures.
 */
final class StagedInsert {
  // text for the type, not event_type: a table of a pooled connection must not depend on the timeline's objects,
  // or undoing the timeline (U2) could not drop them.
  private static final String STAGE = """
      CREATE TEMP TABLE IF NOT EXISTS timeline_staged_events (id uuid, type text, subtype text, occurred_at timestamptz,
          ended_at timestamptz, off int2, data json, session_id text, importance float4, summary text, origin text,
          source_table text, source_id text, record_version int8, dedupe_key text) ON COMMIT DELETE ROWS""";
  private static final String COPY = "COPY timeline_staged_events FROM STDIN (FORMAT binary)";
  private static final String INSERT = """
      INSERT INTO health_events AS e (user_id, id, type, subtype, occurred_at, ended_at, utc_offset_min, data,
          session_id, importance, summary, origin, source_table, source_id, record_version, dedupe_key, version, change_seq)
      SELECT ?, s.id, s.type::event_type, s.subtype, s.occurred_at, s.ended_at, s.off, s.data, s.session_id,
          s.importance, s.summary, s.origin, s.source_table, s.source_id, s.record_version, s.dedupe_key, 1,
          nextval('health_event_change_seq')
      FROM timeline_staged_events s
      ON CONFLICT DO NOTHING
      RETURNING e.id""";
  /** PostgreSQL's binary COPY: the signature, flags, header extension length. */
  private static final byte[] HEADER = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0, 0, 0, 0, 0, 0, 0, 0, 0};
  private static final short COLUMNS = 15;
  /** Microseconds from the Unix epoch to PostgreSQL's, 2000-01-01T00:00:00Z. */
  private static final long PG_EPOCH_MICROS = 946_684_800_000_000L;

  private StagedInsert() {}

  /**
   * Inserts the events whose id is not stored yet, inside the caller's transaction. Returns the ids of those it
   * inserted, each with an empty string, as {@link EventRepository#insertNew} does without JSON. Each event must be
   * bound to its user ({@link NewEvent#forUser}) and carry its UTC offset.
   */
  static Map<UUID, String> insertNew(Connection c, UUID userId, List<NewEvent> events) throws SQLException {
    byte[] rows = encode(events);
    try (var st = c.createStatement()) {
      st.execute(STAGE);
      // A strict import writes all its batches in one transaction: the previous batch is still staged.
      st.execute("TRUNCATE timeline_staged_events");
    }
    CopyIn copy = c.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY);
    try {
      copy.writeToCopy(rows, 0, rows.length);
      copy.endCopy();
    } finally {
      if (copy.isActive()) copy.cancelCopy();
    }
    // The user's turn among their writers (V002's trigger takes it before its first row), and the promise that this
    // statement does the trigger's work itself.
    try (var st = c.prepareStatement("SELECT pg_advisory_xact_lock(1214, hashtext(?::text)), set_config('timeline.bulk_insert', 'on', true)")) {
      st.setObject(1, userId);
      st.execute();
    }
    var inserted = new HashMap<UUID, String>(events.size() * 2);
    try (var st = c.prepareStatement(INSERT)) {
      st.setObject(1, userId);
      try (var rs = st.executeQuery()) {
        while (rs.next()) inserted.put(rs.getObject(1, UUID.class), "");
      }
    }
    // Only this statement: whatever else the transaction inserts goes through the trigger.
    try (var st = c.createStatement()) {
      st.execute("SELECT set_config('timeline.bulk_insert', 'off', true)");
    }
    return inserted;
  }

  private static byte[] encode(List<NewEvent> events) {
    var bytes = new ByteArrayOutputStream(events.size() * 512 + 64);
    var out = new DataOutputStream(bytes);
    try {
      out.write(HEADER);
      for (NewEvent e : events) {
        if (e.id() == null || e.utcOffsetMin() == null) {
          throw new IllegalArgumentException("a staged event needs its id and UTC offset (NewEvent.forUser, the user's zone)");
        }
        out.writeShort(COLUMNS);
        out.writeInt(16);
        out.writeLong(e.id().getMostSignificantBits());
        out.writeLong(e.id().getLeastSignificantBits());
        text(out, e.type().wire());
        text(out, e.subtype());
        time(out, e.occurredAt());
        time(out, e.endedAt());
        out.writeInt(2);
        out.writeShort(e.utcOffsetMin());
        text(out, e.data());
        text(out, e.sessionId());
        if (e.importance() == null) out.writeInt(-1);
        else {
          out.writeInt(4);
          out.writeFloat(e.importance());
        }
        text(out, e.summary());
        text(out, e.origin());
        text(out, e.sourceTable());
        text(out, e.sourceId());
        if (e.recordVersion() == null) out.writeInt(-1);
        else {
          out.writeInt(8);
          out.writeLong(e.recordVersion());
        }
        text(out, e.dedupeKey());
      }
      out.writeShort(-1);
    } catch (IOException cannotHappen) {
      throw new UncheckedIOException(cannotHappen);
    }
    return bytes.toByteArray();
  }

  private static void text(DataOutputStream out, String s) throws IOException {
    if (s == null) {
      out.writeInt(-1);
      return;
    }
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    out.writeInt(b.length);
    out.write(b);
  }

  /** timestamptz on the wire: microseconds since 2000-01-01 UTC (NewEvent's times are whole microseconds). */
  private static void time(DataOutputStream out, Instant t) throws IOException {
    if (t == null) {
      out.writeInt(-1);
      return;
    }
    out.writeInt(8);
    out.writeLong(Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1000) - PG_EPOCH_MICROS);
  }
}
