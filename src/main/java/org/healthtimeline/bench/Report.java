package org.healthtimeline.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The figures of one bench run: a table for people, JSON for machines. */
final class Report {
  /** A measured case and, when it has one, the baseline it is compared with (measured in the same run). */
  record Row(String name, String unit, Load.Result result, String baseline, String target) {}

  private final Map<String, Object> setup = new LinkedHashMap<>();
  private final List<Row> rows = new ArrayList<>();
  private final Map<String, Object> storage = new LinkedHashMap<>();

  void setup(String key, Object value) {
    setup.put(key, value);
  }

  void add(String name, String unit, Load.Result result, String baseline, String target) {
    rows.add(new Row(name, unit, result, baseline, target));
  }

  void storage(String key, Object value) {
    storage.put(key, value);
  }

  private Row row(String name) {
    return rows.stream().filter(r -> r.name.equals(name)).findFirst().orElse(null);
  }

  void print(PrintStream out) {
    out.println();
    setup.forEach((k, v) -> out.printf("%-28s %s%n", k, v));
    out.println();
    out.printf("%-30s %9s %9s %9s %12s  %-26s %8s %8s %8s  %s%n",
        "case", "ops", "p50 ms", "p99 ms", "per second", "baseline", "p50 x", "p99 x", "rate x", "target");
    for (Row r : rows) {
      Row b = r.baseline == null ? null : row(r.baseline);
      out.printf("%-30s %9d %9.3f %9.3f %12.0f  %-26s %8s %8s %8s  %s%n",
          r.name, r.result.operations(), r.result.p50Ms(), r.result.p99Ms(), r.result.perSecond() * unitsPerOp(r),
          b == null ? "" : b.name, ratio(r.result.p50Ms(), b == null ? 0 : b.result.p50Ms()),
          ratio(r.result.p99Ms(), b == null ? 0 : b.result.p99Ms()),
          ratio(r.result.perSecond(), b == null ? 0 : b.result.perSecond()), r.target == null ? "" : r.target);
    }
    out.println();
    storage.forEach((k, v) -> out.printf("%-28s %s%n", k, v));
  }

  /** A batch op writes many events; its throughput is reported in events, not requests. */
  private static double unitsPerOp(Row r) {
    return r.unit.startsWith("batch:") ? Integer.parseInt(r.unit.substring(6)) : 1;
  }

  private static String ratio(double value, double base) {
    return base <= 0 ? "" : String.format("%.2f", value / base);
  }

  Map<String, Object> toJson() {
    var json = new LinkedHashMap<String, Object>();
    json.put("setup", setup);
    var cases = new ArrayList<Map<String, Object>>();
    for (Row r : rows) {
      var c = new LinkedHashMap<String, Object>();
      c.put("name", r.name);
      c.put("unit", r.unit);
      c.put("operations", r.result.operations());
      c.put("seconds", r.result.seconds());
      c.put("p50_ms", r.result.p50Ms());
      c.put("p99_ms", r.result.p99Ms());
      c.put("per_second", r.result.perSecond() * unitsPerOp(r));
      if (r.baseline != null && row(r.baseline) != null) {
        Load.Result b = row(r.baseline).result;
        c.put("baseline", r.baseline);
        c.put("p50_ratio", r.result.p50Ms() / b.p50Ms());
        c.put("p99_ratio", r.result.p99Ms() / b.p99Ms());
        c.put("rate_ratio", r.result.perSecond() / b.perSecond());
      }
      if (r.target != null) c.put("target", r.target);
      cases.add(c);
    }
    json.put("cases", cases);
    json.put("storage", storage);
    return json;
  }
}
