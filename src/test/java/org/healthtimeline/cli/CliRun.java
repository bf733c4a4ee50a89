package org.healthtimeline.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One run of the {@code timeline} command as its own OS process, as a shell would run it: the exit code, and
 * stdout and stderr kept apart (in-process, logs and picocli share System.err with the test).
 */
record CliRun(int exitCode, String stdout, String stderr) {
  /** A guard against a hung process, not a timing: generous, because a busy shared machine is slow. */
  private static final long TIMEOUT_SECONDS = 300;

  static CliRun of(String... args) {
    return of(Map.of(), args);
  }

  /** Runs {@code timeline args...} with these extra environment variables, and waits for it to end. */
  static CliRun of(Map<String, String> env, String... args) {
    try {
      Path out = Files.createTempFile("timeline-cli", ".out");
      Path err = Files.createTempFile("timeline-cli", ".err");
      try {
        var pb = command(args).redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().putAll(env);
        Process p = pb.start();
        if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
          p.destroyForcibly().waitFor();
          throw new AssertionError("timeline " + String.join(" ", args) + " did not end within " + TIMEOUT_SECONDS
              + " s; stderr: " + Files.readString(err));
        }
        return new CliRun(p.exitValue(), Files.readString(out), Files.readString(err));
      } finally {
        Files.deleteIfExists(out);
        Files.deleteIfExists(err);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * {@code java -cp <this test's classpath> org.healthtimeline.cli.Main args...} with the JVM running the tests,
   * and without the environment variables that would change where the data is.
   */
  static ProcessBuilder command(String... args) {
    var cmd = new ArrayList<String>();
    cmd.add(ProcessHandle.current().info().command().orElseThrow(() -> new IllegalStateException("no java command")));
    cmd.addAll(List.of("--enable-native-access=ALL-UNNAMED", "-XX:TieredStopAtLevel=1", "-Xshare:auto",
        "-cp", System.getProperty("java.class.path"), Main.class.getName()));
    cmd.addAll(List.of(args));
    var pb = new ProcessBuilder(cmd);
    pb.environment().keySet().removeAll(List.of("DATABASE_URL", "TIMELINE_DATA_DIR", "PORT", "LOG_LEVEL"));
    return pb;
  }

  List<String> stdoutLines() {
    return stdout.lines().toList();
  }

  List<String> stderrLines() {
    return stderr.lines().toList();
  }

  @Override
  public String toString() {
    return "exit " + exitCode + "\n--- stdout ---\n" + stdout + "--- stderr ---\n" + stderr;
  }
}
