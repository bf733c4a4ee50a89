package org.healthtimeline.medication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import org.healthtimeline.db.Database;
import org.healthtimeline.errors.InvalidInput;
import org.healthtimeline.testing.MutableClock;
import org.healthtimeline.testing.TestDatabases;
import org.healthtimeline.testing.TestSql;
import org.healthtimeline.timeline.WriteResult.Outcome;
import org.healthtimeline.user.UserService;
import org.healthtimeline.web.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Schedules, doses, missed doses and adherence in the user's own days, at times a test chooses. A database per
 * test: missed doses are written for every user at once.
 */
class MedicationServiceTest {
  static Database db;
  static UserService users;

  @BeforeEach
  void up() {
    db = TestDatabases.fresh();
    users = new UserService(db.tx());
  }

  @AfterEach
  void down() {
    db.close();
  }

  private static UUID user(String zone) {
    return users.create(Json.read("{\"time_zone\":\"" + zone + "\"}")).id();
  }

  private static MedicationService at(MutableClock clock) {
    return new MedicationService(db.tx(), users, clock);
  }

  private static UUID twiceADay(MedicationService s, UUID user) {
    return s.define(user, Json.read("""
        {"name":"Metformin","dose":500,"unit":"mg","schedule":{"times":["20:00","08:00"]}}""")).id();
  }

  private static Outcome dose(MedicationService s, UUID user, UUID med, String body) {
    return s.recordDose(user, med, Json.read(body)).outcome();
  }

  @Test
  void adherence_counts_recorded_doses_and_doses_never_recorded_as_missed_in_the_users_days() {
    var clock = new MutableClock("2024-03-03T06:00:00+01:00");
    var s = at(clock);
    UUID u = user("Europe/Berlin");
    UUID med = twiceADay(s, u);
    clock.set("2024-03-10T12:00:00+01:00");
    dose(s, u, med, "{\"status\":\"taken\",\"scheduled_for\":\"2024-03-04T08:00:00+01:00\",\"taken_at\":\"2024-03-04T08:10:00+01:00\"}");
    dose(s, u, med, "{\"status\":\"late\",\"scheduled_for\":\"2024-03-04T20:00:00+01:00\",\"taken_at\":\"2024-03-04T22:30:00+01:00\"}");
    dose(s, u, med, "{\"status\":\"skipped\",\"scheduled_for\":\"2024-03-05T08:00:00+01:00\"}");
    for (int day = 5; day <= 9; day++) {
      dose(s, u, med, "{\"status\":\"taken\",\"scheduled_for\":\"2024-03-0%dT20:00:00+01:00\"}".formatted(day));
    }
    // Outside the window (the 3rd), and a dose taken as needed: neither is in the rate.
    dose(s, u, med, "{\"status\":\"taken\",\"scheduled_for\":\"2024-03-03T20:00:00+01:00\"}");
    dose(s, u, med, "{\"status\":\"taken\",\"taken_at\":\"2024-03-06T13:00:00+01:00\"}");

    Adherence a = s.adherence(u, 7);

    assertThat(a.from()).hasToString("2024-03-04");
    assertThat(a.to()).hasToString("2024-03-10");
    // Due in the window so far: the 4th to the 9th twice (12); today's 08:00 is pending, 20:00 not due yet.
    var c = a.overall();
    assertThat(List.of(c.expected(), c.taken(), c.late(), c.skipped(), c.missed(), c.pending(), c.unscheduled()))
        .containsExactly(12L, 6L, 1L, 1L, 4L, 1L, 1L);
    assertThat(c.adherenceRate()).isEqualByComparingTo(new BigDecimal("50.0"));
    assertThat(a.medications()).singleElement().satisfies(p -> assertThat(p.counts()).isEqualTo(c));

    // Once the missed doses are written, seed 002's query over the medication events of the same local days
    // (leaving out doses taken as needed) gives the same rate: what a per-day summary of the events shows.
    s.settleMissedDoses();
    assertThat(TestSql.strings(db, """
        SELECT round(100.0 * count(*) FILTER (WHERE data::jsonb->>'status' = 'taken') / nullif(count(*), 0), 1)
        FROM health_events
        WHERE user_id = '%s' AND type = 'medication' AND subtype <> 'as_needed' AND deleted_at IS NULL
          AND ((occurred_at AT TIME ZONE 'UTC') + utc_offset_min * interval '1 minute')::date BETWEEN '2024-03-04' AND '2024-03-10'
        """.formatted(u))).containsExactly("50.0");
  }

