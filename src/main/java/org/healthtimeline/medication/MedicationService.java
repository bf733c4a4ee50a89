package org.healthtimeline.medication;

import java.util.ArrayList;
import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;
import org.healthtimeline.db.DbException;
import org.healthtimeline.db.Tx;
import org.healthtimeline.errors.Conflict;
import org.healthtimeline.errors.FieldError;
import org.healthtimeline.errors.InvalidInput;
import org.healthtimeline.errors.NotFound;
import org.healthtimeline.sync.SourceEvents;
import org.healthtimeline.timeline.WriteResult.Outcome;
import org.healthtimeline.user.User;
import org.healthtimeline.user.UserService;
import org.healthtimeline.web.Json;
import org.healthtimeline.web.MergePatch;

/**
 * Medications and their doses. Each command is one transaction; a dose's row and its medication event (written
 * with {@link DoseEvents#MAPPING}) commit together.
 */
public final class MedicationService {
  private final Tx tx;
  private final UserService users;
  private final Clock clock;
  private final MedicationRepository medications = new MedicationRepository();
  private final DoseRepository doses = new DoseRepository();
  private final AdherenceQuery adherence = new AdherenceQuery();
  private final MissedDoses missed;

  public MedicationService(Tx tx, UserService users, Clock clock) {
    this.tx = tx;
    this.users = users;
    this.clock = clock;
    this.missed = new MissedDoses(tx, clock);
  }

  /** A recorded dose, and whether it was new, a replay of the stored one, or a change of it. */
  public record Recorded(Outcome outcome, Dose dose) {}

  public Medication define(UUID userId, JsonNode body) {
    MedicationInput m = MedicationInput.create(body);
    Instant now = clock.instant();
    return writing(() -> tx.inTransaction(c -> medications.insert(c, userId, m, now)));
  }

  public List<Medication> list(UUID userId, boolean includeInactive) {
    List<Medication> found = tx.read(c -> medications.list(c, userId, includeInactive));
    if (found.isEmpty()) requireUser(userId);
    return found;
  }

  public Medication get(UUID userId, UUID id) {
    return tx.read(c -> medications.find(c, userId, id, false)).orElseThrow(() -> notFound(userId, id));
  }

  /**
   * A JSON Merge Patch of the medication ({@code "active": false} deactivates it). Doses already due under the
   * old state that were never recorded are written as missed first, so a change only ever affects what is to come.
   */
  public Medication update(UUID userId, UUID id, JsonNode patch) {
    if (!patch.isObject()) throw new InvalidInput("body", "must be a JSON object (a JSON Merge Patch)");
    var unknown = new ArrayList<FieldError>();
    patch.fieldNames().forEachRemaining(name -> {
      if (!MedicationInput.PATCH_FIELDS.contains(name)) unknown.add(new FieldError(name, "is not a known field"));
    });
    if (!unknown.isEmpty()) throw new InvalidInput(unknown);
    Instant now = clock.instant();
    return found(userId, id, () -> tx.inTransaction(c -> {
      Medication stored = medications.find(c, userId, id, true).orElseThrow(() -> medicationNotFound(id));
      MedicationInput changed = MedicationInput.patched(MergePatch.apply(MedicationInput.editable(stored), patch));
      if (same(stored, changed)) return stored;
      missed.settle(c, userId, id, now);
      return medications.update(c, userId, id, changed, now);
    }));
  }

  private static boolean same(Medication m, MedicationInput in) {
    return m.name().equals(in.name()) && Objects.equals(m.unit(), in.unit()) && m.asNeeded() == in.asNeeded()
        && m.active() == in.active() && Objects.equals(m.startDate(), in.startDate()) && Objects.equals(m.endDate(), in.endDate())
        && (m.dose() == null ? in.dose() == null : in.dose() != null && m.dose().compareTo(in.dose()) == 0)
        && Objects.equals(m.schedule(), in.schedule() == null ? null : in.schedule().toJson());
  }

  /**
   * Records a dose: a scheduled one is known by its medication and {@code scheduled_for}, so recording it again
   * with the same content replays it and with other content changes it (its event gets a new version). A dose
   * without a schedule is new each time, unless the request names its {@code id}.
   */
  public Recorded recordDose(UUID userId, UUID medicationId, JsonNode body) {
    DoseInput d = DoseInput.read(body, clock);
    Instant now = clock.instant();
    return found(userId, medicationId, () -> tx.inTransaction(c -> {
      var m = medications.findWithDue(c, userId, medicationId, d.scheduledFor())
          .orElseThrow(() -> medicationNotFound(medicationId));
      return d.scheduledFor() != null ? scheduled(c, userId, m, d, now) : unscheduled(c, userId, m.medication(), d, now);
    }));
  }

