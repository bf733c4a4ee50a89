package org.healthtimeline.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.UUID;
import org.healthtimeline.testing.DatabaseSnapshot;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** shared/data/events.csv, with the counts of shared/data/README.md. */
class CsvImportTest {
  static ImportTesting io;

  @BeforeAll
  static void up() {
    io = new ImportTesting();
  }

  @AfterAll
  static void down() {
    io.close();
  }

  @Test
  void the_sample_makes_16_events_and_reports_the_4_bad_rows_by_file_line() {
    UUID user = io.newUser();

    ImportSummary s = io.importSample(user, "events.csv", ImportFormat.CSV, false);

    assertThat(s.read()).as("events in the file").isEqualTo(20);
    assertThat(s.imported()).isEqualTo(16);
    assertThat(s.bad()).isEqualTo(4);
    assertThat(s.problems()).extracting(ImportSummary.Problem::line).containsExactly(18L, 38L, 40L, 54L);
    assertThat(s.problems().get(0).field()).isEqualTo("type");
    assertThat(s.problems().get(1).toString()).isEqualTo("line 38: value: 'five' is not a number (field severity)");
    assertThat(s.problems().get(2).toString()).contains("calories").contains("minimum");
    assertThat(s.problems().get(3).field()).isEqualTo("ended_at");
    assertThat(io.countsByType(user)).isEqualTo(Map.of("meal", 4L, "medication", 3L, "tracker", 2L, "symptom", 2L,
        "exercise", 2L, "sleep", 2L, "mood", 1L));
    assertThat(io.rows(user, "SELECT sum(json_array_length(data->'foods')) FROM health_events WHERE user_id = ? AND type = 'meal'"))
        .containsExactly("7");
  }

  @Test
  void rows_become_our_data_shapes_with_quoting_and_non_ascii_kept() {
    UUID user = io.newUser();
    io.importSample(user, "events.csv", ImportFormat.CSV, false);

    assertThat(io.rows(user, """
        SELECT data->>'meal_type', data->>'total_calories', data->'total_macros'->>'protein', data->>'notes'
        FROM health_events WHERE user_id = ? AND type = 'meal' ORDER BY occurred_at""")).containsExactly(
        "breakfast|192|5.5|null",
        "dinner|840|33|Ate late, \"starving\", skipped lunch",
        "snack|330|5|null",
        "dinner|566|44|null");
    assertThat(io.rows(user, "SELECT data->'foods'->0->>'name' FROM health_events WHERE user_id = ? AND subtype = 'snack'"))
        .containsExactly("Crème brûlée");
    assertThat(io.rows(user, "SELECT data->>'name', data->>'dose', data->>'unit', data->>'status' FROM health_events "
        + "WHERE user_id = ? AND type = 'medication' ORDER BY occurred_at"))
        .containsExactly("Lisinopril|10|mg|taken", "Ibuprofen|400|mg|taken", "Melatonin|3|mg|skipped");
    assertThat(io.rows(user, "SELECT data->>'activity_type', data->>'distance_km', data->>'duration_minutes' FROM health_events "
        + "WHERE user_id = ? AND type = 'exercise' ORDER BY occurred_at")).containsExactly("walking|2.9|35", "strength training|null|45");
    assertThat(io.rows(user, "SELECT data->>'mood_rating' FROM health_events WHERE user_id = ? AND type = 'mood'")).containsExactly("8");
    assertThat(io.rows(user, "SELECT extract(epoch FROM ended_at - occurred_at) / 60, data->>'night_wakings' FROM health_events "
        + "WHERE user_id = ? AND type = 'sleep' ORDER BY occurred_at LIMIT 1")).containsExactly("435.0000000000000000|1");
  }

  @Test
  void importing_the_same_file_again_adds_nothing() {
    UUID user = io.newUser();
    io.importSample(user, "events.csv", ImportFormat.CSV, false);

    ImportSummary again = io.importSample(user, "events.csv", ImportFormat.CSV, false);

    assertThat(again.imported()).isZero();
    assertThat(again.duplicates()).isEqualTo(16);
    assertThat(io.count(user)).isEqualTo(16);
  }

  @Test
  void a_header_without_a_needed_column_refuses_the_file_naming_the_column_and_writes_nothing() {
    UUID user = io.newUser();
    var before = DatabaseSnapshot.of(io.api.db);

    assertThatThrownBy(() -> io.importText(user, "occurred_at,ended_at,type,subtype,item,field,value,note\n"
        + "2024-03-09T08:15:00-06:00,,medication,Lisinopril,,dose,10,taken\n", ImportFormat.CSV, false))
        .isInstanceOf(ImportRefused.class)
        .hasMessageStartingWith("line 1: the header lacks the column unit");
    assertThat(DatabaseSnapshot.of(io.api.db)).isEqualTo(before);
  }

  @Test
  void a_row_with_fewer_fields_than_the_header_is_a_bad_row() {
    UUID user = io.newUser();

    ImportSummary s = io.importText(user, String.join(",", CsvReader.COLUMNS) + "\n"
        + "2024-03-09T08:15:00-06:00,,medication,Lisinopril,,dose,10\n", ImportFormat.CSV, false);

    assertThat(s.bad()).isEqualTo(1);
    assertThat(s.problems().getFirst().toString()).isEqualTo("line 2: has 7 fields, the header has 9");
  }
}
