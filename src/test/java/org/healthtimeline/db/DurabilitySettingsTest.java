package org.healthtimeline.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.healthtimeline.testing.TestDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** zonky starts PostgreSQL with fsync and synchronous_commit off; ours must not lose a committed write. */
class DurabilitySettingsTest {
  private static final List<String> SETTINGS = List.of("fsync", "synchronous_commit", "full_page_writes");

  @Test
  void the_embedded_test_server_runs_with_fsync_synchronous_commit_and_full_page_writes_on() {
    assertThat(show(TestDatabases.server())).containsExactly("on", "on", "on");
  }

  @Test
  void a_server_started_the_way_the_service_starts_it_is_durable_too(@TempDir Path dataDir) {
    try (Database db = Database.open(DbConfig.embedded(dataDir))) {
      assertThat(show(db)).containsExactly("on", "on", "on");
    }
  }

  private static List<String> show(Database db) {
    return db.tx().read(c -> {
      var values = new ArrayList<String>();
      for (String setting : SETTINGS) values.addAll(Sql.strings(c, "SHOW " + setting));
      return values;
    });
  }
}
