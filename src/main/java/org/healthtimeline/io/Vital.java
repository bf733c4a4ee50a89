package org.healthtimeline.io;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

/**
 * The vital signs the FHIR and Apple Health importers know: each one's {@code measure} in our vital events, its
 * LOINC code, its canonical unit, and the units converted to it (UCUM codes, and Apple Health's own spellings).
 * A converted value is rounded to two decimals; the original value and unit are kept beside it.
 */
enum Vital {
  WEIGHT("weight", "29463-7", "Body weight", "kg", "kg",
      Map.of("kg", "1", "[lb_av]", "0.45359237", "lb", "0.45359237", "g", "0.001")),
  HEART_RATE("heart_rate", "8867-4", "Heart rate", "bpm", "/min",
      Map.of("/min", "1", "{beats}/min", "1", "{Beats}/min", "1", "count/min", "1", "bpm", "1")),
  BLOOD_PRESSURE("blood_pressure", "85354-9", "Blood pressure panel with all children optional", "mmHg", "mm[Hg]",
      Map.of("mm[Hg]", "1", "mmHg", "1")),
  TEMPERATURE("temperature", "8310-5", "Body temperature", "°C", "Cel",
      Map.of("Cel", "1", "degC", "1", "[degF]", "F", "degF", "F")),
  GLUCOSE("glucose", "2339-0", "Glucose [Mass/volume] in Blood", "mg/dL", "mg/dL",
      Map.of("mg/dL", "1", "mmol/L", "18.016"));

  static final String LOINC = "http://loinc.org";
  static final String UCUM = "http://unitsofmeasure.org";
  static final String SYSTOLIC = "8480-6";
  static final String DIASTOLIC = "8462-4";
  /** Apple Health's unit spellings as UCUM codes, for a FHIR export of what Apple Health imported. */
  private static final Map<String, String> AS_UCUM = Map.of("lb", "[lb_av]", "count/min", "/min", "bpm", "/min",
      "mmHg", "mm[Hg]", "degF", "[degF]", "degC", "Cel", "°C", "Cel");

  final String measure;
  final String loinc;
  final String display;
  final String unit;
  final String ucum;
  private final Map<String, String> factors;

  Vital(String measure, String loinc, String display, String unit, String ucum, Map<String, String> factors) {
    this.measure = measure;
    this.loinc = loinc;
    this.display = display;
    this.unit = unit;
    this.ucum = ucum;
    this.factors = factors;
  }

  static Optional<Vital> byLoinc(String code) {
    return Arrays.stream(values()).filter(v -> v.loinc.equals(code)).findFirst();
  }

  static Optional<Vital> byMeasure(String measure) {
    return Arrays.stream(values()).filter(v -> v.measure.equals(measure)).findFirst();
  }

  static String loincCodes() {
    return String.join(", ", Arrays.stream(values()).map(v -> v.loinc + " " + v.display.toLowerCase(java.util.Locale.ROOT)).toList());
  }

  /** The value in the canonical unit, or empty when {@code fromUnit} is not one this measure converts. */
  Optional<BigDecimal> canonical(BigDecimal value, String fromUnit) {
    String factor = factors.get(fromUnit);
    if (factor == null) return Optional.empty();
    if (factor.equals("1")) return Optional.of(value);
    BigDecimal converted = factor.equals("F")
        ? value.subtract(BigDecimal.valueOf(32)).multiply(BigDecimal.valueOf(5)).divide(BigDecimal.valueOf(9), MathContext.DECIMAL64)
        : value.multiply(new BigDecimal(factor));
    return Optional.of(converted.setScale(2, RoundingMode.HALF_UP));
  }

  String units() {
    return String.join(", ", factors.keySet().stream().sorted().toList());
  }

  /** A unit as a UCUM code: UCUM codes as they are, Apple Health's spellings translated; empty when unknown. */
  Optional<String> ucumCode(String unit) {
    String code = AS_UCUM.getOrDefault(unit, unit);
    return factors.containsKey(code) && !AS_UCUM.containsKey(code) ? Optional.of(code) : Optional.empty();
  }
}
