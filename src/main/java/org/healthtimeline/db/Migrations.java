package org.healthtimeline.db;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * Flyway SQL migrations in {@code db/migration}; undo scripts for the migrations the customer asked a
 * rollback plan for live in {@code db/undo/U<version>__<name>.sql}.
 */
public final class Migrations {
  private Migrations() {}

  public static int migrate(DataSource ds) {
    return flyway(ds).migrate().migrationsExecuted;
  }

  static Flyway flyway(DataSource ds) {
    return Flyway.configure()
        .dataSource(ds)
        .locations("classpath:db/migration")
        .failOnMissingLocations(true)
        .load();
  }

  /**
   * Runs the undo script of one migration and forgets that it was applied, so that a later migrate applies it
   * again. One transaction: either all of it is undone or nothing is.
   */
  public static void undo(DataSource ds, String version) {
    String script = undoScript(version);
    new Tx(ds).inTransaction(c -> {
      try (var st = c.createStatement()) {
        st.execute(script);
      }
      try (var del = c.prepareStatement("DELETE FROM flyway_schema_history WHERE version = ?")) {
        del.setString(1, version);
        if (del.executeUpdate() != 1) throw new SQLException("migration " + version + " is not applied", "55000");
      }
      return null;
    });
  }

  static String undoScript(String version) {
    String name = switch (version) {
      case "2" -> "U2__timeline.sql";
      default -> throw new IllegalArgumentException("there is no undo script for migration " + version + " (only 2, the timeline)");
    };
    try (InputStream in = Migrations.class.getResourceAsStream("/db/undo/" + name)) {
      if (in == null) throw new IllegalStateException("undo script " + name + " is missing from the jar");
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
