package org.healthtimeline.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.healthtimeline.App;
import org.healthtimeline.db.Database;
import org.healthtimeline.testing.TestDatabases;
import org.healthtimeline.web.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The demo users loaded into a real database through the domain services. The clock is fixed at a moment
 * whose 90-day window crosses the end of summer time in Berlin (2024-10-27) and New York (2024-11-03).
 */
class DemoDataTest {
  static final Instant NOW = Instant.parse("2024-11-15T18:00:00Z");
  /** The local day an event belongs to, counting the hours after midnight to the evening before (a late bedtime). */
  static final String DAY = "(occurred_at + make_interval(mins => utc_offset_min) - interval '4 hours')::date";
  static Database db;
  static App app;
  static List<LoadedUser> loaded;
  static Duration took;

  @BeforeAll
  static void loadOnce() {
    db = TestDatabases.fresh();
    app = new App(db);
    long start = System.nanoTime();
    loaded = demoData(app, NOW).ensureLoaded();
    took = Duration.ofNanos(System.nanoTime() - start);
  }

  @AfterAll
  static void down() {
    app.close();
    db.close();
  }

  static DemoData demoData(App app, Instant now) {
    return new DemoData(app.users(), app.demoParts(), Clock.fixed(now, ZoneOffset.UTC));
  }

  static long count(Database database, String sql, Object... params) {
    return database.tx().read(c -> {
      try (var st = c.prepareStatement(sql)) {
        for (int i = 0; i < params.length; i++) st.setObject(i + 1, params[i]);
        try (var rs = st.executeQuery()) {
          rs.next();
          return rs.getLong(1);
        }
      }
    });
  }

  static long events(Database database, UUID user) {
    return count(database, "SELECT count(*) FROM health_events WHERE user_id = ?", user);
  }

  @Test
  void every_generated_event_passes_the_services_validation_and_is_stored() {
    System.out.printf("DemoDataTest: %,d events of 3 users loaded in %.1f s%n", loaded.stream().mapToInt(LoadedUser::events).sum(),
        took.toMillis() / 1000.0);
    assertThat(loaded).extracting(LoadedUser::externalId).containsExactly("demo-alex", "demo-maya", "demo-kenji");
    assertThat(loaded).allSatisfy(u -> {
      assertThat(u.events()).isBetween(650, 900);
      assertThat(u.added()).isEqualTo(u.events());
      assertThat(u.keptChanged()).isZero();
      assertThat(u.freshlyLoaded()).isTrue();
      assertThat(events(db, u.id())).isEqualTo(u.events());
      assertThat(u.lastDay()).isEqualTo(LocalDate.ofInstant(NOW, u.zone()));
      assertThat(u.firstDay()).isEqualTo(u.lastDay().minusDays(89));
    });
    assertThat(count(db, "SELECT count(*) FROM health_events WHERE origin IS DISTINCT FROM 'demo'")).isZero();
    // Every event has its source row in a domain table, or a demo dedupe key when its domain has no table.
    assertThat(count(db, "SELECT count(*) FROM health_events WHERE source_table IS NULL AND dedupe_key NOT LIKE 'demo:%'")).isZero();
    assertThat(count(db, "SELECT count(*) FROM health_events WHERE type IN ('meal', 'sleep', 'exercise', 'tracker') AND source_table IS NULL"))
        .isZero();
    for (String table : List.of("food_entries", "sleep_entries", "exercise_entries", "tracking_entries")) {
      assertThat(count(db, "SELECT count(*) FROM health_events WHERE source_table = ?", table))
          .as(table).isEqualTo(count(db, "SELECT count(*) FROM " + table)).isPositive();
    }
  }

  @Test
  void each_user_has_a_corrected_meal_with_its_audit_and_its_events_previous_version() {
    for (LoadedUser u : loaded) {
      assertThat(count(db, "SELECT count(*) FROM food_entry_audit WHERE user_id = ? AND corrected_by = 'demo'", u.id()))
          .as(u.externalId()).isEqualTo(1);
      assertThat(count(db, """
          SELECT count(*) FROM food_entry_audit a JOIN health_events e ON e.user_id = a.user_id
            AND e.id = event_key_id(a.user_id, 'source', 'food_entries' || E'\\n' || a.entry_id::text)
          WHERE a.user_id = ? AND e.version = 2
            AND (e.data->>'total_calories')::int = (a.corrected_data->>'total_calories')::int
            AND (a.original_data->>'total_calories')::int > (a.corrected_data->>'total_calories')::int""", u.id()))
          .as(u.externalId()).isEqualTo(1);
    }
  }

  @Test
  void each_user_tracks_blood_pressure_and_water_in_custom_trackers() {
    for (LoadedUser u : loaded) {
      assertThat(count(db, "SELECT count(*) FROM tracking_categories WHERE user_id = ? AND name IN ('Blood Pressure', 'Water')", u.id()))
          .isEqualTo(2);
      assertThat(count(db, "SELECT count(*) FROM health_events WHERE user_id = ? AND type = 'tracker' AND subtype = 'Water'", u.id()))
          .isBetween(88L, 90L);
    }
  }

