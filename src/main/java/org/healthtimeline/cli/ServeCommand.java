package org.healthtimeline.cli;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.healthtimeline.App;
import org.healthtimeline.db.Database;
import org.healthtimeline.demo.CareDemo;
import org.healthtimeline.demo.DemoBanner;
import org.healthtimeline.demo.DemoData;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "serve", mixinStandardHelpOptions = true,
    description = "Run the HTTP API (migrating the schema first).")
final class ServeCommand implements Callable<Integer> {
  /** How late a due background execution (a reminder, a periodic task) may start. */
  private static final Duration BACKGROUND_POLLING = Duration.ofSeconds(2);

  @Mixin DatabaseOptions db;

  @Option(names = "--port", defaultValue = "${env:PORT:-8080}", description = "HTTP port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
  int port;

  @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to listen on (default: ${DEFAULT-VALUE}; 0.0.0.0 for all).")
  String host;

  @Option(names = "--demo", description = "Load the demo users with ~90 days of events (once), and print a token to try them.")
  boolean demo;

  @Override
  public Integer call() throws InterruptedException {
    if (port != 0) requireFreePort();
    Database database = db.openMigrated();
    App app = new App(database);
    var stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      app.close();
      database.close();
      stopped.countDown();
    }, "shutdown"));
    app.start(host, port);
    app.background().start(BACKGROUND_POLLING);
    String url = "http://" + ("0.0.0.0".equals(host) ? "localhost" : host) + ":" + app.port();
    var out = System.out;
    out.println("health-timeline is serving " + url + "  (API docs: " + url + "/docs)");
    out.println("data: " + db.where() + " (" + database.describe() + ")");
    out.flush();
    if (demo) loadDemo(app, database, url);
    stopped.await();
    return 0;
  }

  /** After the start, so that the API already answers while the demo users fill up. */
  private static void loadDemo(App app, Database database, String url) {
    System.err.println("loading the demo users...");
    Clock clock = Clock.systemUTC();
    long start = System.nanoTime();
    var loaded = new DemoData(app.users(), app.demoParts(), clock).ensureLoaded();
    CareDemo.load(database.tx(), loaded, clock);
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    new DemoBanner(app.tokens(), clock).lines(url, loaded, took).forEach(System.out::println);
    System.out.flush();
  }

  /**
   * A busy port is found before PostgreSQL is started (and, on a new folder, initialised) for nothing, and is
   * reported in the one error line alone; Javalin would also log its own ERROR line.
   */
  private void requireFreePort() {
    try (var probe = new ServerSocket()) {
      probe.setReuseAddress(true);
      probe.bind(new InetSocketAddress(host, port));
    } catch (BindException e) {
      throw new IllegalStateException("cannot listen on " + host + ":" + port + ": " + e.getMessage()
          + " (another server uses the port? --port 0 picks a free one)");
    } catch (IOException e) {
      throw new IllegalStateException("cannot listen on " + host + ":" + port + ": " + e.getMessage());
    }
  }
}
