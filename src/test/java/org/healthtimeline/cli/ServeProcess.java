package org.healthtimeline.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code timeline serve} as its own OS process, the way an operator runs it. Its URL is read from the line it
 * prints on stdout once it listens; its stderr (the log) goes to a file beside the data folder.
 */
final class ServeProcess implements AutoCloseable {
  private static final Pattern SERVING = Pattern.compile("^health-timeline is serving (http://\\S+)");
  private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

  private final Path dataDir;
  private final Process process;
  private final Path log;
  private final List<String> stdout = new CopyOnWriteArrayList<>();
  private final CompletableFuture<String> url = new CompletableFuture<>();

  private ServeProcess(Path dataDir, Process process, Path log) {
    this.dataDir = dataDir;
    this.process = process;
    this.log = log;
    Thread.ofPlatform().daemon().name("serve-stdout-" + process.pid()).start(this::readStdout);
  }

  /** Starts {@code timeline serve --data-dir dataDir args...} and waits until it serves. */
  static ServeProcess start(Path dataDir, String... args) {
    return start(dataDir, Map.of(), args);
  }

  static ServeProcess start(Path dataDir, Map<String, String> env, String... args) {
    try {
      Path log = Files.createTempFile(dataDir.toAbsolutePath().getParent(), "serve-", ".log");
      var cmd = new ArrayList<>(List.of("serve", "--data-dir", dataDir.toString()));
      cmd.addAll(List.of(args));
      ProcessBuilder pb = CliRun.command(cmd.toArray(String[]::new))
          .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
      pb.environment().putAll(env);
      var serve = new ServeProcess(dataDir, pb.start(), log);
      try {
        serve.awaitUrl();
        return serve;
      } catch (RuntimeException | Error e) {
        serve.close();
        throw e;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void readStdout() {
    try (var in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = in.readLine()) != null; ) {
        stdout.add(line);
        Matcher m = SERVING.matcher(line);
        if (m.find()) url.complete(m.group(1));
      }
    } catch (IOException e) {
      // the process was killed; what it printed before is kept
    }
    url.completeExceptionally(new AssertionError("serve ended without serving: exit "
        + exitCodeOrNull() + ", stdout " + stdout + ", log:\n" + logTail()));
  }

  private void awaitUrl() {
    try {
      url.get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      throw e.getCause() instanceof AssertionError a ? a : new AssertionError(e.getCause());
    } catch (java.util.concurrent.TimeoutException e) {
      throw new AssertionError("serve did not print its URL within " + START_TIMEOUT + "; log:\n" + logTail());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The base URL it printed, e.g. {@code http://127.0.0.1:41234}. */
  String url() {
    return url.join();
  }

  int port() {
    return Integer.parseInt(url().substring(url().lastIndexOf(':') + 1));
  }

  List<String> stdout() {
    return List.copyOf(stdout);
  }

  Process process() {
    return process;
  }

  Postmaster postmaster() {
    return Postmaster.running(dataDir);
  }

  /** SIGKILL to serve and to its embedded PostgreSQL: nothing gets to shut down cleanly. */
  void crash() {
    Postmaster pg = Postmaster.of(dataDir).orElse(null);
    var serve = new ArrayList<ProcessHandle>();
    serve.add(process.toHandle());
    serve.addAll(process.descendants().toList());
    serve.forEach(ProcessHandle::destroyForcibly);
    if (pg != null) pg.crash();
    Postmaster.awaitExit(serve, Duration.ofSeconds(20));
  }

  /** SIGTERM, as Ctrl-C or a service manager stops it; returns its exit code. */
  int stop() {
    process.destroy();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) throw new AssertionError("serve did not stop within 30 s of SIGTERM; log:\n" + logTail());
      return process.exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  String logTail() {
    try {
      List<String> lines = Files.exists(log) ? Files.readAllLines(log) : List.of();
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      return "(log unreadable: " + e.getMessage() + ")";
    }
  }

  private Integer exitCodeOrNull() {
    return process.isAlive() ? null : process.exitValue();
  }

  /** Stops it however it is, and leaves no PostgreSQL of its data folder running. */
  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroy();
      try {
        if (!process.waitFor(20, TimeUnit.SECONDS)) process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    Postmaster.of(dataDir).ifPresent(Postmaster::crash);
  }
}
