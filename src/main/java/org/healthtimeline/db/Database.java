package org.healthtimeline.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import javax.sql.DataSource;

/** The connection pool on the configured PostgreSQL, and the embedded server behind it when there is one. */
public final class Database implements AutoCloseable {
  private final HikariDataSource pool;
  private final EmbeddedServer embedded;
  private final String jdbcUrl;
  private final Tx tx;

  private Database(HikariDataSource pool, EmbeddedServer embedded, String jdbcUrl) {
    this.pool = pool;
    this.embedded = embedded;
    this.jdbcUrl = jdbcUrl;
    this.tx = new Tx(pool);
  }

  public static Database open(DbConfig config) {
    EmbeddedServer embedded = config.isEmbedded() ? EmbeddedServer.open(config.dataDir(), config.embedded()) : null;
    String url = embedded != null ? embedded.jdbcUrl() : toJdbcUrl(config.databaseUrl());
    try {
      return new Database(pool(url, config.poolSize()), embedded, url);
    } catch (RuntimeException e) {
      if (embedded != null) embedded.close();
      throw e;
    }
  }

  /** Opens a pool on an existing database without starting anything (tests, bench). */
  public static Database connect(String jdbcUrl, int poolSize) {
    return new Database(pool(jdbcUrl, poolSize), null, jdbcUrl);
  }

  private static HikariDataSource pool(String url, int size) {
    var hc = new HikariConfig();
    hc.setJdbcUrl(url);
    hc.setPoolName("timeline");
    hc.setMaximumPoolSize(size);
    hc.setMinimumIdle(Math.min(2, size));
    hc.setConnectionTimeout(10_000);
    // PgJDBC sets the session zone to the JVM's; timestamps leave PostgreSQL as JSON, so they must say UTC.
    hc.setConnectionInitSql("SET TIME ZONE 'UTC'");
    hc.addDataSourceProperty("ApplicationName", "health-timeline");
    hc.addDataSourceProperty("reWriteBatchedInserts", "true");
    hc.addDataSourceProperty("tcpKeepAlive", "true");
    hc.setInitializationFailTimeout(30_000);
    return new HikariDataSource(hc);
  }

  /** Accepts {@code jdbc:postgresql://...} as is and turns {@code postgres[ql]://user:pass@host:port/db?x=y} into it. */
  public static String toJdbcUrl(String url) {
    if (url.startsWith("jdbc:postgresql:")) return url;
    if (!url.startsWith("postgres://") && !url.startsWith("postgresql://")) {
      throw new IllegalArgumentException("database URL must start with postgres://, postgresql:// or jdbc:postgresql://");
    }
    URI u = URI.create(url);
    var jdbc = new StringBuilder("jdbc:postgresql://").append(u.getHost());
    if (u.getPort() > 0) jdbc.append(':').append(u.getPort());
    jdbc.append(u.getRawPath() == null || u.getRawPath().isEmpty() ? "/postgres" : u.getRawPath());
    var params = new StringBuilder(u.getRawQuery() == null ? "" : u.getRawQuery());
    if (u.getRawUserInfo() != null) {
      String[] userPass = u.getRawUserInfo().split(":", 2);
      append(params, "user", decode(userPass[0]));
      if (userPass.length == 2) append(params, "password", decode(userPass[1]));
    }
    if (!params.isEmpty()) jdbc.append('?').append(params);
    return jdbc.toString();
  }

  private static void append(StringBuilder params, String key, String value) {
    if (!params.isEmpty()) params.append('&');
    params.append(key).append('=').append(java.net.URLEncoder.encode(value, StandardCharsets.UTF_8));
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }

  public DataSource dataSource() {
    return pool;
  }

  public Tx tx() {
    return tx;
  }

  public String jdbcUrl() {
    return jdbcUrl;
  }

  public HikariDataSource pool() {
    return pool;
  }

  /** Where this database lives, for the start-up banner; never prints a password. */
  public String describe() {
    if (embedded != null) return "embedded PostgreSQL 17 on port " + embedded.port();
    return jdbcUrl.replaceAll("password=[^&]*", "password=***");
  }

  public void migrate() {
    Migrations.migrate(pool);
  }

  @Override
  public void close() {
    pool.close();
    if (embedded != null) embedded.close();
  }
}
