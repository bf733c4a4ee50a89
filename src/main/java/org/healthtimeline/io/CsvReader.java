package org.healthtimeline.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.healthtimeline.web.Json;

/**
 * Our long CSV ({@code shared/data/events.csv}): one value per row; consecutive rows with the same occurred_at,
 * ended_at, type and subtype make one event, and a bad row rejects its whole event. The key of an event is
 * {@code csv:<type>:<subtype>:<occurred_at as UTC>}, so importing the file again adds nothing.
 */
final class CsvReader implements FormatReader {
  static final List<String> COLUMNS = List.of("occurred_at", "ended_at", "type", "subtype", "item", "field", "value", "unit", "note");
  /** Fields whose value must be a number. */
  private static final Set<String> NUMERIC = Set.of("calories", "protein", "carbs", "fat", "systolic", "diastolic", "pulse",
      "distance", "avg_hr", "severity", "dose", "quality", "awakenings", "score", "value");
  private static final Set<String> STATUSES = Set.of("taken", "skipped", "late", "missed");

  private record Cell(long line, String item, String field, String value, String unit, String note) {}

  @Override
  public void read(InputStream in, RecordSink sink) throws IOException {
    var records = new CsvRecords(new Lines(in, NdjsonReader.MAX_LINE_BYTES));
    Map<String, Integer> columns = header(records.next());
    List<Cell> group = new ArrayList<>();
    String groupKey = null;
    String[] groupHead = null;
    for (CsvRecords.Row row; (row = records.next()) != null; ) {
      if (row.fields() == null) {
        flush(groupHead, group, sink);
        group.clear();
        groupKey = null;
        sink.bad(Position.line(row.line()), null, "the row is longer than 1 MiB");
        continue;
      }
      if (row.fields().size() != columns.size()) {
        flush(groupHead, group, sink);
        group.clear();
        groupKey = null;
        sink.bad(Position.line(row.line()), null, "has " + row.fields().size() + " fields, the header has " + columns.size());
        continue;
      }
      String[] head = {get(row, columns, "occurred_at"), get(row, columns, "ended_at"), get(row, columns, "type"), get(row, columns, "subtype")};
      String key = String.join("\u0000", head);
      if (!key.equals(groupKey)) {
        flush(groupHead, group, sink);
        group.clear();
        groupKey = key;
        groupHead = head;
      }
      group.add(new Cell(row.line(), get(row, columns, "item"), get(row, columns, "field"), get(row, columns, "value"),
          get(row, columns, "unit"), get(row, columns, "note")));
    }
    flush(groupHead, group, sink);
  }

  private static Map<String, Integer> header(CsvRecords.Row row) {
    if (row == null) throw new BadFile(Position.line(1), "the file is empty: a CSV needs the header " + String.join(",", COLUMNS));
    if (row.fields() == null) throw new BadFile(Position.line(row.line()), "the header is longer than 1 MiB");
    var columns = new HashMap<String, Integer>();
    for (int i = 0; i < row.fields().size(); i++) columns.put(row.fields().get(i).strip(), i);
    var missing = COLUMNS.stream().filter(c -> !columns.containsKey(c)).toList();
    if (!missing.isEmpty()) {
      throw new BadFile(Position.line(row.line()), "the header lacks the column" + (missing.size() > 1 ? "s " : " ")
          + String.join(", ", missing) + " (the header must name " + String.join(",", COLUMNS) + ")");
    }
    return columns;
  }

  private static String get(CsvRecords.Row row, Map<String, Integer> columns, String name) {
    return row.fields().get(columns.get(name)).strip();
  }

  private static void flush(String[] head, List<Cell> cells, RecordSink sink) {
    if (cells.isEmpty()) return;
    Position at = Position.line(cells.getFirst().line());
    for (Cell c : cells) {
      if (c.field().isEmpty()) {
        sink.bad(Position.line(c.line()), "field", "is empty: each row holds one named value");
        return;
      }
      if (NUMERIC.contains(c.field()) && number(c.value()) == null) {
        sink.bad(Position.line(c.line()), "value", "'" + c.value() + "' is not a number (field " + c.field() + ")");
        return;
      }
    }
    ObjectNode body = Json.MAPPER.createObjectNode();
    body.put("type", head[2]);
    if (!head[3].isEmpty()) body.put("subtype", head[3]);
    body.put("occurred_at", head[0]);
    if (!head[1].isEmpty()) body.put("ended_at", head[1]);
    body.set("data", data(head[2], head[3], cells));
    body.put("dedupe_key", "csv:" + head[2] + ":" + head[3] + ":" + utc(head[0]));
    EventShapes.toOurs(body);
    sink.event(at, body, false);
  }

