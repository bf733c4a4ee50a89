package org.healthtimeline.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The embedded PostgreSQL of a data folder, as its {@code pg/postmaster.pid} names it (line 1: pid, line 4:
 * port). pg_ctl daemonizes the postmaster, so it is not a descendant of the {@code serve} process that
 * started it, and each of its children runs in a session of its own: it has to be found through this file.
 */
record Postmaster(long pid, int port, Path pgDir) {

  /** The postmaster named by the data folder's pid file, whether or not it still runs. */
  static Optional<Postmaster> of(Path dataDir) {
    Path pgDir = dataDir.toAbsolutePath().resolve("pg");
    Path pidFile = pgDir.resolve("postmaster.pid");
    try {
      if (!Files.exists(pidFile)) return Optional.empty();
      List<String> lines = Files.readAllLines(pidFile);
      if (lines.size() < 4 || lines.get(3).isBlank()) return Optional.empty();
      return Optional.of(new Postmaster(Long.parseLong(lines.get(0).trim()), Integer.parseInt(lines.get(3).trim()), pgDir));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The running postmaster of a data folder, once the server that is starting has written its pid file. */
  static Postmaster running(Path dataDir) {
    return of(dataDir).filter(Postmaster::alive)
        .orElseThrow(() -> new AssertionError("no PostgreSQL is running on " + dataDir));
  }

  /**
   * The process, if it is still this data folder's postgres: a pid in a stale file may since have been
   * given to another process, which must never be signalled.
   */
  Optional<ProcessHandle> process() {
    return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(p -> {
      var info = p.info();
      boolean postgres = info.command().map(c -> c.endsWith("/postgres")).orElse(false);
      boolean ours = info.arguments().map(a -> Arrays.asList(a).contains(pgDir.toString())).orElse(false);
      return postgres && ours;
    });
  }

  boolean alive() {
    return process().isPresent();
  }

  Connection connect() throws SQLException {
    return DriverManager.getConnection("jdbc:postgresql://localhost:" + port + "/health_timeline?user=postgres");
  }

  /**
   * Kills the postmaster and all its children with SIGKILL, as a power cut would stop them: no shutdown
   * checkpoint, so the next start must recover from the WAL. The postmaster is stopped first (SIGSTOP) so that
   * it cannot fork a new backend between the listing of its children and its death.
   */
  void crash() {
    Optional<ProcessHandle> postmaster = process();
    if (postmaster.isEmpty()) return;
    signal("-STOP", pid);
    var all = new ArrayList<ProcessHandle>();
    all.add(postmaster.get());
    all.addAll(postmaster.get().descendants().toList());
    all.forEach(ProcessHandle::destroyForcibly);
    awaitExit(all, Duration.ofSeconds(20));
  }

  static void awaitExit(List<ProcessHandle> processes, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    for (ProcessHandle p : processes) {
      try {
        p.onExit().get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (Exception e) {
        throw new AssertionError("process " + p.pid() + " did not exit after SIGKILL", e);
      }
    }
  }

  private static void signal(String signal, long pid) {
    try {
      Process kill = new ProcessBuilder("kill", signal, Long.toString(pid)).redirectErrorStream(true).start();
      if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
        throw new AssertionError("kill " + signal + " " + pid + " failed: " + new String(kill.getInputStream().readAllBytes()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
