package org.healthtimeline.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Our long CSV, one value per row, as {@code shared/data/events.csv} has it (header
 * {@code occurred_at,ended_at,type,subtype,item,field,value,unit,note}): a meal is a row per food and value
 * (quantity, calories, protein, carbs, fat); any other event is a row per value in its data, nested names
 * joined with dots. RFC 4180 quoting, LF line ends, UTF-8.
 */
final class CsvWriter implements EventWriter {
  static final String HEADER = "occurred_at,ended_at,type,subtype,item,field,value,unit,note";
  /** The data field that names a type's subtype column in the sample CSV. */
  private static final Map<String, String> SUBTYPE_FIELD = Map.of("meal", "meal_type", "tracker", "category_name",
      "exercise", "activity_type", "symptom", "symptom_type", "medication", "name", "vital", "measure");

  private final Writer out;

  CsvWriter(OutputStream out) {
    this.out = new OutputStreamWriter(out, StandardCharsets.UTF_8);
  }

  @Override
  public void begin() throws IOException {
    out.write(HEADER + "\n");
  }

  @Override
  public void write(ObjectNode e) throws IOException {
    int offset = e.path("utc_offset_minutes").asInt();
    String start = NdjsonWriter.local(e.get("occurred_at"), offset);
    String end = e.hasNonNull("ended_at") ? NdjsonWriter.local(e.get("ended_at"), offset) : "";
    String type = e.get("type").asText();
    JsonNode data = e.path("data");
    String subtypeField = SUBTYPE_FIELD.get(type);
    String subtype = subtypeField != null && data.path(subtypeField).isTextual() ? data.get(subtypeField).asText()
        : e.path("subtype").asText("");
    String prefix = String.join(",", quote(start), quote(end), quote(type), quote(subtype)) + ",";
    if (type.equals("meal") && data.path("foods").isArray() && !data.get("foods").isEmpty()) {
      meal(prefix, data);
      return;
    }
    var fields = data.deepCopy();
    if (subtypeField != null && fields instanceof ObjectNode o) o.remove(subtypeField);
    String unit = data.path("unit").asText("");
    if (fields instanceof ObjectNode o && data.path("unit").isTextual()) o.remove("unit");
    flatten(prefix, "", fields, unit);
  }

  private void meal(String prefix, JsonNode data) throws IOException {
    String note = data.path("notes").asText("");
    for (JsonNode food : data.get("foods")) {
      String item = quote(food.path("name").asText());
      row(prefix, item, "quantity", food.get("quantity"), food.path("unit").asText(""), note);
      note = "";
      row(prefix, item, "calories", food.get("calories"), "kcal", "");
      for (String m : new String[] {"protein", "carbs", "fat"}) row(prefix, item, m, food.path("macros").get(m), "g", "");
    }
  }

  private void flatten(String prefix, String path, JsonNode node, String unit) throws IOException {
    if (node.isObject()) {
      for (var it = node.properties().iterator(); it.hasNext(); ) {
        var f = it.next();
        flatten(prefix, path.isEmpty() ? f.getKey() : path + "." + f.getKey(), f.getValue(), unit);
      }
    } else if (node.isArray()) {
      var joined = new StringBuilder();
      for (JsonNode v : node) joined.append(joined.isEmpty() ? "" : "; ").append(v.isValueNode() ? v.asText() : v.toString());
      row(prefix, "", path, com.fasterxml.jackson.databind.node.TextNode.valueOf(joined.toString()), "", "");
    } else {
      row(prefix, "", path, node, node.isNumber() ? unit : "", "");
    }
  }

  private void row(String prefix, String item, String field, JsonNode value, String unit, String note) throws IOException {
    if (value == null || value.isNull() || value.isMissingNode()) return;
    out.write(prefix + item + "," + quote(field) + "," + quote(value.asText()) + "," + quote(unit) + "," + quote(note) + "\n");
  }

  static String quote(String s) {
    if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) return s;
    return '"' + s.replace("\"", "\"\"") + '"';
  }

  @Override
  public void end() throws IOException {
    out.flush();
  }
}
