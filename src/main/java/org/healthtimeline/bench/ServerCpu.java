package org.healthtimeline.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import org.healthtimeline.db.Database;

/**
 * CPU seconds used so far by a PostgreSQL server on this machine (its postmaster, every live process under it and
 * the ones that ended) and by this JVM, read from /proc. On a machine shared with other work, CPU time per event
 * tells two ways of doing the same work apart where wall time mostly measures the neighbours.
 */
final class ServerCpu {
  private static final double TICKS_PER_SECOND = 100;

  private final long postmaster;

  private ServerCpu(long postmaster) {
    this.postmaster = postmaster;
  }

  /** The server of {@code db}, if it runs on this machine and /proc can be read. */
  static Optional<ServerCpu> of(Database db) {
    String url = db.jdbcUrl();
    if (!url.contains("//localhost") && !url.contains("//127.0.0.1")) return Optional.empty();
    long backend = db.tx().read(c -> {
      try (var st = c.createStatement(); var rs = st.executeQuery("SELECT pg_backend_pid()")) {
        rs.next();
        return rs.getLong(1);
      }
    });
    try {
      String[] fields = stat(backend);
      if (!"postgres".equals(Files.readString(Path.of("/proc", Long.toString(backend), "comm")).strip())) return Optional.empty();
      return Optional.of(new ServerCpu(Long.parseLong(fields[1])));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** The server's CPU seconds so far, or NaN when /proc no longer shows it. */
  double seconds() {
    try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
      String[] own = stat(postmaster);
      long ticks = ticks(own, 11) + ticks(own, 12) + ticks(own, 13) + ticks(own, 14);
      for (Path p : (Iterable<Path>) processes::iterator) {
        String name = p.getFileName().toString();
        if (!name.chars().allMatch(Character::isDigit)) continue;
        try {
          String[] f = stat(Long.parseLong(name));
          if (Long.parseLong(f[1]) == postmaster) ticks += ticks(f, 11) + ticks(f, 12);
        } catch (IOException | RuntimeException ended) {
          // a process that ended meanwhile is counted in its parent's children's time
        }
      }
      return ticks / TICKS_PER_SECOND;
    } catch (IOException | RuntimeException e) {
      return Double.NaN;
    }
  }

  /** This JVM's CPU seconds so far, all threads. */
  static double jvmSeconds() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime() / 1e9;
  }

  /** The fields of /proc/PID/stat after the command name: [0] state, [1] parent, [11] utime, [12] stime, [13] cutime, [14] cstime. */
  private static String[] stat(long pid) throws IOException {
    String s = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
    return s.substring(s.lastIndexOf(')') + 2).split(" ");
  }

  private static long ticks(String[] fields, int i) {
    return Long.parseLong(fields[i]);
  }
}
