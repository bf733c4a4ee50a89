package org.healthtimeline.io;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.healthtimeline.logs.VitalUnits;
import org.healthtimeline.web.Json;

/**
 * An Apple Health {@code export.xml} (1-4 GB for real users), read as a stream with StAX: one top-level element
 * in memory at a time. The DOCTYPE every export has is allowed; external entities and external DTDs are never
 * loaded. Mapping (the README has the table): heart rate, body mass and blood pressure become vital events,
 * steps a "Steps" tracker event, sleep analysis one sleep event per stage, a workout an exercise event; other
 * types are skipped as "unknown type". Each event keeps its source (origin, and name/version/device in data) and
 * its unit. Its key holds type, start, end, value and unit but not the source, so the same measurement reported
 * by two sources is stored once.
 *
 * <p>Apple repeats the systolic and diastolic records of a blood-pressure correlation as top-level records.
 * Top-level halves wait until the end of the file: those a correlation claimed are counted as part of it, the
 * others are paired into readings of their own.
 */
final class AppleHealthReader implements FormatReader {
  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss Z", Locale.ROOT);
  private static final String QUANTITY = "HKQuantityTypeIdentifier";
  private static final String CATEGORY = "HKCategoryTypeIdentifier";
  private static final String SYSTOLIC = QUANTITY + "BloodPressureSystolic";
  private static final String DIASTOLIC = QUANTITY + "BloodPressureDiastolic";
  private static final Map<String, String> SLEEP_STAGES = Map.of(
      "HKCategoryValueSleepAnalysisInBed", "in_bed", "HKCategoryValueSleepAnalysisAwake", "awake",
      "HKCategoryValueSleepAnalysisAsleep", "asleep", "HKCategoryValueSleepAnalysisAsleepUnspecified", "asleep",
      "HKCategoryValueSleepAnalysisAsleepCore", "core", "HKCategoryValueSleepAnalysisAsleepDeep", "deep",
      "HKCategoryValueSleepAnalysisAsleepREM", "rem");

  /** A top-level element with its attributes and children, as far as the mapping needs them. */
  private record Element(String name, Position at, Map<String, String> attributes, Map<String, String> metadata,
      List<Element> children) {
    String get(String attribute) {
      return attributes.get(attribute);
    }

    String getOrDefault(String attribute, String otherwise) {
      return attributes.getOrDefault(attribute, otherwise);
    }
  }

  /** Top-level blood-pressure halves, waiting to be claimed by a correlation or paired at the end. */
  private final Map<String, Element> halves = new LinkedHashMap<>();
  private final Map<String, Integer> counters = new HashMap<>();

  @Override
  public void read(InputStream in, RecordSink sink) throws IOException {
    XMLStreamReader xml;
    try {
      xml = factory().createXMLStreamReader(in);
    } catch (XMLStreamException e) {
      throw bad(e);
    }
    try {
      int depth = 0;
      while (xml.hasNext()) {
        int event = xml.next();
        if (event == XMLStreamConstants.START_ELEMENT) {
          depth++;
          if (depth == 1 && !xml.getLocalName().equals("HealthData")) {
            throw new BadFile(Position.line(xml.getLocation().getLineNumber()),
                "is not an Apple Health export: its root element is <" + xml.getLocalName() + ">, not <HealthData>");
          }
          if (depth == 2) {
            Element e = element(xml);
            depth--;
            topLevel(e, sink);
          }
        } else if (event == XMLStreamConstants.END_ELEMENT) {
          depth--;
        }
      }
    } catch (XMLStreamException e) {
      throw bad(e);
    } finally {
      closeQuietly(xml);
    }
    pairLeftHalves(sink);
  }

  private static XMLInputFactory factory() {
    XMLInputFactory f = XMLInputFactory.newDefaultFactory();
    f.setProperty(XMLInputFactory.SUPPORT_DTD, true);
    f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    f.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
    f.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
    f.setProperty("http://java.sun.com/xml/stream/properties/ignore-external-dtd", true);
    return f;
  }

