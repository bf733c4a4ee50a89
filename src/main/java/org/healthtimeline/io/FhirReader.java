package org.healthtimeline.io;

import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IParser;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.CharConversionException;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.healthtimeline.logs.VitalUnits;
import org.healthtimeline.web.Json;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;

/**
 * A FHIR R4 Bundle of Observations, read entry by entry (the Bundle is never held whole): each entry's resource
 * is parsed by HAPI FHIR and becomes one vital event (a blood-pressure panel one event with both values). The
 * LOINC codes and UCUM units are those of {@link Vital}, converted by the Quantity's {@code code} as
 * {@link VitalUnits} converts. An Observation entered in error, or without a value, is skipped with its reason;
 * an unknown code or unit, or an implausible value, is a bad record. The key is the Observation's identifier,
 * else its fullUrl, else its id.
 */
final class FhirReader implements FormatReader {
  /** Reads one entry at a time: the app's mapper refuses anything after the first value, as a request should. */
  private static final ObjectMapper TREES = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .disable(com.fasterxml.jackson.core.JsonParser.Feature.AUTO_CLOSE_SOURCE);

  private final IParser fhir = Fhir.r4().newJsonParser();

  @Override
  public void read(InputStream in, RecordSink sink) throws IOException {
    try (JsonParser p = TREES.createParser(in)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new BadFile(Position.line(p.currentLocation().getLineNr()), "is not a FHIR Bundle: a JSON object is expected");
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        p.nextToken();
        if (name.equals("resourceType")) {
          if (!"Bundle".equals(p.getText())) {
            throw new BadFile(Position.line(p.currentLocation().getLineNr()), "is a FHIR " + p.getText() + ", not a Bundle of Observations");
          }
        } else if (name.equals("entry") && p.currentToken() == JsonToken.START_ARRAY) {
          int i = 0;
          while (p.nextToken() != JsonToken.END_ARRAY) {
            var at = new Position(p.currentLocation().getLineNr(), "entry[" + i++ + "]");
            entry(at, p.readValueAsTree(), sink);
          }
        } else {
          p.skipChildren();
        }
      }
    } catch (JsonEOFException e) {
      throw new BadFile(Position.line(e.getLocation() == null ? 0 : e.getLocation().getLineNr()), "the JSON ends early (a truncated file?)");
    } catch (JsonProcessingException e) {
      throw new BadFile(Position.line(e.getLocation() == null ? 0 : e.getLocation().getLineNr()), "malformed JSON: " + e.getOriginalMessage());
    } catch (CharConversionException e) {
      throw new BadFile(Position.line(0), "is not JSON text in UTF-8: " + e.getMessage());
    }
  }

  private void entry(Position at, JsonNode entry, RecordSink sink) {
    JsonNode resource = entry.path("resource");
    if (!resource.isObject()) {
      sink.bad(at, "resource", "is missing: each entry of the Bundle holds a resource");
      return;
    }
    String type = resource.path("resourceType").asText("");
    if (!type.equals("Observation")) {
      sink.skipped("not an Observation: " + (type.isEmpty() ? "no resourceType" : type));
      return;
    }
    Observation obs;
    try {
      obs = fhir.parseResource(Observation.class, resource.toString());
    } catch (DataFormatException e) {
      sink.bad(at, null, "is not a valid FHIR R4 Observation: " + e.getMessage());
      return;
    }
    observation(at, obs, entry.path("fullUrl").asText(null), sink);
  }

  private static void observation(Position at, Observation obs, String fullUrl, RecordSink sink) {
    if (obs.getStatus() == Observation.ObservationStatus.ENTEREDINERROR || obs.getStatus() == Observation.ObservationStatus.CANCELLED) {
      sink.skipped("status " + obs.getStatus().toCode());
      return;
    }
    Optional<Vital> vital = obs.getCode().getCoding().stream()
        .filter(c -> Vital.LOINC.equals(c.getSystem())).map(Coding::getCode).map(Vital::byLoinc).flatMap(Optional::stream).findFirst();
    if (vital.isEmpty()) {
      String codes = String.join(", ", obs.getCode().getCoding().stream().map(c -> c.getSystem() + "|" + c.getCode()).toList());
      sink.bad(at, "code", "has no LOINC code of a vital sign we import (" + Vital.loincCodes() + "); it has " + (codes.isEmpty() ? "none" : codes));
      return;
    }
    Vital v = vital.get();
    ObjectNode data = Json.MAPPER.createObjectNode().put("measure", v.measure);
    String problem = v == Vital.BLOOD_PRESSURE ? panel(obs, data) : single(obs, v, data);
    if (problem != null) {
      if (problem.startsWith("no value")) sink.skipped(problem);
      else sink.bad(at, problem.substring(0, problem.indexOf(": ")), problem.substring(problem.indexOf(": ") + 2));
      return;
    }
    data.put("loinc", v.loinc);
    ObjectNode body = Json.MAPPER.createObjectNode().put("type", "vital").put("subtype", v.measure);
    if (!effective(obs, body)) {
      sink.bad(at, "effective[x]", "is required: an effectiveDateTime, effectiveInstant or effectivePeriod with a start");
      return;
    }
    body.set("data", data);
    if (obs.hasDevice() && obs.getDevice().hasDisplay()) body.put("origin", obs.getDevice().getDisplay());
    key(obs, fullUrl, body);
    sink.event(at, body, false);
  }

  /** A value in the stored unit with the original beside it; or why not ("field: message", "no value ..."). */
  private static String single(Observation obs, Vital v, ObjectNode data) {
    if (!obs.hasValue()) return noValue(obs);
    if (!obs.hasValueQuantity()) return "value[x]: must be a valueQuantity for " + v.display.toLowerCase(Locale.ROOT);
    Quantity q = obs.getValueQuantity();
    String problem = quantity(q, v, "valueQuantity");
    if (problem != null) return problem;
    data.set("value", EventShapes.number(stored(q, v)));
    data.put("unit", v.units.unit);
    data.putObject("original").<ObjectNode>set("value", EventShapes.number(q.getValue())).put("unit", q.getCode());
    return null;
  }

  private static String panel(Observation obs, ObjectNode data) {
    Quantity systolic = component(obs, Vital.SYSTOLIC);
    Quantity diastolic = component(obs, Vital.DIASTOLIC);
    if (systolic == null && diastolic == null) return noValue(obs);
    if (systolic == null || diastolic == null) return "component: a blood pressure panel needs both 8480-6 systolic and 8462-4 diastolic";
    for (Quantity q : List.of(systolic, diastolic)) {
      String problem = quantity(q, Vital.BLOOD_PRESSURE, "component.valueQuantity");
      if (problem != null) return problem;
    }
    if (!systolic.getCode().equals(diastolic.getCode())) return "component.valueQuantity.code: systolic and diastolic must have the same unit";
    Vital bp = Vital.BLOOD_PRESSURE;
    BigDecimal s = stored(systolic, bp);
    BigDecimal d = stored(diastolic, bp);
    String inverted = VitalUnits.implausible(s, d);
    if (inverted != null) return "component: the systolic value " + inverted;
    data.set("systolic", EventShapes.number(s));
    data.set("diastolic", EventShapes.number(d));
    data.put("unit", bp.units.unit);
    data.putObject("original").<ObjectNode>set("systolic", EventShapes.number(systolic.getValue()))
        .<ObjectNode>set("diastolic", EventShapes.number(diastolic.getValue())).put("unit", systolic.getCode());
    return null;
  }

  private static Quantity component(Observation obs, String loinc) {
    for (var c : obs.getComponent()) {
      boolean named = c.getCode().getCoding().stream().anyMatch(k -> Vital.LOINC.equals(k.getSystem()) && loinc.equals(k.getCode()));
      if (named && c.hasValueQuantity()) return c.getValueQuantity();
    }
    return null;
  }

  private static String quantity(Quantity q, Vital v, String field) {
    if (!q.hasValue()) return field + ".value: is required";
    if (!q.hasCode()) return field + ".code: is required (a UCUM unit code; the human-readable unit is not converted)";
    if (v.fromUcum(q.getCode()) == null) {
      return field + ".code: UCUM unit '" + q.getCode() + "' is not one we convert for " + v.display.toLowerCase(Locale.ROOT) + " (" + v.ucumCodes() + ")";
    }
    String implausible = v.units.implausible(stored(q, v));
    return implausible == null ? null : field + ".value: " + q.getValue().toPlainString() + " " + q.getCode() + " " + implausible;
  }

  private static BigDecimal stored(Quantity q, Vital v) {
    return v.units.convert(q.getValue(), v.fromUcum(q.getCode()));
  }

  private static String noValue(Observation obs) {
    String reason = obs.hasDataAbsentReason() && obs.getDataAbsentReason().hasCoding()
        ? obs.getDataAbsentReason().getCodingFirstRep().getCode() : "none given";
    return "no value (dataAbsentReason: " + reason + ")";
  }

  /** occurred_at (and ended_at) from effective[x], with the offset it was written with. */
  private static boolean effective(Observation obs, ObjectNode body) {
    if (obs.hasEffectiveDateTimeType()) {
      body.put("occurred_at", obs.getEffectiveDateTimeType().getValueAsString());
    } else if (obs.hasEffectiveInstantType()) {
      body.put("occurred_at", obs.getEffectiveInstantType().getValueAsString());
    } else if (obs.hasEffectivePeriod() && obs.getEffectivePeriod().hasStart()) {
      body.put("occurred_at", obs.getEffectivePeriod().getStartElement().getValueAsString());
      if (obs.getEffectivePeriod().hasEnd()) body.put("ended_at", obs.getEffectivePeriod().getEndElement().getValueAsString());
    } else {
      return false;
    }
    return true;
  }

  /** Our own export's identifiers give back the event's key; any other identifier, the fullUrl or the id make one. */
  private static void key(Observation obs, String fullUrl, ObjectNode body) {
    for (Identifier id : obs.getIdentifier()) {
      String system = id.getSystem() == null ? "" : id.getSystem();
      if (!id.hasValue()) continue;
      if (system.equals(Fhir.DEDUPE_KEY)) {
        body.put("dedupe_key", id.getValue());
      } else if (system.equals(Fhir.EVENT_ID)) {
        body.put("id", id.getValue());
      } else if (system.startsWith(Fhir.SOURCE)) {
        body.put("source_table", system.substring(Fhir.SOURCE.length())).put("source_id", id.getValue());
      } else {
        body.put("dedupe_key", shorten("fhir:" + system + "|" + id.getValue()));
      }
      return;
    }
    if (fullUrl != null && !fullUrl.isBlank()) body.put("dedupe_key", shorten("fhir:" + fullUrl));
    else if (obs.hasIdElement() && obs.getIdElement().hasIdPart()) body.put("dedupe_key", shorten("fhir:Observation/" + obs.getIdElement().getIdPart()));
  }

  /** A key over the 200 characters a dedupe_key may have keeps its start and a digest of the whole. */
  private static String shorten(String key) {
    if (key.length() <= 200) return key;
    try {
      byte[] h = java.security.MessageDigest.getInstance("SHA-256").digest(key.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return key.substring(0, 160) + "#" + java.util.HexFormat.of().formatHex(h, 0, 16);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
