package org.healthtimeline.db;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.MigrationVersion;

/**
 * Flyway SQL migrations in {@code db/migration}; undo scripts for the migrations the customer asked a
 * rollback plan for live in {@code db/undo/U<version>__<name>.sql}.
 */
public final class Migrations {
  private static final Map<MigrationVersion, String> UNDO_SCRIPTS = Map.of(MigrationVersion.fromVersion("2"), "U2__timeline.sql");

  private Migrations() {}

  public static int migrate(DataSource ds) {
    // A migration taken back by undo() is older than those applied after it, so Flyway calls it "ignored" and
    // refuses to apply it unless out-of-order is allowed. Allow it only then: any other older migration that was
    // never applied (a branch merged late) still stops the start-up instead of slipping in out of order.
    boolean reapplyUndone = Arrays.stream(flyway(ds, false).info().all())
        .anyMatch(m -> m.getState() == MigrationState.IGNORED && UNDO_SCRIPTS.containsKey(m.getVersion()));
    return flyway(ds, reapplyUndone).migrate().migrationsExecuted;
  }

  static Flyway flyway(DataSource ds, boolean outOfOrder) {
    return Flyway.configure()
        .dataSource(ds)
        .locations("classpath:db/migration")
        .failOnMissingLocations(true)
        .outOfOrder(outOfOrder)
        .load();
  }

  /**
   * Runs the undo script of one migration and forgets that it was applied, so that a later migrate applies it
   * again. One transaction: either all of it is undone or nothing is. {@code version} is compared as Flyway
   * compares versions: "2" and "002" are the same migration.
   */
  public static void undo(DataSource ds, String version) {
    MigrationVersion target = MigrationVersion.fromVersion(version);
    String script = undoScript(target);
    new Tx(ds).inTransaction(c -> {
      try (var st = c.createStatement()) {
        st.execute(script);
      }
      // Flyway stores the version as the file name spells it ("002" for V002__timeline.sql).
      int forgotten = 0;
      try (var st = c.createStatement();
          var rs = st.executeQuery("SELECT installed_rank, version FROM flyway_schema_history WHERE version IS NOT NULL");
          var del = c.prepareStatement("DELETE FROM flyway_schema_history WHERE installed_rank = ?")) {
        while (rs.next()) {
          if (!MigrationVersion.fromVersion(rs.getString(2)).equals(target)) continue;
          del.setInt(1, rs.getInt(1));
          forgotten += del.executeUpdate();
        }
      }
      if (forgotten != 1) throw new SQLException("migration " + version + " is not applied", "55000");
      // What later features build on an undone table (triggers, views) lives in repeatable migrations, which the
      // undo script drops with it; forgetting them makes the next migrate create them again.
      try (var st = c.createStatement()) {
        st.executeUpdate("DELETE FROM flyway_schema_history WHERE version IS NULL AND type = 'SQL'");
      }
      return null;
    });
  }

  static String undoScript(MigrationVersion version) {
    String name = UNDO_SCRIPTS.get(version);
    if (name == null) {
      throw new IllegalArgumentException("there is no undo script for migration " + version + " (only 2, the timeline)");
    }
    try (InputStream in = Migrations.class.getResourceAsStream("/db/undo/" + name)) {
      if (in == null) throw new IllegalStateException("undo script " + name + " is missing from the jar");
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
