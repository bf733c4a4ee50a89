package org.healthtimeline.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded PostgreSQL 17 of one data folder. If another `timeline` process already runs the server of
 * that folder (say `serve`, while `token create` runs beside it), this attaches to it instead of starting a
 * second one; a server orphaned by a killed process is shut down first and then started again.
 */
final class EmbeddedServer implements AutoCloseable {
  static final String DATABASE = "health_timeline";
  private static final Logger log = LoggerFactory.getLogger(EmbeddedServer.class);
  private static final String ZONKY_LOCK = "epg-lock";

  private final EmbeddedPostgres owned;
  private final int port;

  private EmbeddedServer(EmbeddedPostgres owned, int port) {
    this.owned = owned;
    this.port = port;
  }

  static EmbeddedServer open(Path dataDir, EmbeddedSettings settings) {
    Path pgDir = dataDir.toAbsolutePath().resolve("pg");
    try {
      Files.createDirectories(pgDir);
      Optional<Postmaster> running = Postmaster.read(pgDir);
      if (running.isPresent()) {
        if (heldByAnotherProcess(pgDir.resolve(ZONKY_LOCK))) {
          // Debug, not info: `token create` beside `serve` does this every time, and its stderr is for errors.
          log.debug("PostgreSQL of {} is already running (pid {}, port {}); using it", pgDir, running.get().pid, running.get().port);
          return new EmbeddedServer(null, running.get().port);
        }
        running.get().shutDown();
      }
      var builder = EmbeddedPostgres.builder()
          .setDataDirectory(pgDir)
          .setCleanDataDirectory(false)
          .setPGStartupWait(Duration.ofSeconds(120))
          .setOutputRedirector(ProcessBuilder.Redirect.appendTo(dataDir.resolve("postgres.log").toFile()))
          .setErrorRedirector(ProcessBuilder.Redirect.appendTo(dataDir.resolve("postgres.log").toFile()));
      settings.serverConfig().forEach(builder::setServerConfig);
      EmbeddedPostgres pg = builder.start();
      var server = new EmbeddedServer(pg, pg.getPort());
      server.createDatabaseIfMissing();
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException("could not start the embedded PostgreSQL in " + pgDir + ": " + e.getMessage(), e);
    }
  }

  int port() {
    return port;
  }

  String jdbcUrl() {
    return "jdbc:postgresql://localhost:" + port + "/" + DATABASE + "?user=postgres";
  }

  private void createDatabaseIfMissing() {
    String admin = "jdbc:postgresql://localhost:" + port + "/postgres?user=postgres";
    try (var c = DriverManager.getConnection(admin);
        var exists = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
      exists.setString(1, DATABASE);
      if (!exists.executeQuery().next()) {
        try (var create = c.createStatement()) {
          create.execute("CREATE DATABASE " + DATABASE);
        }
      }
    } catch (SQLException e) {
      throw new DbException("could not create the database " + DATABASE, e);
    }
  }

  @Override
  public void close() {
    if (owned == null) return;
    try {
      owned.close();
    } catch (IOException | RuntimeException e) {
      // zonky waits only 5 s for pg_ctl stop; after a large load the shutdown checkpoint takes longer. The
      // server still stops on its own, and the next start waits for it (see Postmaster.shutDown).
      log.warn("the embedded PostgreSQL is still shutting down: {}", e.getMessage());
    }
  }

  private static boolean heldByAnotherProcess(Path lockFile) throws IOException {
    if (!Files.exists(lockFile)) return false;
    try (FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
      var lock = ch.tryLock();
      if (lock == null) return true;
      lock.release();
      return false;
    } catch (OverlappingFileLockException e) {
      return true;
    }
  }

  /** The server named by postmaster.pid, if that process is still alive. */
  private record Postmaster(ProcessHandle process, long pid, int port) {

    static Optional<Postmaster> read(Path pgDir) throws IOException {
      Path pidFile = pgDir.resolve("postmaster.pid");
      if (!Files.exists(pidFile)) return Optional.empty();
      List<String> lines = Files.readAllLines(pidFile);
      if (lines.size() < 4) return Optional.empty();
      long pid = Long.parseLong(lines.get(0).trim());
      int port = Integer.parseInt(lines.get(3).trim());
      // A dead pid: PostgreSQL replaces such a stale file itself.
      Optional<ProcessHandle> alive = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
      if (alive.isEmpty()) return Optional.empty();
      Optional<Boolean> ours = servesFolder(alive.get(), pgDir);
      if (ours.isEmpty()) {
        throw new IllegalStateException(pidFile + " names process " + pid + ", which could not be checked; if no PostgreSQL "
            + "runs on this folder, delete that file");
      }
      if (!ours.get()) {
        // The file outlived its server (a power cut) and the pid now belongs to another process, which must not be
        // signalled; and PostgreSQL refuses to start while the pid in its lock file lives.
        log.warn("{} names pid {}, which is not this folder's PostgreSQL any more; removing the stale file", pidFile, pid);
        Files.delete(pidFile);
        return Optional.empty();
      }
      return Optional.of(new Postmaster(alive.get(), pid, port));
    }

    /** Whether the process is a postgres started with {@code -D pgDir}; empty if the system does not say. */
    private static Optional<Boolean> servesFolder(ProcessHandle p, Path pgDir) {
      var info = p.info();
      if (info.command().isEmpty() || info.arguments().isEmpty()) return Optional.empty();
      if (!info.command().get().endsWith("/postgres")) return Optional.of(false);
      String[] args = info.arguments().get();
      for (int i = 0; i + 1 < args.length; i++) {
        if (args[i].equals("-D") && sameFile(Path.of(args[i + 1]), pgDir)) return Optional.of(true);
      }
      return Optional.of(false);
    }

    private static boolean sameFile(Path a, Path b) {
      try {
        return Files.isSameFile(a, b);
      } catch (IOException e) {
        return false;
      }
    }

    /** SIGTERM is PostgreSQL's "smart" shutdown; the orphan's clients died with their process. */
    void shutDown() {
      log.warn("stopping PostgreSQL pid {} left running by a process that died", pid);
      process.destroy();
      try {
        process.onExit().get(60, TimeUnit.SECONDS);
      } catch (Exception e) {
        process.destroyForcibly();
      }
    }
  }
}