  /** Inserted at once in the common case (a dose recorded once, at a time the schedule has); else compared with the stored one. */
  private Recorded scheduled(Connection c, UUID userId, MedicationRepository.WithDue found, DoseInput d, Instant now)
      throws SQLException {
    Medication m = found.medication();
    if (m.asNeeded()) throw new InvalidInput("scheduled_for", "must be left out: this medication is taken as needed and has no schedule");
    if (found.due()) {
      var inserted = doses.insert(c, userId, m.id(), null, d, d.taken() ? orDefault(d, now) : null);
      if (inserted.isPresent()) return written(c, userId, inserted.get(), Outcome.CREATED);
    }
    // Recorded before (perhaps as missed, perhaps under an earlier schedule), or not a time a dose is due at all.
    Dose before = doses.findScheduled(c, userId, m.id(), d.scheduledFor()).orElseThrow(() -> new InvalidInput("scheduled_for",
        "is not a time a dose of this medication is due: its schedule is " + Json.write(m.schedule()) + " in the user's time zone"
            + (m.startDate() == null ? "" : ", from " + m.startDate()) + (m.endDate() == null ? "" : " to " + m.endDate())));
    // A retry without taken_at keeps the time stored, rather than moving it to now.
    Instant takenAt = !d.taken() ? null : d.takenAt() == null && before.takenAt() != null ? before.takenAt() : orDefault(d, now);
    if (sameDose(before, d, takenAt)) return new Recorded(Outcome.REPLAYED, before);
    doses.update(c, userId, before.id(), d, takenAt);
    return written(c, userId, doses.find(c, userId, before.id()).orElseThrow(), Outcome.CORRECTED);
  }

  private Recorded unscheduled(Connection c, UUID userId, Medication m, DoseInput d, Instant now) throws SQLException {
    Instant takenAt = orNow(d.takenAt(), now);
    if (d.id() != null) {
      var stored = doses.find(c, userId, d.id());
      if (stored.isPresent()) {
        Dose before = stored.get();
        boolean replay = before.medicationId().equals(m.id()) && before.scheduledFor() == null
            && sameDose(before, d, d.takenAt() != null ? takenAt : before.takenAt());
        if (replay) return new Recorded(Outcome.REPLAYED, before);
        throw new Conflict("id", "this id already names a different dose");
      }
    }
    Dose inserted = doses.insert(c, userId, m.id(), d.id(), d, takenAt)
        .orElseThrow(() -> new Conflict("id", "a dose with this id was recorded at the same time; send it again"));
    return written(c, userId, inserted, Outcome.CREATED);
  }

  private static Recorded written(Connection c, UUID userId, Dose dose, Outcome outcome) throws SQLException {
    SourceEvents.write(c, DoseEvents.MAPPING, userId, dose.id(), null);
    return new Recorded(outcome, dose);
  }

  private static boolean sameDose(Dose stored, DoseInput d, Instant takenAt) {
    JsonNode sideEffects = d.sideEffects() == null ? null : Json.MAPPER.valueToTree(d.sideEffects());
    return stored.status().equals(d.status()) && Objects.equals(stored.takenAt(), takenAt)
        && Objects.equals(stored.sideEffects(), sideEffects) && Objects.equals(stored.notes(), d.notes());
  }

  /** A medication's doses that happened in [from, to), newest first. */
  public List<Dose> doses(UUID userId, UUID medicationId, Instant from, Instant to, int limit) {
    return found(userId, medicationId, () -> tx.read(c -> {
      medications.find(c, userId, medicationId, false).orElseThrow(() -> medicationNotFound(medicationId));
      return doses.list(c, userId, medicationId, from, to, limit);
    }));
  }

  /** Adherence over the user's last {@code days} local days, today included. */
  public Adherence adherence(UUID userId, int days) {
    User user = users.get(userId);
    Instant now = clock.instant();
    List<Adherence.PerMedication> per = tx.read(c -> adherence.perMedication(c, userId, days, now));
    Adherence.Counts overall = Adherence.Counts.of(0, 0, 0, 0, 0, 0);
    for (var p : per) overall = overall.plus(p.counts());
    LocalDate today = LocalDate.ofInstant(now, user.timeZone());
    return new Adherence(days, today.minusDays(days - 1L), today, user.timeZone().getId(), overall, per);
  }

  /** Writes the missed doses of every medication whose day has passed: the periodic task of {@code serve}. */
  public int settleMissedDoses() {
    return missed.settleAll();
  }

  private static Instant orNow(Instant t, Instant now) {
    return t != null ? t : now;
  }

  /** When a dose was taken if the request does not say: 'taken' means on time, 'late' means just now. */
  private static Instant orDefault(DoseInput d, Instant now) {
    if (d.takenAt() != null) return d.takenAt();
    return d.status().equals("taken") && d.scheduledFor() != null && d.scheduledFor().isBefore(now) ? d.scheduledFor() : now;
  }

  private void requireUser(UUID userId) {
    if (!users.exists(userId)) throw new NotFound("userId", "user " + userId + " does not exist");
  }

  private NotFound notFound(UUID userId, UUID medicationId) {
    requireUser(userId);
    return medicationNotFound(medicationId);
  }

  private static NotFound medicationNotFound(UUID medicationId) {
    return new NotFound("medicationId", "medication " + medicationId + " does not exist");
  }

  /** Runs work that needs the medication; when it is not found, says whether the user is missing instead. */
  private <T> T found(UUID userId, UUID medicationId, Supplier<T> work) {
    try {
      return work.get();
    } catch (NotFound e) {
      if ("medicationId".equals(e.field())) requireUser(userId);
      throw e;
    }
  }

  private static <T> T writing(Supplier<T> work) {
    try {
      return work.get();
    } catch (DbException e) {
      if ("23503".equals(e.sqlState())) throw new NotFound("userId", "the user does not exist");
      throw e;
    }
  }
}