  @Test
  void writing_the_missed_doses_changes_no_figure_and_a_second_run_writes_nothing() {
    var clock = new MutableClock("2024-03-03T06:00:00+01:00");
    var s = at(clock);
    UUID u = user("Europe/Berlin");
    UUID med = twiceADay(s, u);
    clock.set("2024-03-06T09:00:00+01:00");
    dose(s, u, med, "{\"status\":\"taken\",\"scheduled_for\":\"2024-03-04T08:00:00+01:00\"}");
    Adherence before = s.adherence(u, 7);

    int written = s.settleMissedDoses();

    // The 3rd to the 5th: six doses were due before today, one was taken; today's 08:00 is still pending.
    assertThat(written).isEqualTo(5);
    assertThat(s.adherence(u, 7)).isEqualTo(before);
    assertThat(s.settleMissedDoses()).isZero();
    assertThat(missedEvents(u)).hasSize(5);
  }

  @Test
  void a_dose_recorded_after_it_was_written_as_missed_replaces_the_missed_one_and_its_event_gets_a_new_version() {
    var clock = new MutableClock("2024-03-03T06:00:00+01:00");
    var s = at(clock);
    UUID u = user("Europe/Berlin");
    UUID med = twiceADay(s, u);
    clock.set("2024-03-04T09:00:00+01:00");
    s.settleMissedDoses();

    Outcome o = dose(s, u, med, "{\"status\":\"taken\",\"scheduled_for\":\"2024-03-03T20:00:00+01:00\",\"taken_at\":\"2024-03-03T21:00:00+01:00\"}");

    assertThat(o).isEqualTo(Outcome.CORRECTED);
    assertThat(missedEvents(u)).as("the 08:00 dose").hasSize(1);
    assertThat(TestSql.strings(db, "SELECT version || ' ' || (data::jsonb->>'status') || ' ' || (data::jsonb->>'time') FROM health_events"
        + " WHERE user_id = '" + u + "' ORDER BY occurred_at")).containsExactly("1 missed 08:00", "2 taken 21:00");
  }

  @Test
  void doses_follow_the_wall_clock_across_daylight_saving_time() {
    var clock = new MutableClock("2024-03-29T12:00:00+01:00");
    var s = at(clock);
    UUID u = user("Europe/Berlin");
    UUID med = s.define(u, Json.read("{\"name\":\"Vitamin D\",\"schedule\":{\"times\":[\"08:00\"]}}")).id();
    clock.set("2024-04-02T12:00:00+02:00");
    s.settleMissedDoses();

    // 08:00 in Berlin is 07:00 UTC before the change on 31 March and 06:00 UTC after it.
    assertThat(TestSql.strings(db, "SELECT to_char(scheduled_for AT TIME ZONE 'UTC', 'MM-DD HH24:MI') FROM medication_adherence"
        + " WHERE user_id = '" + u + "' ORDER BY 1")).containsExactly("03-30 07:00", "03-31 06:00", "04-01 06:00");
    assertThat(dose(s, u, med, "{\"status\":\"taken\",\"scheduled_for\":\"2024-04-02T08:00:00+02:00\"}")).isEqualTo(Outcome.CREATED);
  }

  @Test
  void a_time_the_clock_skips_is_due_an_hour_later_and_can_be_recorded() {
    var clock = new MutableClock("2024-03-09T12:00:00-05:00");
    var s = at(clock);
    UUID u = user("America/New_York");
    UUID med = s.define(u, Json.read("{\"name\":\"Night dose\",\"schedule\":{\"times\":[\"02:30\"],\"days\":[\"sun\"]}}")).id();
    clock.set("2024-03-10T12:00:00-04:00");

    assertThat(dose(s, u, med, "{\"status\":\"taken\",\"scheduled_for\":\"2024-03-10T03:30:00-04:00\"}")).isEqualTo(Outcome.CREATED);
    assertThatThrownBy(() -> dose(s, u, med, "{\"status\":\"taken\",\"scheduled_for\":\"2024-03-11T02:30:00-04:00\"}"))
        .isInstanceOf(InvalidInput.class).extracting(e -> ((InvalidInput) e).field()).isEqualTo("scheduled_for");
  }