  private static ObjectNode data(String type, String subtype, List<Cell> cells) {
    ObjectNode d = Json.MAPPER.createObjectNode();
    var notes = new ArrayList<String>();
    for (Cell c : cells) if (!c.note().isEmpty() && !(type.equals("medication") && STATUSES.contains(c.note()))) notes.add(c.note());
    switch (type) {
      case "meal" -> meal(d, subtype, cells);
      case "medication" -> {
        d.put("name", subtype);
        for (Cell c : cells) {
          if (c.field().equals("dose")) {
            d.set("dose", value(c.value()));
            if (!c.unit().isEmpty()) d.put("unit", c.unit());
          } else {
            set(d, c.field(), value(c.value()));
          }
          if (STATUSES.contains(c.note())) d.put("status", c.note());
        }
      }
      case "tracker" -> {
        d.put("category_name", subtype);
        ObjectNode values = d.putObject("data");
        ObjectNode units = Json.MAPPER.createObjectNode();
        for (Cell c : cells) {
          set(values, c.field(), value(c.value()));
          if (!c.unit().isEmpty()) units.put(c.field(), c.unit());
        }
        if (!units.isEmpty()) d.set("units", units);
      }
      default -> generic(d, type, subtype, cells);
    }
    if (!notes.isEmpty()) d.put("notes", String.join("; ", notes));
    return d;
  }

  private static void meal(ObjectNode d, String subtype, List<Cell> cells) {
    d.put("meal", subtype);
    var foods = new LinkedHashMap<String, ObjectNode>();
    for (Cell c : cells) {
      ObjectNode food = foods.computeIfAbsent(c.item(), name -> Json.MAPPER.createObjectNode().put("name", name));
      switch (c.field()) {
        case "quantity" -> {
          food.set("quantity", value(c.value()));
          if (!c.unit().isEmpty()) food.put("unit", c.unit());
        }
        case "protein", "carbs", "fat" -> food.set(c.field() + "_g", value(c.value()));
        default -> set(food, c.field(), value(c.value()));
      }
    }
    d.putArray("foods").addAll(new ArrayList<>(foods.values()));
  }

  /**
   * Sleep (quality on the scale its unit names, awakenings), mood (score), symptom (severity), exercise
   * (distance in km or mi, calories, avg_hr) and any other type: each field a value of data, nested by dots.
   */
  private static void generic(ObjectNode d, String type, String subtype, List<Cell> cells) {
    switch (type) {
      case "exercise" -> d.put("activity", subtype);
      case "symptom" -> d.put("name", subtype);
      case "vital" -> d.put("measure", subtype);
      default -> { }
    }
    for (Cell c : cells) {
      JsonNode v = value(c.value());
      switch (c.field()) {
        case "quality", "score", "severity" -> {
          set(d, c.field(), v);
          if (!c.unit().isEmpty()) d.put("scale", c.unit());
        }
        case "distance" -> d.set("distance_km", kilometres(v, c.unit()));
        default -> {
          set(d, c.field(), v);
          if (type.equals("vital") && !c.unit().isEmpty() && !d.has("unit")) d.put("unit", c.unit());
        }
      }
    }
  }

  private static JsonNode kilometres(JsonNode v, String unit) {
    if (!v.isNumber()) return v;
    return switch (unit) {
      case "mi" -> EventShapes.number(v.decimalValue().multiply(new BigDecimal("1.609344")).setScale(3, java.math.RoundingMode.HALF_UP));
      case "m" -> EventShapes.number(v.decimalValue().movePointLeft(3));
      default -> v;
    };
  }

  /** {@code a.b} sets {@code {"a": {"b": v}}}, as the CSV export flattens nested data. */
  private static void set(ObjectNode d, String path, JsonNode v) {
    String[] parts = path.split("\\.");
    ObjectNode at = d;
    for (int i = 0; i < parts.length - 1; i++) {
      at = at.get(parts[i]) instanceof ObjectNode o ? o : at.putObject(parts[i]);
    }
    at.set(parts[parts.length - 1], v);
  }

  private static JsonNode value(String s) {
    BigDecimal n = number(s);
    return n == null ? TextNode.valueOf(s) : EventShapes.number(n);
  }

  private static BigDecimal number(String s) {
    try {
      return s.isEmpty() ? null : new BigDecimal(s);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static String utc(String time) {
    try {
      return OffsetDateTime.parse(time).toInstant().toString();
    } catch (DateTimeParseException e) {
      return time;
    }
  }
}
