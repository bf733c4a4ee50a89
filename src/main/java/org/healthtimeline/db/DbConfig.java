package org.healthtimeline.db;

import java.nio.file.Path;

/**
 * How to reach the database: an external PostgreSQL when {@code databaseUrl} is set, otherwise an embedded
 * PostgreSQL 17 whose files live under {@code dataDir}.
 *
 * @param poolSize connections in the pool; the machine has two cores, so more than ~16 only queue in PostgreSQL
 */
public record DbConfig(String databaseUrl, Path dataDir, int poolSize, EmbeddedSettings embedded) {

  public DbConfig {
    if (databaseUrl != null && databaseUrl.isBlank()) databaseUrl = null;
    if (databaseUrl == null && dataDir == null) throw new IllegalArgumentException("either a database URL or a data folder");
    if (poolSize < 1) throw new IllegalArgumentException("pool size must be at least 1");
    if (embedded == null) embedded = EmbeddedSettings.forMachine();
  }

  public static DbConfig embedded(Path dataDir) {
    return new DbConfig(null, dataDir, 16, EmbeddedSettings.forMachine());
  }

  public boolean isEmbedded() {
    return databaseUrl == null;
  }
}
