package org.healthtimeline.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.healthtimeline.testing.DatabaseSnapshot;
import org.healthtimeline.testing.TestApi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** shared/data/fhir-observations.json, with the counts of shared/data/README.md, and the FHIR export. */
class FhirImportTest {
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
  void the_sample_gives_9_events_holding_11_values_and_skips_the_rest_with_reasons() {
    UUID user = io.newUser();

    ImportSummary s = io.importSample(user, "fhir-observations.json", ImportFormat.FHIR, false);

    assertThat(s.read()).as("entries").isEqualTo(12);
    assertThat(s.imported()).isEqualTo(9);
    assertThat(s.bad()).isZero();
    assertThat(s.skippedByReason()).isEqualTo(Map.of("not an Observation: Patient", 1L, "status entered-in-error", 1L,
        "no value (dataAbsentReason: error)", 1L));
    assertThat(io.rows(user, "SELECT sum(CASE WHEN data->>'systolic' IS NOT NULL THEN 2 ELSE 1 END) FROM health_events WHERE user_id = ?"))
        .containsExactly("11");
    assertThat(io.rows(user, "SELECT data->>'measure', count(*) FROM health_events WHERE user_id = ? GROUP BY 1 ORDER BY 1"))
        .containsExactly("blood_pressure|2", "glucose|1", "heart_rate|2", "temperature|2", "weight|2");
  }

  @Test
  void units_are_converted_by_their_ucum_code_and_the_original_is_kept() {
    UUID user = io.newUser();
    io.importSample(user, "fhir-observations.json", ImportFormat.FHIR, false);

    assertThat(io.rows(user, """
        SELECT data->>'measure', data->>'value', data->>'unit', data->'original'->>'value', data->'original'->>'unit'
        FROM health_events WHERE user_id = ? AND data->>'value' IS NOT NULL ORDER BY occurred_at""")).containsExactly(
        "weight|82.2|kg|82.2|kg",
        "heart_rate|60|bpm|60|/min",
        "temperature|36.8|°C|36.8|Cel",
        "weight|81.83|kg|180.4|[lb_av]",
        "glucose|5.22|mmol/L|94|mg/dL",
        "heart_rate|71|bpm|71|/min",
        "temperature|37.28|°C|99.1|[degF]");
    assertThat(io.rows(user, "SELECT occurred_at, data->>'systolic', data->>'diastolic', data->>'unit' FROM health_events "
        + "WHERE user_id = ? AND data->>'systolic' IS NOT NULL ORDER BY occurred_at"))
        .containsExactly("2024-03-09 13:04:10+00|128|82|mmHg", "2024-03-11 12:02:37+00|124|79|mmHg");
  }

  @Test
  void a_fhir_export_imports_back_to_the_same_events() {
    UUID alice = io.newUser();
    io.importSample(alice, "fhir-observations.json", ImportFormat.FHIR, false);
    io.importSample(alice, "events.ndjson", ImportFormat.NDJSON, false);
    var out = new ByteArrayOutputStream();
    long written = io.exports.export(alice, ExportFormat.FHIR, null, null, Set.of(), out);

    UUID bob = io.newUser();
    ImportSummary s = io.imports.run(bob, new ByteArrayInputStream(out.toByteArray()), ImportFormat.FHIR, true);
    ImportSummary again = io.imports.run(alice, new ByteArrayInputStream(out.toByteArray()), ImportFormat.FHIR, true);

    assertThat(written).as("events read for the export").isEqualTo(io.count(alice));
    assertThat(s.imported()).as("the vitals only").isEqualTo(9);
    assertThat(io.content(bob)).isEqualTo(io.content(alice).stream().filter(row -> row.startsWith("vital|")).toList());
    assertThat(again.imported()).isZero();
    assertThat(again.duplicates()).isEqualTo(9);
  }

  @Test
  void an_unknown_loinc_code_is_a_bad_record_naming_the_code_and_in_strict_mode_nothing_is_written() throws Exception {
    UUID user = io.newUser();
    String bundle = Files.readString(org.healthtimeline.testing.SharedData.dir("fhir-observations.json")).replace("\"8310-5\"", "\"1234-5\"");

    ImportSummary s = io.importText(user, bundle, ImportFormat.FHIR, false);
    var before = DatabaseSnapshot.of(io.api.db);
    UUID other = io.newUser();
    var afterUser = DatabaseSnapshot.of(io.api.db);

    assertThat(s.bad()).isEqualTo(2);
    assertThat(s.problems().getFirst().field()).isEqualTo("code");
    assertThat(s.problems().getFirst().element()).startsWith("entry[");
    assertThat(s.problems().getFirst().message()).contains("it has http://loinc.org|1234-5");
    assertThatThrownBy(() -> io.importText(other, bundle, ImportFormat.FHIR, true)).isInstanceOf(ImportRefused.class)
        .hasMessageContaining("code: has no LOINC code").hasMessageEndingWith("nothing was imported (strict)");
    assertThat(DatabaseSnapshot.of(io.api.db)).isEqualTo(afterUser).isNotEqualTo(before);
  }

  @Test
  void over_http_a_fhir_bundle_is_told_by_its_media_type_and_exported_as_one() throws Exception {
    TestApi.User user = io.api.newUser("America/Chicago");
    String bundle = Files.readString(org.healthtimeline.testing.SharedData.dir("fhir-observations.json"));

    TestApi.Response r = io.api.send("POST", "/v1/users/" + user.id() + "/imports", user.token(), bundle,
        Map.of("Content-Type", "application/fhir+json"));
    TestApi.Response export = io.api.get("/v1/users/" + user.id() + "/export?format=fhir", user.token());

    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    assertThat(r.json().get("imported").asLong()).isEqualTo(9);
    assertThat(export.header("Content-Type")).startsWith("application/fhir+json");
    assertThat(export.json().get("resourceType").asText()).isEqualTo("Bundle");
    assertThat(export.json().get("entry")).hasSize(9);
  }
}
