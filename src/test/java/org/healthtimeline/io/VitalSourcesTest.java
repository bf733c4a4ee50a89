package org.healthtimeline.io;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.healthtimeline.logs.VitalUnits;
import org.healthtimeline.testing.TestApi;
import org.healthtimeline.web.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The same readings logged through POST /vitals, in a FHIR bundle and in an Apple Health export end up alike. */
class VitalSourcesTest {
  static ImportTesting io;

  /** Glucose 99 mg/dL, weight 154 lb, temperature 98.6 °F and blood pressure 120/80 mmHg, as each source writes them. */
  static final List<String> LOGGED = List.of(
      """
      {"measure":"glucose","value":99,"unit":"mg/dL","occurred_at":"2024-03-11T08:00:00-05:00"}""",
      """
      {"measure":"weight","value":154,"unit":"lb","occurred_at":"2024-03-11T08:01:00-05:00"}""",
      """
      {"measure":"temperature","value":98.6,"unit":"°F","occurred_at":"2024-03-11T08:02:00-05:00"}""",
      """
      {"measure":"blood_pressure","systolic":120,"diastolic":80,"unit":"mmHg","occurred_at":"2024-03-11T08:03:00-05:00"}""");
  static final String BUNDLE = """
      {"resourceType":"Bundle","type":"collection","entry":[%s,%s,%s,
       {"fullUrl":"urn:uuid:bp","resource":{"resourceType":"Observation","status":"final",
        "code":{"coding":[{"system":"http://loinc.org","code":"85354-9"}]},"effectiveDateTime":"2024-03-11T08:03:00-05:00",
        "component":[
         {"code":{"coding":[{"system":"http://loinc.org","code":"8480-6"}]},
          "valueQuantity":{"value":120,"unit":"mmHg","system":"http://unitsofmeasure.org","code":"mm[Hg]"}},
         {"code":{"coding":[{"system":"http://loinc.org","code":"8462-4"}]},
          "valueQuantity":{"value":80,"unit":"mmHg","system":"http://unitsofmeasure.org","code":"mm[Hg]"}}]}}]}"""
      .formatted(observation("glucose", "2339-0", "08:00", "99", "mg/dL"), observation("weight", "29463-7", "08:01", "154", "[lb_av]"),
          observation("temperature", "8310-5", "08:02", "98.6", "[degF]"));
  static final String EXPORT_XML = """
      <?xml version="1.0" encoding="UTF-8"?>
      <HealthData locale="en_US">
       %s
       %s
       %s
       <Correlation type="HKCorrelationTypeIdentifierBloodPressure" sourceName="Cuff" startDate="2024-03-11 08:03:00 -0500" endDate="2024-03-11 08:03:00 -0500">
        %s
        %s
       </Correlation>
      </HealthData>
      """.formatted(record("BloodGlucose", "08:00", "99", "mg/dL"), record("BodyMass", "08:01", "154", "lb"),
      record("BodyTemperature", "08:02", "98.6", "degF"), record("BloodPressureSystolic", "08:03", "120", "mmHg"),
      record("BloodPressureDiastolic", "08:03", "80", "mmHg"));

  @BeforeAll
  static void up() {
    io = new ImportTesting();
  }

  @AfterAll
  static void down() {
    io.close();
  }

  static String observation(String id, String loinc, String time, String value, String ucum) {
    return """
        {"fullUrl":"urn:uuid:%s","resource":{"resourceType":"Observation","status":"final",
         "code":{"coding":[{"system":"http://loinc.org","code":"%s"}]},"effectiveDateTime":"2024-03-11T%s:00-05:00",
         "valueQuantity":{"value":%s,"system":"http://unitsofmeasure.org","code":"%s"}}}""".formatted(id, loinc, time, value, ucum);
  }

  static String record(String type, String time, String value, String unit) {
    return ("<Record type=\"HKQuantityTypeIdentifier%s\" sourceName=\"Cuff\" unit=\"%s\" startDate=\"2024-03-11 %s:00 -0500\" "
        + "endDate=\"2024-03-11 %s:00 -0500\" value=\"%s\"/>").formatted(type, unit, time, time, value);
  }

  static TestApi.User logged() {
    TestApi.User user = io.api.newUser("America/Chicago");
    for (String body : LOGGED) {
      var r = io.api.post("/v1/users/" + user.id() + "/vitals", user.token(), body);
      assertThat(r.status()).as(r.toString()).isEqualTo(201);
    }
    return user;
  }

  /** measure, stored value(s) and unit of each vital of the user, by time. */
  static List<String> stored(UUID user) {
    return io.rows(user, """
        SELECT occurred_at, data->>'measure', coalesce(data->>'value', (data->>'systolic') || '/' || (data->>'diastolic')), data->>'unit'
        FROM health_events WHERE user_id = ? AND type = 'vital' ORDER BY occurred_at""");
  }

