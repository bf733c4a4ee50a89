package org.healthtimeline.medication;

import static org.healthtimeline.medication.MedicationRepository.utc;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.healthtimeline.db.Tx;
import org.healthtimeline.sync.SourceEvents;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a 'missed' dose, and its event, for every scheduled dose that came due without being recorded: for all
 * medications once the dose's local day has passed (a periodic task of {@code serve}), and for one medication up
 * to now before it changes. Each medication's doses_settled_until says how far this has gone; the unique key
 * (user, medication, scheduled time) makes it idempotent and leaves every recorded dose alone.
 *
 * <p>Why write them rather than only count them: the timeline then shows the missed dose (the summaries'
 * per-day adherence, computed from medication events, agrees with {@link AdherenceQuery}), and what was due under
 * an old schedule stays as it was when the schedule changes.
 */
final class MissedDoses {
  private static final Logger LOG = LoggerFactory.getLogger(MissedDoses.class);
  static final int BATCH = 500;

  private final Tx tx;
  private final Clock clock;

  MissedDoses(Tx tx, Clock clock) {
    this.tx = tx;
    this.clock = clock;
  }

  /** Every medication's doses up to the start of its user's today; batches of medications, one transaction each. */
  int settleAll() {
    Instant now = clock.instant();
    int written = 0;
    Key after = new Key(new UUID(0, 0), new UUID(0, 0));
    while (true) {
      Key from = after;
      List<Key> batch = tx.read(c -> scheduledMedications(c, from));
      if (batch.isEmpty()) break;
      written += tx.inTransaction(c -> settle(c, batch, null, now));
      if (batch.size() < BATCH) break;
      after = batch.getLast();
    }
    if (written > 0) LOG.info("wrote {} missed doses", written);
    return written;
  }

  /** One medication's doses due before {@code until}, in the caller's transaction. */
  int settle(Connection c, UUID userId, UUID medicationId, Instant until) throws SQLException {
    return settle(c, List.of(new Key(userId, medicationId)), until, until);
  }

  private record Key(UUID userId, UUID medicationId) {}

  private static List<Key> scheduledMedications(Connection c, Key after) throws SQLException {
    try (var st = c.prepareStatement("""
        SELECT user_id, id FROM user_medications
        WHERE active AND NOT as_needed AND (user_id, id) > (?, ?)
        ORDER BY user_id, id LIMIT ?""")) {
      st.setObject(1, after.userId());
      st.setObject(2, after.medicationId());
      st.setInt(3, BATCH);
      var out = new ArrayList<Key>();
      try (var rs = st.executeQuery()) {
        while (rs.next()) out.add(new Key(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class)));
      }
      return out;
    }
  }

  /**
   * Settles the medications up to {@code until}, or, when it is null, each up to the start of its user's local
   * day at {@code now}. Returns how many missed doses it wrote.
   */
  private static int settle(Connection c, List<Key> medications, Instant until, Instant now) throws SQLException {
    var users = new ArrayList<UUID>();
    var ids = new ArrayList<UUID>();
    try (var st = c.prepareStatement("""
        WITH meds AS (
          SELECT m.user_id, m.id, m.schedule, m.start_date, m.end_date, m.doses_settled_until AS since, u.time_zone AS zone,
                 coalesce(?::timestamptz, date_trunc('day', ?::timestamptz AT TIME ZONE u.time_zone) AT TIME ZONE u.time_zone) AS until
          FROM user_medications m JOIN users u ON u.id = m.user_id
          WHERE (m.user_id, m.id) IN (SELECT * FROM unnest(?::uuid[], ?::uuid[])) AND m.active AND NOT m.as_needed),
        settled AS (
          UPDATE user_medications m SET doses_settled_until = meds.until FROM meds
          WHERE m.user_id = meds.user_id AND m.id = meds.id AND m.doses_settled_until < meds.until)
        INSERT INTO medication_adherence (user_id, medication_id, scheduled_for, status)
        SELECT meds.user_id, meds.id, t.due, 'missed' FROM meds
        CROSS JOIN LATERAL medication_dose_times(meds.schedule, meds.start_date, meds.end_date, meds.zone, meds.since, meds.until) AS t(due)
        WHERE meds.since < meds.until
        ON CONFLICT DO NOTHING
        RETURNING user_id, id""")) {
      st.setObject(1, utc(until));
      st.setObject(2, utc(now));
      st.setArray(3, c.createArrayOf("uuid", medications.stream().map(Key::userId).toArray()));
      st.setArray(4, c.createArrayOf("uuid", medications.stream().map(Key::medicationId).toArray()));
      try (var rs = st.executeQuery()) {
        while (rs.next()) {
          users.add(rs.getObject(1, UUID.class));
          ids.add(rs.getObject(2, UUID.class));
        }
      }
    }
    // A dose of a medication that another program wrote with a name too long for an event keeps its row without
    // an event; timeline sync reports such rows.
    SourceEvents.insertMissing(c, DoseEvents.MAPPING, null, "(s.user_id, s.id) IN (SELECT * FROM unnest(?::uuid[], ?::uuid[]))",
        c.createArrayOf("uuid", users.toArray()), c.createArrayOf("uuid", ids.toArray()));
    return ids.size();
  }
}
