package org.healthtimeline.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.healthtimeline.App;
import org.healthtimeline.db.Database;
import org.healthtimeline.db.DbException;
import org.healthtimeline.testing.DatabaseSnapshot;
import org.healthtimeline.testing.TestDatabases;
import org.healthtimeline.web.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A domain's source row and its timeline event commit together or not at all: when the timeline refuses the
 * event (here a constraint the test adds), the source row is not there either.
 */
class WriteThroughTest {
  Database db;
  App app;
  UUID user;

  @BeforeEach
  void up() {
    db = TestDatabases.fresh();
    app = new App(db);
    user = app.users().create(Json.read("{\"time_zone\":\"Europe/Berlin\"}")).id();
  }

  @AfterEach
  void down() {
    app.close();
    db.close();
  }

  /** From now on the timeline refuses events of this type, as a broken constraint or trigger would. */
  void timelineRefuses(String type) {
    db.tx().read(c -> {
      try (var st = c.createStatement()) {
        st.execute("ALTER TABLE health_events ADD CONSTRAINT refuses_" + type + " CHECK (type <> '" + type + "')");
      }
      return null;
    });
  }

  void refusedAndNothingWritten(String type, Runnable write) {
    timelineRefuses(type);
    var before = DatabaseSnapshot.of(db);
    assertThatThrownBy(write::run).isInstanceOf(DbException.class).hasMessageContaining("refuses_" + type);
    assertThat(DatabaseSnapshot.of(db)).isEqualTo(before);
  }

  @Test
  void a_meal_whose_event_the_timeline_refuses_is_not_written() {
    refusedAndNothingWritten("meal", () -> app.food().log(user, Json.read("{\"meal_type\":\"lunch\",\"total_calories\":500}"), null));
  }

  @Test
  void a_night_whose_event_the_timeline_refuses_is_not_written() {
    refusedAndNothingWritten("sleep", () -> app.sleep().log(user,
        Json.read("{\"bedtime\":\"2024-03-09T23:00:00Z\",\"wake_time\":\"2024-03-10T07:00:00Z\"}"), null));
  }

  @Test
  void a_workout_whose_event_the_timeline_refuses_is_not_written() {
    refusedAndNothingWritten("exercise", () -> app.exercise().log(user,
        Json.read("{\"occurred_at\":\"2024-03-10T07:00:00Z\",\"activity_type\":\"run\"}"), null));
  }

  @Test
  void a_tracker_entry_whose_event_the_timeline_refuses_is_not_written() {
    var water = app.tracking().createCategory(user, Json.read("{\"name\":\"Water\",\"fields\":[{\"name\":\"glasses\",\"type\":\"integer\"}]}"));
    refusedAndNothingWritten("tracker", () -> app.tracking().log(user, water.id(), Json.read("{\"data\":{\"glasses\":3}}"), null));
  }

  @Test
  void a_rename_whose_new_event_versions_the_timeline_refuses_leaves_the_category_as_it_was() {
    var water = app.tracking().createCategory(user, Json.read("{\"name\":\"Water\",\"fields\":[{\"name\":\"glasses\",\"type\":\"integer\"}]}"));
    app.tracking().log(user, water.id(), Json.read("{\"data\":{\"glasses\":3}}"), null);
    db.tx().read(c -> {
      try (var st = c.createStatement()) {
        st.execute("ALTER TABLE health_events ADD CONSTRAINT refuses_renames CHECK (subtype IS DISTINCT FROM 'Hydration')");
      }
      return null;
    });
    var before = DatabaseSnapshot.of(db);
    assertThatThrownBy(() -> app.tracking().updateCategory(user, water.id(), Json.read("{\"name\":\"Hydration\"}")))
        .isInstanceOf(DbException.class);
    assertThat(DatabaseSnapshot.of(db)).isEqualTo(before);
  }

  @Test
  void a_correction_whose_new_event_version_the_timeline_refuses_leaves_the_meal_and_its_audit_as_they_were() {
    var meal = app.food().log(user, Json.read("{\"meal_type\":\"lunch\",\"total_calories\":500}"), null);
    db.tx().read(c -> {
      try (var st = c.createStatement()) {
        st.execute("ALTER TABLE health_events ADD CONSTRAINT refuses_big_meals CHECK ((data->>'total_calories')::int < 600)");
      }
      return null;
    });
    var before = DatabaseSnapshot.of(db);
    assertThatThrownBy(() -> app.food().correct(user, meal.id(), Json.read("{\"reason\":\"more\",\"total_calories\":700}"), "user"))
        .isInstanceOf(DbException.class);
    assertThat(DatabaseSnapshot.of(db)).isEqualTo(before);
  }
}