  @Test
  void a_change_of_schedule_writes_what_was_due_under_the_old_one_and_predicts_only_the_rest() {
    var clock = new MutableClock("2024-03-03T06:00:00+01:00");
    var s = at(clock);
    UUID u = user("Europe/Berlin");
    UUID med = twiceADay(s, u);
    clock.set("2024-03-04T12:00:00+01:00");

    s.update(u, med, Json.read("{\"schedule\":{\"times\":[\"09:00\"]}}"));

    // Under the old schedule: the 3rd at 08:00 and 20:00 and the 4th at 08:00 were due, none recorded.
    assertThat(TestSql.strings(db, "SELECT to_char(scheduled_for AT TIME ZONE 'Europe/Berlin', 'DD HH24:MI') FROM medication_adherence"
        + " WHERE user_id = '" + u + "' AND status = 'missed' ORDER BY 1")).containsExactly("03 08:00", "03 20:00", "04 08:00");
    clock.set("2024-03-05T10:00:00+01:00");
    var c = s.adherence(u, 7).overall();
    // The new schedule counts from the change on: the 5th at 09:00 is pending.
    assertThat(List.of(c.missed(), c.pending())).containsExactly(3L, 1L);
    assertThatThrownBy(() -> dose(s, u, med, "{\"status\":\"taken\",\"scheduled_for\":\"2024-03-05T08:00:00+01:00\"}"))
        .isInstanceOf(InvalidInput.class);
    assertThat(dose(s, u, med, "{\"status\":\"taken\",\"scheduled_for\":\"2024-03-04T08:00:00+01:00\"}")).isEqualTo(Outcome.CORRECTED);
  }

  @Test
  void a_deactivated_medication_expects_no_more_doses_and_keeps_the_recorded_ones() {
    var clock = new MutableClock("2024-03-03T06:00:00+01:00");
    var s = at(clock);
    UUID u = user("Europe/Berlin");
    UUID med = twiceADay(s, u);
    clock.set("2024-03-03T10:00:00+01:00");
    dose(s, u, med, "{\"status\":\"taken\",\"scheduled_for\":\"2024-03-03T08:00:00+01:00\"}");

    assertThat(s.update(u, med, Json.read("{\"active\":false}")).active()).isFalse();
    clock.set("2024-03-08T10:00:00+01:00");
    s.settleMissedDoses();

    var c = s.adherence(u, 7).overall();
    assertThat(List.of(c.expected(), c.taken(), c.missed(), c.pending())).containsExactly(1L, 1L, 0L, 0L);
    assertThat(s.list(u, false)).isEmpty();
    assertThat(s.list(u, true)).hasSize(1);
  }

  @Test
  void days_of_the_week_start_and_end_dates_limit_when_doses_are_due() {
    var clock = new MutableClock("2024-03-01T00:30:00+01:00");
    var s = at(clock);
    UUID u = user("Europe/Berlin");
    s.define(u, Json.read("""
        {"name":"Methotrexate","dose":15,"unit":"mg","schedule":{"times":["09:00"],"days":["fri","mon"]},
         "start_date":"2024-03-04","end_date":"2024-03-15"}"""));
    clock.set("2024-03-31T12:00:00+02:00");
    s.settleMissedDoses();

    assertThat(TestSql.strings(db, "SELECT to_char(scheduled_for AT TIME ZONE 'Europe/Berlin', 'Dy DD') FROM medication_adherence"
        + " WHERE user_id = '" + u + "' ORDER BY scheduled_for")).containsExactly("Mon 04", "Fri 08", "Mon 11", "Fri 15");
  }

  @Test
  void when_the_event_cannot_be_written_the_dose_is_not_written_either() {
    var clock = new MutableClock("2024-03-03T06:00:00+01:00");
    var s = at(clock);
    UUID u = user("Europe/Berlin");
    UUID med = twiceADay(s, u);
    TestSql.execute(db, "ALTER TABLE health_events ADD CONSTRAINT test_no_medication CHECK (type <> 'medication') NOT VALID");
    try {
      assertThatThrownBy(() -> dose(s, u, med, "{\"status\":\"taken\",\"scheduled_for\":\"2024-03-03T08:00:00+01:00\"}"))
          .hasMessageContaining("test_no_medication");
    } finally {
      TestSql.execute(db, "ALTER TABLE health_events DROP CONSTRAINT test_no_medication");
    }
    assertThat(TestSql.strings(db, "SELECT count(*) FROM medication_adherence WHERE user_id = '" + u + "'")).containsExactly("0");
  }

  private static List<String> missedEvents(UUID u) {
    return TestSql.strings(db, "SELECT id::text FROM health_events WHERE user_id = '" + u + "' AND type = 'medication'"
        + " AND data::jsonb->>'status' = 'missed'");
  }
}
