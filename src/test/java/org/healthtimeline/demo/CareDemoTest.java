package org.healthtimeline.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.healthtimeline.App;
import org.healthtimeline.db.Database;
import org.healthtimeline.medication.MedicationService;
import org.healthtimeline.testing.DatabaseSnapshot;
import org.healthtimeline.testing.TestDatabases;
import org.healthtimeline.testing.TestSql;
import org.healthtimeline.user.UserService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The demo people's medications, dose history, questionnaires and sleep quiz, loaded after their events. */
class CareDemoTest {
  static final Instant NOW = Instant.parse("2024-11-15T18:00:00Z");
  static Database db;
  static App app;
  static List<LoadedUser> loaded;
  static int added;

  @BeforeAll
  static void load() {
    db = TestDatabases.fresh();
    app = new App(db);
    loaded = DemoDataTest.demoData(app, NOW).ensureLoaded(DemoData.PEOPLE, 40);
    added = CareDemo.load(db.tx(), loaded, Clock.fixed(NOW, ZoneOffset.UTC));
  }

  @AfterAll
  static void down() {
    app.close();
    db.close();
  }

  @Test
  void every_demo_person_has_scheduled_medications_and_doses_taken_late_skipped_and_missed() {
    for (LoadedUser u : loaded) {
      assertThat(TestSql.strings(db, "SELECT name FROM user_medications WHERE user_id = ? AND schedule IS NOT NULL", u.id())).isNotEmpty();
      assertThat(TestSql.strings(db, "SELECT DISTINCT status FROM medication_adherence WHERE user_id = ? ORDER BY 1", u.id()))
          .as(u.externalId()).containsExactly("late", "missed", "skipped", "taken");
      // Every dose has its event, the missed ones included.
      assertThat(TestSql.strings(db, "SELECT count(*) FROM medication_adherence a WHERE user_id = ? AND NOT EXISTS (SELECT 1 FROM"
          + " health_events e WHERE e.user_id = a.user_id AND e.source_table = 'medication_adherence' AND e.source_id = a.id::text)", u.id()))
          .containsExactly("0");
    }
    assertThat(added).isGreaterThan(100);
  }

  @Test
  void adherence_of_a_demo_person_is_realistic_neither_perfect_nor_poor() {
    var service = new MedicationService(db.tx(), new UserService(db.tx()), Clock.fixed(NOW, ZoneOffset.UTC));
    for (LoadedUser u : loaded) {
      var rate = service.adherence(u.id(), 30).overall().adherenceRate();
      assertThat(rate.doubleValue()).as(u.externalId()).isBetween(60.0, 95.0);
    }
  }

  @Test
  void every_demo_person_has_phq4_and_gad7_responses_and_a_sleep_quiz() {
    for (LoadedUser u : loaded) {
      assertThat(TestSql.strings(db, "SELECT DISTINCT assessment_code FROM assessment_responses WHERE user_id = ? ORDER BY 1", u.id()))
          .containsExactly("gad7", "phq4");
      assertThat(TestSql.strings(db, "SELECT count(*) FROM sleep_quiz_submissions WHERE user_id = ?", u.id())).containsExactly("1");
    }
  }

  @Test
  void loading_again_adds_nothing_and_a_day_later_adds_only_that_days_doses() {
    var before = DatabaseSnapshot.of(db);
    assertThat(CareDemo.load(db.tx(), loaded, Clock.fixed(NOW, ZoneOffset.UTC))).isZero();
    assertThat(DatabaseSnapshot.of(db)).isEqualTo(before);

    Instant tomorrow = NOW.plus(Duration.ofDays(1));
    int more = CareDemo.load(db.tx(), DemoDataTest.demoData(app, tomorrow).ensureLoaded(DemoData.PEOPLE, 40), Clock.fixed(tomorrow, ZoneOffset.UTC));
    // A day of doses: 1 to 3 scheduled ones a person, perhaps one taken as needed, perhaps a questionnaire.
    assertThat(more).isBetween(1, 16);
  }
}