  @Test
  void vitals_come_in_each_persons_units_and_are_stored_in_one_unit_per_measure() {
    String vitals = """
        SELECT count(*) FROM health_events e JOIN users u ON u.id = e.user_id
        WHERE u.external_id = ? AND e.type = 'vital' AND e.data->>'measure' = ? AND e.data->>'unit' = ?
          AND e.data->'original'->>'unit' = ?""";
    assertThat(count(db, vitals, "demo-maya", "weight", "kg", "lb")).isBetween(25L, 31L);
    assertThat(count(db, vitals, "demo-maya", "glucose", "mmol/L", "mg/dL")).isBetween(11L, 14L);
    assertThat(count(db, vitals, "demo-alex", "weight", "kg", "kg")).isBetween(25L, 31L);
    assertThat(count(db, vitals, "demo-alex", "glucose", "mmol/L", "mmol/L")).isBetween(11L, 14L);
    assertThat(count(db, "SELECT count(*) FROM health_events WHERE type = 'vital' AND NOT ((data->>'value')::numeric BETWEEN 3 AND 120)"))
        .isZero();
  }

  @Test
  void no_event_lies_in_the_future() {
    assertThat(count(db, "SELECT count(*) FROM health_events WHERE coalesce(ended_at, occurred_at) > ?",
        NOW.atOffset(ZoneOffset.UTC))).isZero();
  }

  @Test
  void the_users_live_in_three_zones_and_two_of_them_cross_a_dst_change() {
    assertThat(loaded).extracting(u -> u.zone().getId())
        .containsExactly("Europe/Berlin", "America/New_York", "Asia/Tokyo");
    Map<String, Long> offsets = new TreeMap<>();
    for (LoadedUser u : loaded) {
      offsets.put(u.externalId(), count(db, "SELECT count(DISTINCT utc_offset_min) FROM health_events WHERE user_id = ?", u.id()));
    }
    assertThat(offsets).containsEntry("demo-alex", 2L).containsEntry("demo-maya", 2L).containsEntry("demo-kenji", 1L);
  }

  @Test
  void ninety_days_hold_three_meals_a_day_a_sleep_a_night_a_daily_mood_and_blood_pressure_most_mornings() {
    for (LoadedUser u : loaded) {
      // The days before yesterday: today is cut off at the fixed clock, and so is last night in Tokyo.
      String perDay = """
          SELECT count(*) FROM health_events
          WHERE user_id = ? AND type = ?::event_type AND """ + DAY + " < ?::date";
      String cutoff = u.lastDay().minusDays(1).toString();
      long days = 88;
      long mainMeals = count(db, perDay + " AND data->>'meal_type' <> 'snack'", u.id(), "meal", cutoff);
      long snacks = count(db, perDay + " AND data->>'meal_type' = 'snack'", u.id(), "meal", cutoff);
      assertThat(mainMeals).as(u.externalId()).isEqualTo(3 * days);
      assertThat(snacks).as(u.externalId()).isBetween(days / 5, days / 2);
      assertThat(count(db, perDay, u.id(), "sleep", cutoff)).as(u.externalId()).isEqualTo(days);
      assertThat(count(db, perDay, u.id(), "mood", cutoff)).as(u.externalId()).isEqualTo(days);
      assertThat(count(db, perDay + " AND subtype = 'Blood Pressure'", u.id(), "tracker", cutoff)).as(u.externalId())
          .isBetween(days * 70 / 100, days * 95 / 100);
      assertThat(count(db, perDay, u.id(), "exercise", cutoff)).as(u.externalId()).isBetween(days / 7, days * 6 / 7);
      assertThat(count(db, perDay, u.id(), "stress", cutoff)).as(u.externalId()).isBetween(days / 20, days / 2);
      assertThat(count(db, perDay, u.id(), "symptom", cutoff)).as(u.externalId()).isBetween(3L, days / 3);
      // Breakfast, lunch and dinner each fall on their own local day and at a plausible local hour.
      assertThat(count(db, """
          SELECT count(*) FROM health_events
          WHERE user_id = ? AND type = 'meal' AND NOT (
            extract(hour FROM occurred_at + make_interval(mins => utc_offset_min)) BETWEEN
              CASE data->>'meal_type' WHEN 'breakfast' THEN 5 WHEN 'lunch' THEN 12 WHEN 'snack' THEN 15 ELSE 18 END AND
              CASE data->>'meal_type' WHEN 'breakfast' THEN 11 WHEN 'lunch' THEN 13 WHEN 'snack' THEN 16 ELSE 21 END)""",
          u.id())).as(u.externalId()).isZero();
    }
  }

