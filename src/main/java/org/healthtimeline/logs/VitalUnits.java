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
import java.util.stream.Stream;

/**
 * The one definition of the vital units, for every way a vital reaches the timeline (the vitals route, the FHIR
 * and Apple Health imports): the unit each measure is stored in, the units it is accepted in (any letter case),
 * the conversions, and the plausible range of a value in the stored unit. Conversions are exact by definition
 * (pound, stone, kPa, kelvin, Fahrenheit) or by the molar mass of glucose (180.16 g/mol: 1 mmol/L = 18.016 mg/dL).
 */
public enum VitalUnits {
  WEIGHT("weight", "kg", 2, "0.5", "700", Map.of("kg", v -> v, "g", v -> v.movePointLeft(3),
      "lb", VitalUnits::pounds, "st", v -> v.multiply(new BigDecimal("6.35029318"))), Map.of("lbs", "lb")),
  HEART_RATE("heart_rate", "bpm", 1, "20", "300", Map.of("bpm", v -> v), Map.of("/min", "bpm")),
  BLOOD_PRESSURE("blood_pressure", "mmHg", 1, "20", "300", Map.of("mmHg", v -> v, "kPa", v -> v.multiply(new BigDecimal("7.50061683"))),
      Map.of()),
  GLUCOSE("glucose", "mmol/L", 2, "0.5", "60", Map.of("mmol/L", v -> v, "mg/dL", v -> v.divide(new BigDecimal("18.016"), MathContext.DECIMAL64)),
      Map.of()),
  TEMPERATURE("temperature", "°C", 2, "25", "45", Map.of("°C", v -> v, "°F", VitalUnits::fahrenheit,
      "K", v -> v.subtract(new BigDecimal("273.15"))), Map.of("C", "°C", "F", "°F"));

  public final String measure;
  /** The unit values of this measure are stored in. */
  public final String unit;
  private final BigDecimal min;
  private final BigDecimal max;
  private final int scale;
  private final Map<String, UnaryOperator<BigDecimal>> conversions;
  /** Every accepted unit in lower case, with its spelling as a key of {@link #conversions}. */
  private final Map<String, String> byLowerCase = new LinkedHashMap<>();
  private final List<String> accepted;

  VitalUnits(String measure, String unit, int scale, String min, String max, Map<String, UnaryOperator<BigDecimal>> from,
      Map<String, String> aliases) {
    this.measure = measure;
    this.unit = unit;
    this.scale = scale;
    this.min = new BigDecimal(min);
    this.max = new BigDecimal(max);
    this.conversions = from;
    from.keySet().forEach(spelling -> byLowerCase.put(spelling.toLowerCase(Locale.ROOT), spelling));
    aliases.forEach((alias, spelling) -> byLowerCase.put(alias.toLowerCase(Locale.ROOT), spelling));
    this.accepted = Stream.concat(from.keySet().stream(), aliases.keySet().stream()).sorted().toList();
  }

  /** The measure of this name, or null. */
  public static VitalUnits of(String measure) {
    return Arrays.stream(values()).filter(v -> v.measure.equals(measure)).findFirst().orElse(null);
  }

  public static List<String> measures() {
    return Arrays.stream(values()).map(v -> v.measure).toList();
  }

  /** The units a value may come in, aliases included, for an error message. */
  public String accepted() {
    return String.join(", ", accepted);
  }

  /** The units a value may come in as we spell them (lb, not lbs), each once. */
  public List<String> spellings() {
    return conversions.keySet().stream().sorted().toList();
  }

  public boolean accepts(String unit) {
    return spelling(unit) != null;
  }

  /** An accepted unit in any letter case or alias as we spell it ("LBS" is "lb", "F" is "°F"), or null. */
  public String spelling(String unit) {
    return byLowerCase.get(unit.toLowerCase(Locale.ROOT));
  }

  /** {@code value} in {@code unit} (one that {@link #accepts} takes), in this measure's unit, rounded to its scale. */
  public BigDecimal convert(BigDecimal value, String unit) {
    BigDecimal v = conversions.get(spelling(unit)).apply(value);
    if (v.scale() > scale) v = v.setScale(scale, RoundingMode.HALF_UP);
    v = v.stripTrailingZeros();
    return v.scale() < 0 ? v.setScale(0) : v;
  }

  /** Why a value in the stored unit is not plausible for this measure ("is 907.18 kg, outside ..."), or null. */
  public String implausible(BigDecimal stored) {
    if (stored.compareTo(min) >= 0 && stored.compareTo(max) <= 0) return null;
    return "is " + stored.toPlainString() + " " + unit + ", outside the plausible " + min.toPlainString() + " to "
        + max.toPlainString() + " " + unit;
  }

  /** Why a blood pressure reading is not plausible as a pair (its range aside), or null. */
  public static String implausible(BigDecimal systolic, BigDecimal diastolic) {
    return systolic.compareTo(diastolic) > 0 ? null : "must be higher than diastolic";
  }

  private static BigDecimal pounds(BigDecimal v) {
    return v.multiply(new BigDecimal("0.45359237"));
  }

  private static BigDecimal fahrenheit(BigDecimal v) {
    return v.subtract(BigDecimal.valueOf(32)).multiply(BigDecimal.valueOf(5)).divide(BigDecimal.valueOf(9), MathContext.DECIMAL64);
  }
}
