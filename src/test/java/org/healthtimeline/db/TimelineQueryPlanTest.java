package org.healthtimeline.db;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.healthtimeline.testing.TestDatabases;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The plans of the API's timeline queries on a realistic spread of data: 20 users x 2,000 events over a year,
 * in time order with the users interleaved, as they arrive. Parameters are bound, as the API binds them, so
 * the planner sees the values (a custom plan). The SQL has the shape of EventRepository's.
 */
class TimelineQueryPlanTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SELECT = """
      EXPLAIN (FORMAT JSON) SELECT json_build_object('id', e.id, 'type', e.type, 'data', e.data)::text, e.occurred_at, e.id
      FROM health_events e
      WHERE e.user_id = ? AND e.deleted_at IS NULL AND e.occurred_at >= ? AND e.occurred_at < ?""";
  private static final String PAGE = " ORDER BY e.occurred_at DESC, e.id DESC LIMIT ?";
  private static final OffsetDateTime FROM = OffsetDateTime.parse("2024-06-01T00:00:00Z");
  private static final OffsetDateTime TO = FROM.plusDays(30);

  static Database db;
  static UUID user;

  @BeforeAll
  static void up() {
    db = TestDatabases.fresh();
    db.tx().inTransaction(c -> Sql.execute(c, """
        INSERT INTO users (external_id, time_zone) SELECT 'user-' || i, 'America/Chicago' FROM generate_series(1, 20) i;
        WITH u AS (SELECT array_agg(id ORDER BY external_id) AS ids FROM users),
        g AS (
          SELECT g, (ARRAY['meal', 'meal', 'meal', 'sleep', 'exercise', 'mood', 'tracker', 'symptom', 'medication',
                           'note'])[1 + (g / 20) % 10]::event_type AS type
          FROM generate_series(0, 39999) g)
        INSERT INTO health_events (user_id, type, occurred_at, deleted_at, data, source_table, source_id)
        SELECT u.ids[1 + g % 20], type,
               timestamptz '2024-01-01 00:00Z' + (g / 20) * interval '263 minutes',
               CASE WHEN g % 97 = 0 THEN now() END,
               CASE WHEN type = 'meal' THEN json_build_object('meal_type', 'lunch', 'total_calories', 200 + g * 37 % 900,
                      'foods', json_build_array(json_build_object('name', 'chicken breast', 'quantity', '200g', 'calories', 330)))
                    ELSE json_build_object('rating', g % 10 + 1, 'notes', repeat('n', 200)) END,
               CASE WHEN type = 'meal' THEN 'food_entries' END,
               CASE WHEN type = 'meal' THEN 'fe-' || g END
        FROM u, g;
        ANALYZE users;
        ANALYZE health_events;
        """));
    user = db.tx().read(c -> UUID.fromString(Sql.strings(c, "SELECT id FROM users WHERE external_id = 'user-7'").getFirst()));
  }

  @AfterAll
  static void down() {
    db.close();
  }

  @Test
  void the_30_day_query_reads_the_users_time_index() {
    JsonNode plan = explain(SELECT + PAGE, user, FROM, TO, 51);
    assertUsesIndexWithoutSeqScan(plan, "health_events_user_time");
  }

  @Test
  void the_per_type_query_reads_the_users_time_index() {
    JsonNode plan = explain(SELECT + " AND e.type = ANY (?::event_type[])" + PAGE, user, FROM, TO,
        new String[] {"meal", "sleep"}, 51);
    assertUsesIndexWithoutSeqScan(plan, "health_events_user_time");
  }

  @Test
  void the_json_predicate_query_reads_the_users_time_index_and_filters() {
    JsonNode plan = explain(SELECT + " AND e.type = ANY (?::event_type[]) AND e.data::jsonb @@ ?::jsonpath" + PAGE, user, FROM, TO,
        new String[] {"meal"}, "$.total_calories > 500", 51);
    assertUsesIndexWithoutSeqScan(plan, "health_events_user_time");
  }

  /**
   * An event made from a source row has the id its lineage gives (EventKeys), so finding it by lineage, and
   * finding the stored event an idempotent create meets, are primary-key lookups.
   */
  @Test
  void the_lineage_lookup_reads_the_primary_key() {
    String sourceId = db.tx().read(c -> Sql.strings(c,
        "SELECT source_id FROM health_events WHERE user_id = '" + user + "' AND source_id IS NOT NULL LIMIT 1")).getFirst();
    JsonNode plan = explain("EXPLAIN (FORMAT JSON) SELECT e.id FROM health_events e "
        + "WHERE e.user_id = ? AND e.id = event_key_id(?, 'source', ? || E'\\n' || ?) FOR UPDATE", user, user, "food_entries", sourceId);
    assertUsesIndexWithoutSeqScan(plan, "health_events_pkey");
  }

  @Test
  void the_change_feed_reads_the_users_change_index() {
    JsonNode plan = explain("EXPLAIN (FORMAT JSON) SELECT e.change_seq, e.data FROM health_events e "
        + "WHERE e.user_id = ? AND e.change_seq > ? ORDER BY e.change_seq LIMIT ?", user, 0L, 100);
    assertUsesIndexWithoutSeqScan(plan, "health_events_user_change");
  }

  private static void assertUsesIndexWithoutSeqScan(JsonNode plan, String index) {
    assertThat(nodes(plan)).as(plan.toPrettyString()).noneMatch(n -> n.get("Node Type").asText().equals("Seq Scan"));
    assertThat(indexes(plan)).as(plan.toPrettyString()).containsExactly(index);
  }

  private static List<JsonNode> nodes(JsonNode plan) {
    var nodes = new ArrayList<JsonNode>();
    collect(plan.get(0).get("Plan"), nodes);
    return nodes;
  }

  private static List<String> indexes(JsonNode plan) {
    return nodes(plan).stream().filter(n -> n.has("Index Name")).map(n -> n.get("Index Name").asText()).toList();
  }

  private static void collect(JsonNode node, List<JsonNode> out) {
    out.add(node);
    if (node.has("Plans")) node.get("Plans").forEach(child -> collect(child, out));
  }

  private static JsonNode explain(String sql, Object... params) {
    return db.tx().read(c -> {
      try (PreparedStatement st = c.prepareStatement(sql)) {
        bind(c, st, params);
        try (var rs = st.executeQuery()) {
          rs.next();
          return JSON.readTree(rs.getString(1));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
          throw new IllegalStateException(e);
        }
      }
    });
  }

  private static void bind(Connection c, PreparedStatement st, Object... params) throws SQLException {
    for (int i = 0; i < params.length; i++) {
      if (params[i] instanceof String[] texts) st.setArray(i + 1, c.createArrayOf("text", texts));
      else st.setObject(i + 1, params[i]);
    }
  }
}