  @Test
  void loading_again_adds_nothing() {
    List<LoadedUser> again = demoData(app, NOW).ensureLoaded();
    assertThat(again).extracting(LoadedUser::id).isEqualTo(loaded.stream().map(LoadedUser::id).toList());
    assertThat(again).allSatisfy(u -> {
      assertThat(u.added()).isZero();
      assertThat(u.freshlyLoaded()).isFalse();
      assertThat(u.keptChanged()).isZero();
    });
    assertThat(again).extracting(LoadedUser::events).isEqualTo(loaded.stream().map(LoadedUser::events).toList());
    assertThat(count(db, "SELECT count(*) FROM health_events"))
        .isEqualTo(loaded.stream().mapToLong(LoadedUser::events).sum());
  }

  @Test
  void loading_a_day_later_adds_only_what_happened_since_and_keeps_what_the_user_changed() {
    try (Database other = TestDatabases.fresh(); App otherApp = new App(other)) {
      DemoPerson alex = DemoData.PEOPLE.getFirst();
      LoadedUser first = demoData(otherApp, NOW).ensureLoaded(alex, 90);
      UUID changed = anEventId(other, first.id());
      otherApp.timeline().patch(first.id(), changed, Json.read("{\"summary\":\"edited in the demo\"}"), null);

      LoadedUser nextDay = demoData(otherApp, NOW.plus(Duration.ofDays(1))).ensureLoaded(alex, 90);

      assertThat(nextDay.firstDay()).isEqualTo(first.firstDay().plusDays(1));
      assertThat(nextDay.keptChanged()).isEqualTo(1);
      assertThat(nextDay.added()).isBetween(4, 15);
      assertThat(events(other, first.id())).isEqualTo(first.events() + nextDay.added());
      assertThat(count(other, "SELECT count(*) FROM health_events WHERE id = ? AND summary = 'edited in the demo'", changed))
          .isEqualTo(1);
    }
  }

  static UUID anEventId(Database database, UUID user) {
    return database.tx().read(c -> {
      try (var st = c.prepareStatement("SELECT id FROM health_events WHERE user_id = ? AND type = 'mood' ORDER BY occurred_at DESC LIMIT 1")) {
        st.setObject(1, user);
        try (var rs = st.executeQuery()) {
          rs.next();
          return rs.getObject(1, UUID.class);
        }
      }
    });
  }

  @Test
  void sleep_is_worse_after_late_high_carb_dinners() {
    // Each night with the dinner before it, read from the stored data the way a pattern engine would.
    List<double[]> rows = query("""
        SELECT (extract(hour FROM d.local) * 60 + extract(minute FROM d.local) >= ?
                AND (d.data->'total_macros'->>'carbs')::numeric >= ?)::int,
               avg((s.data->>'sleep_quality_rating')::numeric), count(*)
        FROM health_events s
        JOIN LATERAL (
          SELECT e.data, e.occurred_at + make_interval(mins => e.utc_offset_min) AS local
          FROM health_events e
          WHERE e.user_id = s.user_id AND e.type = 'meal' AND e.data->>'meal_type' = 'dinner'
            AND e.occurred_at < s.occurred_at AND e.occurred_at > s.occurred_at - interval '8 hours'
          ORDER BY e.occurred_at DESC LIMIT 1) d ON true
        WHERE s.type = 'sleep'
        GROUP BY 1 ORDER BY 1""",
        DemoGenerator.LATE_DINNER_FROM.toSecondOfDay() / 60, DemoGenerator.HIGH_CARB_DINNER_GRAMS);
    double otherwise = rows.get(0)[1];
    double afterLateHighCarb = rows.get(1)[1];
    assertThat(rows.get(1)[2]).as("late high-carb dinners").isGreaterThanOrEqualTo(15);
    assertThat(afterLateHighCarb).isLessThan(otherwise - 1.5);
  }

  @Test
  void headaches_are_more_likely_on_the_day_after_a_short_night() {
    List<double[]> rows = query("""
        SELECT ((s.data->>'total_sleep_hours')::numeric < ?)::int,
               avg((EXISTS (SELECT 1 FROM health_events h
                            WHERE h.user_id = s.user_id AND h.type = 'symptom' AND h.data->>'symptom_type' = 'headache'
                              AND h.occurred_at > s.ended_at AND h.occurred_at < s.ended_at + interval '14 hours'))::int),
               count(*)
        FROM health_events s WHERE s.type = 'sleep'
        GROUP BY 1 ORDER BY 1""", DemoGenerator.SHORT_SLEEP_HOURS);
    assertThat(rows.get(1)[2]).as("short nights").isGreaterThanOrEqualTo(10);
    assertThat(rows.get(1)[1]).isGreaterThan(3 * rows.get(0)[1]);
  }

  /** Rows of numbers. */
  static List<double[]> query(String sql, Object... params) {
    return db.tx().read(c -> {
      try (var st = c.prepareStatement(sql)) {
        for (int i = 0; i < params.length; i++) st.setObject(i + 1, params[i]);
        var out = new ArrayList<double[]>();
        try (var rs = st.executeQuery()) {
          int n = rs.getMetaData().getColumnCount();
          while (rs.next()) {
            double[] row = new double[n];
            for (int i = 0; i < n; i++) row[i] = rs.getDouble(i + 1);
            out.add(row);
          }
        }
        return out;
      }
    });
  }
}