  /** Reads the element the reader is at, with its whole subtree, and leaves the reader at its end tag. */
  private Element element(XMLStreamReader xml) throws XMLStreamException {
    String name = xml.getLocalName();
    int n = counters.merge(name, 1, Integer::sum);
    var at = new Position(xml.getLocation().getLineNumber(), name + " " + n);
    var attributes = new HashMap<String, String>();
    for (int i = 0; i < xml.getAttributeCount(); i++) attributes.put(xml.getAttributeLocalName(i), xml.getAttributeValue(i));
    var metadata = new LinkedHashMap<String, String>();
    var children = new ArrayList<Element>();
    while (true) {
      int event = xml.next();
      if (event == XMLStreamConstants.END_ELEMENT) break;
      if (event != XMLStreamConstants.START_ELEMENT) continue;
      if (xml.getLocalName().equals("MetadataEntry")) {
        metadata.put(xml.getAttributeValue(null, "key"), xml.getAttributeValue(null, "value"));
        skipToEnd(xml);
      } else {
        children.add(childElement(xml));
      }
    }
    return new Element(name, at, attributes, metadata, children);
  }

  private static Element childElement(XMLStreamReader xml) throws XMLStreamException {
    var at = new Position(xml.getLocation().getLineNumber(), xml.getLocalName());
    var attributes = new HashMap<String, String>();
    for (int i = 0; i < xml.getAttributeCount(); i++) attributes.put(xml.getAttributeLocalName(i), xml.getAttributeValue(i));
    String name = xml.getLocalName();
    skipToEnd(xml);
    return new Element(name, at, attributes, Map.of(), List.of());
  }

  private static void skipToEnd(XMLStreamReader xml) throws XMLStreamException {
    for (int depth = 1; depth > 0; ) {
      int event = xml.next();
      if (event == XMLStreamConstants.START_ELEMENT) depth++;
      else if (event == XMLStreamConstants.END_ELEMENT) depth--;
    }
  }

  private void topLevel(Element e, RecordSink sink) {
    switch (e.name()) {
      case "ExportDate", "Me" -> { }
      case "Record" -> record(e, sink);
      case "Correlation" -> correlation(e, sink);
      case "Workout" -> workout(e, sink);
      default -> sink.skipped("unknown element " + e.name());
    }
  }

  private void record(Element r, RecordSink sink) {
    String type = r.get("type");
    if (type == null) {
      sink.bad(r.at(), "type", "is missing");
      return;
    }
    switch (type) {
      case QUANTITY + "HeartRate" -> quantity(r, Vital.HEART_RATE, sink);
      case QUANTITY + "BodyMass" -> quantity(r, Vital.WEIGHT, sink);
      case QUANTITY + "BodyTemperature" -> quantity(r, Vital.TEMPERATURE, sink);
      case QUANTITY + "BloodGlucose" -> quantity(r, Vital.GLUCOSE, sink);
      case QUANTITY + "StepCount" -> steps(r, sink);
      case CATEGORY + "SleepAnalysis" -> sleep(r, sink);
      case SYSTOLIC, DIASTOLIC -> {
        if (halves.putIfAbsent(halfKey(r), r) != null) sink.skipped("repeated blood-pressure record");
      }
      default -> sink.skipped("unknown type " + type);
    }
  }

  private void quantity(Element r, Vital v, RecordSink sink) {
    BigDecimal value = number(r, "value", sink);
    if (value == null) return;
    String unit = r.get("unit");
    BigDecimal stored = stored(r, v, value, unit, "value", sink);
    if (stored == null) return;
    ObjectNode data = Json.MAPPER.createObjectNode().put("measure", v.measure);
    data.set("value", EventShapes.number(stored));
    data.put("unit", v.units.unit);
    data.putObject("original").<ObjectNode>set("value", EventShapes.number(value)).put("unit", unit);
    event(r, "vital", v.measure, data, short_(r.get("type")) + ":" + r.get("value") + ":" + unit, sink);
  }

  private void steps(Element r, RecordSink sink) {
    BigDecimal value = number(r, "value", sink);
    if (value == null) return;
    ObjectNode data = Json.MAPPER.createObjectNode().put("category_name", "Steps");
    data.putObject("data").set("steps", EventShapes.number(value));
    data.putObject("units").put("steps", r.getOrDefault("unit", "count"));
    event(r, "tracker", "Steps", data, "StepCount:" + r.get("value"), sink);
  }

