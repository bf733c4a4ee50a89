package org.healthtimeline.cli;

import java.nio.file.Path;
import org.healthtimeline.db.Database;
import org.healthtimeline.db.DbConfig;
import org.healthtimeline.db.EmbeddedSettings;
import picocli.CommandLine.Option;

/** Where the data is: a data folder with an embedded PostgreSQL (default), or an external PostgreSQL. */
public final class DatabaseOptions {
  @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "${env:TIMELINE_DATA_DIR:-data}",
      description = "Folder of the embedded PostgreSQL's data, kept between runs (default: ${DEFAULT-VALUE}).")
  Path dataDir;

  @Option(names = "--database-url", paramLabel = "URL", defaultValue = "${env:DATABASE_URL}",
      description = "An external PostgreSQL 15+ instead of the embedded one, e.g. postgres://user:pw@host:5432/db "
          + "(default: $DATABASE_URL).")
  String databaseUrl;

  @Option(names = "--pool-size", paramLabel = "N", defaultValue = "16", description = "Database connections (default: ${DEFAULT-VALUE}).")
  int poolSize;

  public DbConfig config() {
    return new DbConfig(databaseUrl, dataDir, poolSize, EmbeddedSettings.forMachine());
  }

  /** Opens the database and brings its schema up to date. */
  public Database openMigrated() {
    Database db = Database.open(config());
    try {
      db.migrate();
      return db;
    } catch (RuntimeException e) {
      db.close();
      throw e;
    }
  }

  public String where() {
    return databaseUrl != null && !databaseUrl.isBlank() ? "the database at $DATABASE_URL/--database-url" : "data folder " + dataDir.toAbsolutePath();
  }
}
