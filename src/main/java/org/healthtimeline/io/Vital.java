package org.healthtimeline.io;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.healthtimeline.logs.VitalUnits;

/**
 * What the FHIR and Apple Health formats add to the vital units of {@link VitalUnits} (which alone decides the
 * stored unit, the conversions and the plausible range): each measure's LOINC code, the UCUM code of each of our
 * units, and Apple Health's own unit spellings.
 */
enum Vital {
  WEIGHT(VitalUnits.WEIGHT, "29463-7", "Body weight", Map.of("kg", "kg", "g", "g", "lb", "[lb_av]", "st", "[stone_av]"), Map.of()),
  HEART_RATE(VitalUnits.HEART_RATE, "8867-4", "Heart rate", Map.of("bpm", "/min"), Map.of("{beats}/min", "bpm", "{Beats}/min", "bpm")),
  BLOOD_PRESSURE(VitalUnits.BLOOD_PRESSURE, "85354-9", "Blood pressure panel with all children optional",
      Map.of("mmHg", "mm[Hg]", "kPa", "kPa"), Map.of()),
  TEMPERATURE(VitalUnits.TEMPERATURE, "8310-5", "Body temperature", Map.of("°C", "Cel", "°F", "[degF]", "K", "K"), Map.of()),
  GLUCOSE(VitalUnits.GLUCOSE, "2339-0", "Glucose [Mass/volume] in Blood", Map.of("mmol/L", "mmol/L", "mg/dL", "mg/dL"), Map.of());

  static final String LOINC = "http://loinc.org";
  static final String UCUM = "http://unitsofmeasure.org";
  static final String SYSTOLIC = "8480-6";
  static final String DIASTOLIC = "8462-4";
  /** Apple Health's unit spellings that are not ours (its mmol/L of glucose names the molar mass it uses). */
  private static final Map<String, String> APPLE = Map.of("count/min", "bpm", "degC", "°C", "degF", "°F",
      "mmol<180.1558800000541>/L", "mmol/L");

  final VitalUnits units;
  final String measure;
  final String loinc;
  final String display;
  /** Each of our spellings of {@link #units} with the UCUM code a FHIR export writes for it. */
  private final Map<String, String> toUcum;
  /** UCUM codes (case-sensitive, as UCUM is) with our spelling: those of toUcum and a few more read on import. */
  private final Map<String, String> fromUcum = new HashMap<>();

  Vital(VitalUnits units, String loinc, String display, Map<String, String> toUcum, Map<String, String> moreUcumCodes) {
    this.units = units;
    this.measure = units.measure;
    this.loinc = loinc;
    this.display = display;
    this.toUcum = toUcum;
    toUcum.forEach((ours, code) -> fromUcum.put(code, ours));
    fromUcum.putAll(moreUcumCodes);
  }

  static Optional<Vital> byLoinc(String code) {
    return Arrays.stream(values()).filter(v -> v.loinc.equals(code)).findFirst();
  }

  static Optional<Vital> byMeasure(String measure) {
    return Arrays.stream(values()).filter(v -> v.measure.equals(measure)).findFirst();
  }

  static String loincCodes() {
    return String.join(", ", Arrays.stream(values()).map(v -> v.loinc + " " + v.display.toLowerCase(Locale.ROOT)).toList());
  }

  /** Our spelling of a UCUM code, or null when it is not one of this measure's. */
  String fromUcum(String code) {
    return fromUcum.get(code);
  }

  /** The UCUM codes read for this measure, for an error message. */
  String ucumCodes() {
    return String.join(", ", fromUcum.keySet().stream().sorted().toList());
  }

  /** An Apple Health unit (or one of ours, in any letter case) as we spell it, or null when this measure has no such unit. */
  String fromApple(String unit) {
    return units.spelling(APPLE.getOrDefault(unit, unit));
  }

  /** The UCUM code of a unit stored with a value of this measure: a UCUM code, one of ours or Apple's; null when none. */
  String ucumCode(String unit) {
    if (fromUcum.containsKey(unit)) return unit;
    String ours = fromApple(unit);
    return ours == null ? null : toUcum.get(ours);
  }
}