  private void sleep(Element r, RecordSink sink) {
    String stage = SLEEP_STAGES.get(r.get("value"));
    if (stage == null) {
      sink.skipped("unknown sleep analysis value " + r.get("value"));
      return;
    }
    ObjectNode data = Json.MAPPER.createObjectNode().put("stage", stage);
    Duration length = length(r);
    if (length != null) data.put("minutes", length.toSeconds() / 60.0);
    event(r, "sleep", stage, data, "SleepAnalysis:" + stage, sink);
  }

  private void correlation(Element c, RecordSink sink) {
    if (!"HKCorrelationTypeIdentifierBloodPressure".equals(c.get("type"))) {
      sink.skipped("unknown type " + c.get("type"));
      return;
    }
    Element systolic = null;
    Element diastolic = null;
    for (Element child : c.children()) {
      if (SYSTOLIC.equals(child.get("type"))) systolic = child;
      if (DIASTOLIC.equals(child.get("type"))) diastolic = child;
    }
    if (systolic == null || diastolic == null) {
      sink.bad(c.at(), "Record", "a blood-pressure correlation needs a systolic and a diastolic record");
      return;
    }
    for (Element half : List.of(systolic, diastolic)) {
      if (halves.remove(halfKey(half)) != null) sink.skipped("blood-pressure record that its correlation holds");
    }
    bloodPressure(c, systolic, diastolic, sink);
  }

  private void bloodPressure(Element at, Element systolic, Element diastolic, RecordSink sink) {
    BigDecimal s = number(systolic, "value", sink);
    BigDecimal d = s == null ? null : number(diastolic, "value", sink);
    if (s == null || d == null) return;
    String unit = systolic.getOrDefault("unit", "mmHg");
    Vital bp = Vital.BLOOD_PRESSURE;
    BigDecimal storedS = stored(at, bp, s, unit, "systolic", sink);
    BigDecimal storedD = storedS == null ? null : stored(at, bp, d, unit, "diastolic", sink);
    if (storedD == null) return;
    String inverted = VitalUnits.implausible(storedS, storedD);
    if (inverted != null) {
      sink.bad(at.at(), "systolic", inverted);
      return;
    }
    ObjectNode data = Json.MAPPER.createObjectNode().put("measure", bp.measure);
    data.set("systolic", EventShapes.number(storedS));
    data.set("diastolic", EventShapes.number(storedD));
    data.put("unit", bp.units.unit);
    data.putObject("original").<ObjectNode>set("systolic", EventShapes.number(s))
        .<ObjectNode>set("diastolic", EventShapes.number(d)).put("unit", unit);
    event(at, "vital", bp.measure, data, "BloodPressure:" + systolic.get("value") + "/" + diastolic.get("value") + ":" + unit, sink);
  }

  /** The value in the measure's stored unit, or null when its unit is unknown or the value implausible (a bad record). */
  private static BigDecimal stored(Element e, Vital v, BigDecimal value, String unit, String field, RecordSink sink) {
    String ours = unit == null ? null : v.fromApple(unit);
    if (ours == null) {
      sink.bad(e.at(), "unit", "'" + unit + "' is not a unit we convert for " + v.measure + " (" + v.units.accepted() + ")");
      return null;
    }
    BigDecimal stored = v.units.convert(value, ours);
    String implausible = v.units.implausible(stored);
    if (implausible == null) return stored;
    sink.bad(e.at(), field, value.toPlainString() + " " + unit + " " + implausible);
    return null;
  }

  /** Halves no correlation claimed: a systolic and a diastolic of the same source and time are one reading. */
  private void pairLeftHalves(RecordSink sink) {
    var bySample = new LinkedHashMap<String, Element[]>();
    for (Element r : halves.values()) {
      String sample = r.get("sourceName") + "|" + r.get("startDate") + "|" + r.get("endDate");
      bySample.computeIfAbsent(sample, k -> new Element[2])[SYSTOLIC.equals(r.get("type")) ? 0 : 1] = r;
    }
    for (Element[] pair : bySample.values()) {
      if (pair[0] != null && pair[1] != null) bloodPressure(pair[0], pair[0], pair[1], sink);
      else sink.bad((pair[0] != null ? pair[0] : pair[1]).at(), "type", "a blood-pressure half without its other half");
    }
    halves.clear();
  }

