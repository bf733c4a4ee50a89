package org.healthtimeline.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;
import org.healthtimeline.db.Database;
import org.healthtimeline.db.DbConfig;
import org.healthtimeline.db.EmbeddedSettings;
import org.healthtimeline.db.Migrations;

/**
 * One embedded PostgreSQL for the whole test JVM (started on first use, stopped at exit). Every test class
 * gets its own database, copied from a migrated template, so tests never see each other's rows.
 */
public final class TestDatabases {
  private static final String TEMPLATE = "ht_template";
  private static final AtomicInteger COUNTER = new AtomicInteger();
  private static Database server;
  private static String serverBase;

  private TestDatabases() {}

  /** A new, migrated, empty database. The caller closes it. */
  public static Database fresh() {
    return Database.connect(freshUrl(), 8);
  }

  public static synchronized String freshUrl() {
    start();
    String name = "t" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
    execute("postgres", "CREATE DATABASE " + name + " TEMPLATE " + TEMPLATE);
    return serverBase + name + "?user=postgres";
  }

  /** The embedded server itself, for tests that read its settings. */
  public static synchronized Database server() {
    start();
    return server;
  }

  private static void start() {
    if (server != null) return;
    try {
      Path dir = Files.createTempDirectory("timeline-test-pg");
      server = Database.open(new DbConfig(null, dir, 2, EmbeddedSettings.forTests()));
      String url = server.jdbcUrl();
      serverBase = url.substring(0, url.lastIndexOf('/') + 1);
      execute("postgres", "CREATE DATABASE " + TEMPLATE);
      try (Database template = Database.connect(serverBase + TEMPLATE + "?user=postgres", 2)) {
        Migrations.migrate(template.dataSource());
      }
      // Stopped and removed at exit: every test JVM's databases take a gigabyte or two, and CI machines are reused.
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        server.close();
        deleteTree(dir);
      }));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteTree(Path dir) {
    try (var paths = Files.walk(dir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      System.err.println("could not remove the test databases in " + dir + ": " + e.getMessage());
    }
  }

  private static void execute(String database, String sql) {
    try (var c = DriverManager.getConnection(serverBase + database + "?user=postgres"); var st = c.createStatement()) {
      st.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }
}
