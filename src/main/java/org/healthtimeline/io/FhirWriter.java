package org.healthtimeline.io;

import ca.uhn.fhir.parser.IParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Quantity;

/**
 * A FHIR R4 Bundle (type collection) of vital-sign Observations, one per vital event of a measure {@link Vital}
 * knows, written entry by entry. The value is the one originally recorded, in its UCUM unit, so that the FHIR
 * import gives back the same event; the event's key travels as an identifier. Other events are left out.
 */
final class FhirWriter implements EventWriter {
  private static final String CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category";

  private final OutputStream out;
  private final IParser fhir = Fhir.r4().newJsonParser();
  private boolean first = true;

  FhirWriter(OutputStream out) {
    this.out = out;
  }

  @Override
  public void begin() throws IOException {
    out.write(("{\"resourceType\":\"Bundle\",\"type\":\"collection\",\"timestamp\":\"" + Instant.now() + "\",\"entry\":[")
        .getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public void write(ObjectNode e) throws IOException {
    if (!e.path("type").asText().equals("vital")) return;
    Optional<Vital> vital = Vital.byMeasure(e.path("data").path("measure").asText());
    if (vital.isEmpty()) return;
    Observation obs = observation(e, vital.get());
    if (obs == null) return;
    String entry = (first ? "" : ",") + "{\"fullUrl\":\"urn:uuid:" + e.get("id").asText() + "\",\"resource\":"
        + fhir.encodeResourceToString(obs) + "}";
    first = false;
    out.write(entry.getBytes(StandardCharsets.UTF_8));
  }

  private static Observation observation(ObjectNode e, Vital v) {
    JsonNode data = e.get("data");
    var obs = new Observation();
    obs.setStatus(Observation.ObservationStatus.FINAL);
    obs.addCategory().addCoding().setSystem(CATEGORY).setCode("vital-signs").setDisplay("Vital Signs");
    obs.getCode().addCoding().setSystem(Vital.LOINC).setCode(v.loinc).setDisplay(v.display);
    identify(e, obs);
    int offset = e.path("utc_offset_minutes").asInt();
    String start = NdjsonWriter.local(e.get("occurred_at"), offset);
    if (e.hasNonNull("ended_at")) {
      obs.setEffective(new Period().setStartElement(new DateTimeType(start)).setEndElement(new DateTimeType(NdjsonWriter.local(e.get("ended_at"), offset))));
    } else {
      obs.setEffective(new DateTimeType(start));
    }
    if (e.hasNonNull("origin")) obs.getDevice().setDisplay(e.get("origin").asText());
    JsonNode original = data.path("original");
    if (v == Vital.BLOOD_PRESSURE) {
      Quantity systolic = quantity(v, data.path("systolic"), data.path("unit"), original.path("systolic"), original.path("unit"));
      Quantity diastolic = quantity(v, data.path("diastolic"), data.path("unit"), original.path("diastolic"), original.path("unit"));
      if (systolic == null || diastolic == null) return null;
      obs.addComponent().setValue(systolic).getCode().addCoding().setSystem(Vital.LOINC).setCode(Vital.SYSTOLIC).setDisplay("Systolic blood pressure");
      obs.addComponent().setValue(diastolic).getCode().addCoding().setSystem(Vital.LOINC).setCode(Vital.DIASTOLIC).setDisplay("Diastolic blood pressure");
    } else {
      Quantity q = quantity(v, data.path("value"), data.path("unit"), original.path("value"), original.path("unit"));
      if (q == null) return null;
      obs.setValue(q);
    }
    return obs;
  }

  private static void identify(ObjectNode e, Observation obs) {
    if (e.hasNonNull("dedupe_key")) obs.addIdentifier().setSystem(Fhir.DEDUPE_KEY).setValue(e.get("dedupe_key").asText());
    else if (e.hasNonNull("source_id")) obs.addIdentifier().setSystem(Fhir.SOURCE + e.get("source_table").asText()).setValue(e.get("source_id").asText());
    else obs.addIdentifier().setSystem(Fhir.EVENT_ID).setValue(e.get("id").asText());
  }

  /**
   * The original value with the UCUM code of its unit (the unit as recorded is the display unit) when there is one,
   * else the stored value with its unit's code; null (the event is left out) for a unit UCUM cannot name here,
   * which only an event written without the vitals route's checks can have.
   */
  private static Quantity quantity(Vital v, JsonNode value, JsonNode unit, JsonNode originalValue, JsonNode originalUnit) {
    String originalCode = originalUnit.isTextual() ? v.ucumCode(originalUnit.asText()) : null;
    if (originalValue.isNumber() && originalCode != null) return ucum(originalValue.decimalValue(), originalUnit.asText(), originalCode);
    String code = unit.isTextual() ? v.ucumCode(unit.asText()) : null;
    return value.isNumber() && code != null ? ucum(value.decimalValue(), unit.asText(), code) : null;
  }

  private static Quantity ucum(BigDecimal value, String unit, String code) {
    return new Quantity().setValue(value).setUnit(unit).setSystem(Vital.UCUM).setCode(code);
  }

  @Override
  public void end() throws IOException {
    out.write("]}\n".getBytes(StandardCharsets.UTF_8));
  }
}