  private void workout(Element w, RecordSink sink) {
    String type = w.getOrDefault("workoutActivityType", "HKWorkoutActivityTypeOther");
    String activity = words(type.replaceFirst("^HKWorkoutActivityType", ""));
    ObjectNode data = Json.MAPPER.createObjectNode().put("activity_type", activity);
    BigDecimal minutes = minutes(w.get("duration"), w.get("durationUnit"));
    Duration length = length(w);
    if (minutes == null && length != null) minutes = BigDecimal.valueOf(length.toSeconds()).divide(BigDecimal.valueOf(60), 2, java.math.RoundingMode.HALF_UP);
    if (minutes != null) data.set("duration_minutes", EventShapes.number(minutes));
    BigDecimal distance = kilometres(w.get("totalDistance"), w.get("totalDistanceUnit"));
    BigDecimal energy = kilocalories(w.get("totalEnergyBurned"), w.get("totalEnergyBurnedUnit"));
    for (Element s : w.children()) {
      if (!s.name().equals("WorkoutStatistics")) continue;
      String stat = s.getOrDefault("type", "");
      if (stat.endsWith("HeartRate")) {
        putNumber(data, "avg_heart_rate", s.get("average"));
        putNumber(data, "min_heart_rate", s.get("minimum"));
        putNumber(data, "max_heart_rate", s.get("maximum"));
      } else if (stat.endsWith("ActiveEnergyBurned") && energy == null) {
        energy = kilocalories(s.get("sum"), s.get("unit"));
      } else if (stat.endsWith("BasalEnergyBurned")) {
        BigDecimal basal = kilocalories(s.get("sum"), s.get("unit"));
        if (basal != null) data.set("basal_calories", EventShapes.number(basal));
      } else if (stat.startsWith(QUANTITY + "Distance") && distance == null) {
        distance = kilometres(s.get("sum"), s.get("unit"));
      }
    }
    if (distance != null) data.set("distance_km", EventShapes.number(distance));
    if (energy != null) data.set("calories", EventShapes.number(energy));
    event(w, "exercise", activity, data, "Workout:" + type, sink);
  }

  /** The event of an element: its times, source and key; with HKTimeZone, that zone decides its local day. */
  private void event(Element e, String type, String subtype, ObjectNode data, String what, RecordSink sink) {
    String start = iso(e, "startDate", sink);
    String end = start == null ? null : iso(e, "endDate", sink);
    if (start == null || end == null) return;
    ObjectNode body = Json.MAPPER.createObjectNode().put("type", type).put("subtype", subtype).put("occurred_at", start);
    if (!end.equals(start)) body.put("ended_at", end);
    String zone = e.metadata().get("HKTimeZone");
    if (zone != null && ZoneId.getAvailableZoneIds().contains(zone)) body.put("time_zone", zone);
    ObjectNode source = data.putObject("source");
    for (String[] a : new String[][] {{"sourceName", "name"}, {"sourceVersion", "version"}, {"device", "device"}}) {
      if (e.get(a[0]) != null) source.put(a[1], e.get(a[0]));
    }
    if (!e.metadata().isEmpty()) {
      ObjectNode metadata = data.putObject("metadata");
      e.metadata().forEach(metadata::put);
    }
    body.set("data", data);
    if (e.get("sourceName") != null) body.put("origin", e.get("sourceName"));
    body.put("dedupe_key", "apple:" + what + ":" + utc(start) + ":" + utc(end));
    sink.event(e.at(), body, true);
  }

  private static String iso(Element e, String attribute, RecordSink sink) {
    String raw = e.get(attribute);
    if (raw == null) {
      sink.bad(e.at(), attribute, "is missing");
      return null;
    }
    try {
      return OffsetDateTime.parse(raw, DATE).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    } catch (DateTimeParseException x) {
      sink.bad(e.at(), attribute, "'" + raw + "' is not a date like 2024-03-10 23:15:00 -0500");
      return null;
    }
  }

