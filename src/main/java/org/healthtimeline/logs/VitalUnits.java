package org.healthtimeline.logs;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The one unit each vital measure is stored in, the units it is accepted in (any letter case), and the plausible
 * range of a value in the stored unit. Conversions are exact by definition (pound, stone, kPa, kelvin,
 * Fahrenheit) or by the molar mass of glucose (180.16 g/mol: 1 mmol/L = 18.016 mg/dL).
 */
enum VitalUnits {
  WEIGHT("weight", "kg", 2, "0.5", "700", Map.of("kg", v -> v, "g", v -> v.movePointLeft(3),
      "lb", VitalUnits::pounds, "lbs", VitalUnits::pounds, "st", v -> v.multiply(new BigDecimal("6.35029318")))),
  HEART_RATE("heart_rate", "bpm", 1, "20", "300", Map.of("bpm", v -> v, "/min", v -> v)),
  BLOOD_PRESSURE("blood_pressure", "mmHg", 1, "20", "300", Map.of("mmHg", v -> v, "kPa", v -> v.multiply(new BigDecimal("7.50061683")))),
  GLUCOSE("glucose", "mmol/L", 2, "0.5", "60", Map.of("mmol/L", v -> v, "mg/dL", v -> v.divide(new BigDecimal("18.016"), MathContext.DECIMAL64))),
  TEMPERATURE("temperature", "°C", 2, "25", "45", Map.of("°C", v -> v, "C", v -> v, "°F", VitalUnits::fahrenheit,
      "F", VitalUnits::fahrenheit, "K", v -> v.subtract(new BigDecimal("273.15"))));

  final String measure;
  final String unit;
  final BigDecimal min;
  final BigDecimal max;
  private final int scale;
  private final Map<String, UnaryOperator<BigDecimal>> byLowerCase = new LinkedHashMap<>();
  private final List<String> spellings;

  VitalUnits(String measure, String unit, int scale, String min, String max, Map<String, UnaryOperator<BigDecimal>> from) {
    this.measure = measure;
    this.unit = unit;
    this.scale = scale;
    this.min = new BigDecimal(min);
    this.max = new BigDecimal(max);
    from.forEach((spelling, op) -> byLowerCase.put(spelling.toLowerCase(Locale.ROOT), op));
    this.spellings = from.keySet().stream().sorted().toList();
  }

  static VitalUnits of(String measure) {
    return Arrays.stream(values()).filter(v -> v.measure.equals(measure)).findFirst().orElse(null);
  }

  static List<String> measures() {
    return Arrays.stream(values()).map(v -> v.measure).toList();
  }

  /** The units a value may come in, for an error message. */
  String accepted() {
    return String.join(", ", spellings);
  }

  boolean accepts(String unit) {
    return byLowerCase.containsKey(unit.toLowerCase(Locale.ROOT));
  }

  /** {@code value} in {@code unit} (one that {@link #accepts} takes), in this measure's unit, rounded to its scale. */
  BigDecimal convert(BigDecimal value, String unit) {
    BigDecimal v = byLowerCase.get(unit.toLowerCase(Locale.ROOT)).apply(value);
    if (v.scale() > scale) v = v.setScale(scale, RoundingMode.HALF_UP);
    v = v.stripTrailingZeros();
    return v.scale() < 0 ? v.setScale(0) : v;
  }

  private static BigDecimal pounds(BigDecimal v) {
    return v.multiply(new BigDecimal("0.45359237"));
  }

  private static BigDecimal fahrenheit(BigDecimal v) {
    return v.subtract(BigDecimal.valueOf(32)).multiply(BigDecimal.valueOf(5)).divide(BigDecimal.valueOf(9), MathContext.DECIMAL64);
  }
}
