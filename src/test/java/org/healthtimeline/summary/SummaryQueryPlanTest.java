package org.healthtimeline.summary;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.healthtimeline.db.Database;
import org.healthtimeline.testing.TestDatabases;
import org.healthtimeline.web.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A year of daily buckets reads the rollups by their primary key, a range of one user's days, never the events:
 * the plans of SummaryRepository's SQL over 40 users x 3 years of events, with the rollups built from them.
 */
class SummaryQueryPlanTest {
  static Database db;
  static UUID user;
  static final LocalDate FROM = LocalDate.parse("2023-01-01");
  static final LocalDate TO = LocalDate.parse("2023-12-31");

  @BeforeAll
  static void up() {
    db = TestDatabases.fresh();
    db.tx().inTransaction(c -> {
      try (var st = c.createStatement()) {
        st.execute("INSERT INTO users (external_id, time_zone) SELECT 'user-' || i, 'Europe/Berlin' FROM generate_series(1, 40) i");
        // Loaded as timeline bench loads (no per-row triggers), then rolled up in one pass.
        st.execute("SET LOCAL session_replication_role = replica");
        st.execute("""
            INSERT INTO health_events (user_id, type, occurred_at, utc_offset_min, change_seq, data)
            SELECT u.id, t.type::event_type, timestamptz '2022-01-01 12:00Z' + d * interval '1 day', 60,
                   row_number() OVER (),
                   CASE t.type WHEN 'meal' THEN json_build_object('meal_type', 'lunch', 'total_calories', 400 + d % 300)
                               WHEN 'tracker' THEN json_build_object('category_name', 'Water', 'data', json_build_object('glasses', d % 9))
                               ELSE json_build_object('symptom_type', 'headache', 'severity', d % 10) END
            FROM users u, generate_series(0, 3 * 365 - 1) d, (VALUES ('meal'), ('tracker'), ('symptom')) t(type)
            WHERE t.type <> 'symptom' OR d % 3 = 0""");
        st.execute("SET LOCAL session_replication_role = origin");
        Rollups.rebuild(c);
        st.execute("ANALYZE summary_days; ANALYZE summary_day_symptoms; ANALYZE summary_day_trackers");
      }
      return null;
    });
    user = db.tx().read(c -> {
      try (var st = c.createStatement(); var rs = st.executeQuery("SELECT id FROM users WHERE external_id = 'user-7'")) {
        rs.next();
        return rs.getObject(1, UUID.class);
      }
    });
  }

  @AfterAll
  static void down() {
    db.close();
  }

  @Test
  void a_year_of_days_reads_the_primary_key_of_summary_days() {
    JsonNode plan = explain(SummaryRepository.DAYS, user, FROM, TO);
    assertReadsOnlyIndex(plan, "summary_days_pkey");
    assertThat(plan.get(0).get("Plan").get("Actual Rows").asInt()).as("a row a day").isEqualTo(365);
  }

  @Test
  void a_year_of_symptoms_reads_the_primary_key_of_summary_day_symptoms() {
    assertReadsOnlyIndex(explain(SummaryRepository.SYMPTOMS, user, FROM, TO), "summary_day_symptoms_pkey");
  }

  @Test
  void a_year_of_a_tracker_field_reads_the_primary_key_of_summary_day_trackers() {
    assertReadsOnlyIndex(explain(SummaryRepository.TRACKER, user, "Water", "glasses", FROM, TO), "summary_day_trackers_pkey");
  }

  private static void assertReadsOnlyIndex(JsonNode plan, String index) {
    List<JsonNode> nodes = new ArrayList<>();
    collect(plan.get(0).get("Plan"), nodes);
    assertThat(nodes).as(plan.toPrettyString())
        .noneMatch(n -> n.get("Node Type").asText().contains("Seq Scan") || n.path("Relation Name").asText().equals("health_events"));
    assertThat(nodes.stream().filter(n -> n.has("Index Name")).map(n -> n.get("Index Name").asText()).toList())
        .as(plan.toPrettyString()).containsExactly(index);
    JsonNode scan = nodes.stream().filter(n -> n.has("Index Name")).findFirst().orElseThrow();
    assertThat(scan.get("Index Cond").asText()).as("the range is an index condition, not a filter").contains("user_id", "day");
  }

  private static void collect(JsonNode node, List<JsonNode> out) {
    out.add(node);
    if (node.has("Plans")) node.get("Plans").forEach(child -> collect(child, out));
  }

  private static JsonNode explain(String sql, Object... params) {
    return db.tx().read(c -> {
      try (var st = c.prepareStatement("EXPLAIN (ANALYZE, FORMAT JSON) " + sql)) {
        for (int i = 0; i < params.length; i++) st.setObject(i + 1, params[i]);
        try (var rs = st.executeQuery()) {
          rs.next();
          return Json.read(rs.getString(1));
        }
      }
    });
  }
}