  private static String utc(String iso) {
    return OffsetDateTime.parse(iso).toInstant().toString();
  }

  private static Duration length(Element e) {
    try {
      return Duration.between(OffsetDateTime.parse(e.get("startDate"), DATE), OffsetDateTime.parse(e.get("endDate"), DATE));
    } catch (RuntimeException x) {
      return null;
    }
  }

  private static BigDecimal number(Element e, String attribute, RecordSink sink) {
    String raw = e.get(attribute);
    try {
      return new BigDecimal(raw);
    } catch (NullPointerException | NumberFormatException x) {
      sink.bad(e.at(), attribute, raw == null ? "is missing" : "'" + raw + "' is not a number");
      return null;
    }
  }

  private static void putNumber(ObjectNode data, String name, String raw) {
    try {
      if (raw != null) data.set(name, EventShapes.number(new BigDecimal(raw)));
    } catch (NumberFormatException ignored) {
      // a statistic Apple wrote oddly is left out; the workout itself still counts
    }
  }

  private static BigDecimal minutes(String value, String unit) {
    BigDecimal v = decimal(value);
    if (v == null) return null;
    return switch (unit == null ? "min" : unit) {
      case "min" -> v;
      case "hr", "h" -> v.multiply(BigDecimal.valueOf(60));
      case "s" -> v.divide(BigDecimal.valueOf(60), 2, java.math.RoundingMode.HALF_UP);
      default -> null;
    };
  }

  private static BigDecimal kilometres(String value, String unit) {
    BigDecimal v = decimal(value);
    if (v == null || unit == null) return null;
    return switch (unit) {
      case "km" -> v;
      case "mi" -> v.multiply(new BigDecimal("1.609344")).setScale(2, java.math.RoundingMode.HALF_UP);
      case "m" -> v.movePointLeft(3);
      default -> null;
    };
  }

  /** Apple's "Cal" is the food calorie, a kilocalorie. */
  private static BigDecimal kilocalories(String value, String unit) {
    BigDecimal v = decimal(value);
    if (v == null || unit == null) return null;
    return switch (unit) {
      case "Cal", "kcal" -> v;
      case "kJ" -> v.divide(new BigDecimal("4.184"), 2, java.math.RoundingMode.HALF_UP);
      default -> null;
    };
  }

  private static BigDecimal decimal(String raw) {
    try {
      return raw == null ? null : new BigDecimal(raw);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** "TraditionalStrengthTraining" as "traditional strength training". */
  private static String words(String camel) {
    return camel.replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
  }

  private static String short_(String type) {
    return type.replaceFirst("^HK(Quantity|Category)TypeIdentifier", "");
  }

  private static String halfKey(Element r) {
    return r.get("type") + "|" + r.get("sourceName") + "|" + r.get("startDate") + "|" + r.get("endDate") + "|" + r.get("value") + "|" + r.get("unit");
  }

  /** What the XML parser says, with its line: a truncated export is the usual case. */
  private static BadFile bad(XMLStreamException e) {
    long line = e.getLocation() == null ? 0 : e.getLocation().getLineNumber();
    String message = e.getMessage() == null ? "malformed XML" : e.getMessage();
    int m = message.indexOf("Message: ");
    if (m >= 0) message = message.substring(m + 9);
    if (message.contains("must start and end within the same entity") || message.contains("end of file")
        || message.contains("Premature end")) {
      message = "the XML ends before its elements are closed (a truncated export?)";
    } else if (message.contains("Invalid byte") || message.contains("UTF-8")) {
      message = "is not the encoding its XML declaration names (UTF-8): " + message;
    } else {
      message = "malformed XML: " + message;
    }
    return new BadFile(Position.line(line), message);
  }

  private static void closeQuietly(XMLStreamReader xml) {
    try {
      xml.close();
    } catch (XMLStreamException ignored) {
      // nothing more to read from it anyway
    }
  }
}