  @Test
  void glucose_weight_temperature_and_blood_pressure_are_stored_alike_from_the_api_fhir_and_apple_health() {
    UUID api = logged().id();
    UUID fhir = io.newUser();
    UUID apple = io.newUser();

    ImportSummary fromFhir = io.importText(fhir, BUNDLE, ImportFormat.FHIR, true);
    ImportSummary fromApple = io.importText(apple, EXPORT_XML, ImportFormat.APPLE_HEALTH, true);

    assertThat(fromFhir.imported()).isEqualTo(4);
    assertThat(fromApple.imported()).isEqualTo(4);
    assertThat(stored(api)).containsExactly(
        "2024-03-11 13:00:00+00|glucose|5.5|mmol/L",
        "2024-03-11 13:01:00+00|weight|69.85|kg",
        "2024-03-11 13:02:00+00|temperature|37|°C",
        "2024-03-11 13:03:00+00|blood_pressure|120/80|mmHg");
    assertThat(stored(fhir)).isEqualTo(stored(api));
    assertThat(stored(apple)).isEqualTo(stored(api));
  }

  @Test
  void the_fhir_export_writes_each_value_as_originally_recorded_with_its_ucum_code() {
    UUID user = logged().id();

    JsonNode bundle = Json.read(new String(export(user), java.nio.charset.StandardCharsets.UTF_8));

    var quantities = new ArrayList<String>();
    for (JsonNode entry : bundle.get("entry")) {
      JsonNode obs = entry.get("resource");
      List<JsonNode> values = obs.has("valueQuantity") ? List.of(obs.get("valueQuantity"))
          : List.of(obs.get("component").get(0).get("valueQuantity"), obs.get("component").get(1).get("valueQuantity"));
      for (JsonNode q : values) {
        assertThat(q.get("system").asText()).isEqualTo(Vital.UCUM);
        quantities.add(obs.get("code").get("coding").get(0).get("code").asText() + " " + q.get("value").decimalValue().toPlainString()
            + " " + q.get("unit").asText() + " " + q.get("code").asText());
      }
    }
    assertThat(quantities).containsExactlyInAnyOrder("2339-0 99 mg/dL mg/dL", "29463-7 154 lb [lb_av]", "8310-5 98.6 °F [degF]",
        "85354-9 120 mmHg mm[Hg]", "85354-9 80 mmHg mm[Hg]");
  }

  @Test
  void a_fhir_export_of_logged_vitals_imports_to_the_same_stored_values() {
    UUID user = logged().id();
    byte[] bundle = export(user);

    UUID other = io.newUser();
    ImportSummary copy = io.imports.run(other, new ByteArrayInputStream(bundle), ImportFormat.FHIR, true);

    assertThat(copy.imported()).isEqualTo(4);
    assertThat(stored(other)).isEqualTo(stored(user));
    assertThat(io.rows(other, "SELECT data->'original'->>'value' FROM health_events WHERE user_id = ? ORDER BY occurred_at"))
        .isEqualTo(io.rows(user, "SELECT data->'original'->>'value' FROM health_events WHERE user_id = ? ORDER BY occurred_at"));
  }

  @Test
  void an_implausible_value_in_a_fhir_bundle_is_a_bad_record_naming_its_entry_and_the_range() {
    UUID user = io.newUser();
    String bundle = BUNDLE.replace("\"value\":154", "\"value\":1560").replace("\"value\":80,", "\"value\":130,");

    ImportSummary s = io.importText(user, bundle, ImportFormat.FHIR, false);

    assertThat(s.imported()).isEqualTo(2);
    assertThat(s.problems()).extracting(p -> p.element() + " " + p.field() + ": " + p.message()).containsExactly(
        "entry[1] valueQuantity.value: 1560 [lb_av] is 707.6 kg, outside the plausible 0.5 to 700 kg",
        "entry[3] component: the systolic value must be higher than diastolic");
  }

  @Test
  void an_implausible_value_in_an_apple_health_export_is_a_bad_record_naming_its_element_and_the_range() {
    UUID user = io.newUser();
    String xml = EXPORT_XML.replace("value=\"98.6\"", "value=\"986\"");

    ImportSummary s = io.importText(user, xml, ImportFormat.APPLE_HEALTH, false);

    assertThat(s.imported()).isEqualTo(3);
    assertThat(s.problems()).extracting(p -> p.element() + " " + p.field() + ": " + p.message())
        .containsExactly("Record 3 value: 986 degF is 530 °C, outside the plausible 25 to 45 °C");
  }

  @Test
  void apple_healths_glucose_in_mmol_per_litre_is_stored_as_it_is() {
    UUID user = io.newUser();

    io.importText(user, EXPORT_XML.replace("unit=\"mg/dL\"", "unit=\"mmol&lt;180.1558800000541&gt;/L\"").replace("value=\"99\"", "value=\"5.5\""),
        ImportFormat.APPLE_HEALTH, true);

    assertThat(stored(user).getFirst()).isEqualTo("2024-03-11 13:00:00+00|glucose|5.5|mmol/L");
  }

  @Test
  void every_unit_a_vital_is_accepted_in_has_a_ucum_code_that_reads_back_as_that_unit() {
    for (Vital v : Vital.values()) {
      for (String unit : v.units.spellings()) {
        String code = v.ucumCode(unit);
        assertThat(code).as(v.measure + " " + unit).isNotNull();
        assertThat(v.fromUcum(code)).as(code).isEqualTo(unit);
      }
    }
    assertThat(Vital.values()).extracting(v -> v.units).containsExactlyInAnyOrder(VitalUnits.values());
  }

  private static byte[] export(UUID user) {
    var out = new ByteArrayOutputStream();
    io.exports.export(user, ExportFormat.FHIR, null, null, Set.of(), out);
    return out.toByteArray();
  }
}
