package org.healthtimeline.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.healthtimeline.db.Database;
import org.healthtimeline.testing.TestDatabases;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class EventKeysTest {
  static final UUID USER = UUID.fromString("00000000-0000-0000-0000-000000000001");
  static Database db;

  @BeforeAll
  static void up() {
    db = TestDatabases.fresh();
  }

  @AfterAll
  static void down() {
    db.close();
  }

  @Test
  void java_and_sql_derive_the_same_id_from_a_key() {
    for (String key : new String[] {"a", "meal-2024-03-09-breakfast", "Crème brûlée\nline two", "x".repeat(200)}) {
      assertThat(EventKeys.forDedupeKey(USER, key)).isEqualTo(sql("SELECT event_key_id('" + USER + "', 'dedupe', ?)", key));
      assertThat(EventKeys.forSource(USER, "food_entries", key))
          .isEqualTo(sql("SELECT event_key_id('" + USER + "', 'source', 'food_entries' || E'\\n' || ?)", key));
    }
  }

  @Test
  void the_same_key_of_two_users_gives_two_ids() {
    assertThat(EventKeys.forDedupeKey(USER, "k")).isNotEqualTo(EventKeys.forDedupeKey(UUID.randomUUID(), "k"));
  }

  @Test
  void a_derived_id_is_a_version_8_uuid_of_the_ietf_variant() {
    UUID id = EventKeys.forDedupeKey(USER, "k");
    assertThat(id.version()).isEqualTo(8);
    assertThat(id.variant()).isEqualTo(2);
  }

  @Test
  void a_row_written_with_plain_sql_gets_the_id_of_its_lineage() {
    UUID stored = db.tx().inTransaction(c -> {
      try (var st = c.createStatement()) {
        st.execute("INSERT INTO users (id, time_zone) VALUES ('00000000-0000-0000-0000-000000000001', 'UTC')");
        try (var rs = st.executeQuery("""
            INSERT INTO health_events (user_id, type, occurred_at, data, source_table, source_id)
            VALUES ('00000000-0000-0000-0000-000000000001', 'note', now(), '{"text":"hi"}', 'notes', '42')
            RETURNING id""")) {
          rs.next();
          return rs.getObject(1, UUID.class);
        }
      }
    });
    assertThat(stored).isEqualTo(EventKeys.forSource(USER, "notes", "42"));
  }

  private static UUID sql(String query, String arg) {
    return db.tx().read(c -> {
      try (var st = c.prepareStatement(query)) {
        st.setString(1, arg);
        try (var rs = st.executeQuery()) {
          rs.next();
          return rs.getObject(1, UUID.class);
        }
      }
    });
  }
}
