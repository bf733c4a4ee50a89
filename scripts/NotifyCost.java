import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * What the live stream's NOTIFY trigger (R__stream_notify.sql) costs inserts into health_events: EXPLAIN ANALYZE of
 * 1,000-row and single-row inserts with no NOTIFY trigger, the per-statement one the migration makes, and a per-row one,
 * the variants alternated in a shuffled order, medians. Run by scripts/notify-cost.sh; leaves the database as it found it.
 */
public class NotifyCost {
  static final String DATA = "{\"meal_type\":\"lunch\",\"total_calories\":650,\"total_macros\":{\"protein\":40,\"carbs\":60,\"fat\":20},"
      + "\"foods\":[{\"name\":\"Chicken breast\",\"quantity\":\"200g\",\"calories\":330},{\"name\":\"Rice\",\"quantity\":\"150g\",\"calories\":200}]}";
  static final String DROP = "DROP TRIGGER IF EXISTS health_events_stream_insert ON health_events;"
      + "DROP TRIGGER IF EXISTS health_events_stream_update ON health_events; DROP TRIGGER IF EXISTS notify_cost_row ON health_events;";
  static final String STATEMENT = "CREATE TRIGGER health_events_stream_insert AFTER INSERT ON health_events REFERENCING NEW TABLE AS changed "
      + "FOR EACH STATEMENT EXECUTE FUNCTION stream_notify_users(); CREATE TRIGGER health_events_stream_update AFTER UPDATE ON health_events "
      + "REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION stream_notify_users();";

  public static void main(String[] args) throws Exception {
    String url = args[0];
    int rounds = Integer.parseInt(args[1]);
    var variants = new LinkedHashMap<String, String>();
    variants.put("none", DROP);
    variants.put("per statement", DROP + STATEMENT);
    variants.put("per row", DROP + "CREATE TRIGGER notify_cost_row AFTER INSERT OR UPDATE ON health_events FOR EACH ROW EXECUTE FUNCTION stream_notify_user();");
    var trigger = Pattern.compile("Trigger (health_events_stream_\\w+|notify_cost_row): time=([0-9.]+)");
    var execution = Pattern.compile("Execution Time: ([0-9.]+)");
    Map<String, List<Double>> total = new LinkedHashMap<>(), own = new LinkedHashMap<>();
    List<UUID> users = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(url)) {
      for (int i = 0; i < 20; i++) {
        try (var rs = c.createStatement().executeQuery("INSERT INTO users (external_id) VALUES ('notify-cost-" + UUID.randomUUID() + "') RETURNING id")) {
          rs.next();
          users.add(rs.getObject(1, UUID.class));
        }
      }
      try {
        for (int r = 0; r < rounds; r++) {
          var order = new ArrayList<>(variants.entrySet());
          Collections.shuffle(order, new Random(r));
          for (var v : order) {
            c.createStatement().execute(v.getValue());
            for (int rows : new int[] {1000, 1000, 1000, 1, 1, 1}) {
              var plan = new StringBuilder();
              try (var rs = c.createStatement().executeQuery("EXPLAIN (ANALYZE) INSERT INTO health_events (user_id, type, occurred_at, data) "
                  + "SELECT '" + users.get((r * 7 + rows) % users.size()) + "', 'meal', now() - g * interval '1 minute', '" + DATA
                  + "'::json FROM generate_series(1, " + rows + ") g")) {
                while (rs.next()) plan.append(rs.getString(1)).append('\n');
              }
              double t = 0;
              for (var m = trigger.matcher(plan); m.find(); ) t += Double.parseDouble(m.group(2));
              var e = execution.matcher(plan);
              e.find();
              String key = v.getKey() + (rows == 1 ? ", 1 row" : ", 1,000 rows");
              own.computeIfAbsent(key, k -> new ArrayList<>()).add(t);
              total.computeIfAbsent(key, k -> new ArrayList<>()).add(Double.parseDouble(e.group(1)));
            }
          }
        }
      } finally {
        c.createStatement().execute(DROP + STATEMENT);
        for (UUID u : users) c.createStatement().execute("DELETE FROM users WHERE id = '" + u + "'");
      }
    }
    for (String key : own.keySet()) {
      System.out.printf("%-28s insert %8.3f ms   its NOTIFY trigger %7.3f ms   (medians of %d)%n", key, median(total.get(key)),
          median(own.get(key)), own.get(key).size());
    }
  }

  static double median(List<Double> xs) {
    var s = new ArrayList<>(xs);
    Collections.sort(s);
    return s.size() % 2 == 1 ? s.get(s.size() / 2) : (s.get(s.size() / 2 - 1) + s.get(s.size() / 2)) / 2;
  }
}
