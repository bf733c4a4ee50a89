package org.healthtimeline.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.healthtimeline.testing.TestDatabases;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Properties of the migrated schema, read from PostgreSQL's catalog so that every future table is held to them. */
class SchemaCatalogTest {
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
  void every_primary_and_unique_key_of_user_data_starts_with_user_id() {
    List<String> offenders = db.tx().read(c -> Sql.strings(c, """
        SELECT i.indrelid::regclass || ': ' || pg_get_indexdef(i.indexrelid)
        FROM pg_index i
        JOIN pg_class t ON t.oid = i.indrelid
        JOIN pg_namespace n ON n.oid = t.relnamespace AND n.nspname = 'public'
        WHERE i.indisunique
          AND EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = t.oid AND a.attname = 'user_id' AND NOT a.attisdropped)
          AND (SELECT a.attname FROM pg_attribute a WHERE a.attrelid = t.oid AND a.attnum = i.indkey[0])
              IS DISTINCT FROM 'user_id'
        """));
    assertThat(offenders).isEmpty();
    assertThat(userDataTables()).hasSizeGreaterThan(25);
  }

  @Test
  void every_user_data_table_reaches_users_through_a_cascading_key_with_user_id() {
    Map<String, List<ForeignKey>> keys = cascadingForeignKeys();
    var unreached = new ArrayList<String>();
    for (String table : userDataTables()) {
      if (!reachesUsers(table, keys, new HashSet<>())) unreached.add(table);
    }
    assertThat(unreached).isEmpty();
  }

  @Test
  void no_column_is_a_timestamp_without_time_zone() {
    // Flyway creates its own history table with `installed_on timestamp`; it is not ours to change.
    List<String> columns = db.tx().read(c -> Sql.strings(c, """
        SELECT table_schema || '.' || table_name || '.' || column_name FROM information_schema.columns
        WHERE data_type = 'timestamp without time zone'
          AND table_schema NOT IN ('pg_catalog', 'information_schema')
          AND table_name <> 'flyway_schema_history'
        """));
    assertThat(columns).isEmpty();
  }

  @Test
  void memories_keep_the_embedding_as_real_array_and_a_generated_full_text_column() {
    List<String> columns = db.tx().read(c -> Sql.strings(c, """
        SELECT column_name || ' ' || udt_name || ' ' || is_generated FROM information_schema.columns
        WHERE table_schema = 'public' AND table_name = 'memories' AND column_name IN ('embedding', 'text_search')
        ORDER BY column_name
        """));
    assertThat(columns).containsExactly("embedding _float4 NEVER", "text_search tsvector ALWAYS");
  }

  @Test
  void a_memory_is_found_by_its_words_and_its_embedding_must_have_384_dimensions() {
    UUID user = db.tx().inTransaction(c -> Sql.newUser(c));
    db.tx().inTransaction(c -> Sql.execute(c, "INSERT INTO memories (user_id, memory_text, embedding) "
        + "VALUES ('" + user + "', 'Allergic to peanuts, loves oat milk', array_fill(0.5::real, ARRAY[384]))"));

    List<String> found = db.tx().read(c -> Sql.strings(c, "SELECT memory_text FROM memories WHERE user_id = '" + user
        + "' AND text_search @@ plainto_tsquery('simple', 'peanuts')"));
    assertThat(found).containsExactly("Allergic to peanuts, loves oat milk");
    assertThatThrownBy(() -> db.tx().inTransaction(c -> Sql.execute(c, "INSERT INTO memories (user_id, memory_text, embedding) "
        + "VALUES ('" + user + "', 'short vector', ARRAY[0.1, 0.2, 0.3]::real[])")))
        .hasMessageContaining("embedding_has_384_dimensions");
  }

  /** A foreign key with ON DELETE CASCADE, its columns as child=parent pairs such as "user_id=id". */
  record ForeignKey(String parent, List<String> columns) {}

  private static boolean reachesUsers(String table, Map<String, List<ForeignKey>> keys, Set<String> seen) {
    if (!seen.add(table)) return false;
    for (ForeignKey fk : keys.getOrDefault(table, List.of())) {
      if (fk.parent().equals("users") && fk.columns().contains("user_id=id")) return true;
      if (fk.columns().contains("user_id=user_id") && reachesUsers(fk.parent(), keys, seen)) return true;
    }
    return false;
  }

  private static Map<String, List<ForeignKey>> cascadingForeignKeys() {
    return db.tx().read(c -> {
      var out = new HashMap<String, List<ForeignKey>>();
      try (var st = c.createStatement(); var rs = st.executeQuery("""
          SELECT con.conrelid::regclass::text, con.confrelid::regclass::text,
                 (SELECT string_agg(ca.attname || '=' || pa.attname, ',')
                  FROM unnest(con.conkey, con.confkey) AS k(child, parent)
                  JOIN pg_attribute ca ON ca.attrelid = con.conrelid AND ca.attnum = k.child
                  JOIN pg_attribute pa ON pa.attrelid = con.confrelid AND pa.attnum = k.parent)
          FROM pg_constraint con
          WHERE con.contype = 'f' AND con.confdeltype = 'c' AND con.connamespace = 'public'::regnamespace
          """)) {
        while (rs.next()) {
          var fk = new ForeignKey(rs.getString(2), List.of(rs.getString(3).split(",")));
          out.computeIfAbsent(rs.getString(1), t -> new ArrayList<>()).add(fk);
        }
      }
      return out;
    });
  }

  private static List<String> userDataTables() {
    return db.tx().read(Sql::userDataTables);
  }
}
