package org.healthtimeline.demo;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import org.healthtimeline.App;
import org.healthtimeline.cli.DatabaseOptions;
import org.healthtimeline.db.Database;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code timeline demo}: the same loading as {@code serve --demo}, without serving. */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Load the demo users with ~90 days of realistic events (a second run adds nothing), "
        + "and print tokens and a curl to try them.")
public final class DemoCommand implements Callable<Integer> {
  @Mixin DatabaseOptions db;

  @Option(names = "--days", paramLabel = "N", defaultValue = "" + DemoData.DAYS,
      description = "Days of events per demo user, ending today in their time zone (default: ${DEFAULT-VALUE}).")
  int days;

  @Option(names = "--url", defaultValue = "http://127.0.0.1:8080",
      description = "Where `timeline serve` listens, for the curl example (default: ${DEFAULT-VALUE}).")
  String url;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    if (days < 1) throw new CommandLine.ParameterException(spec.commandLine(), "--days must be at least 1");
    try (Database database = db.openMigrated(); App app = new App(database)) {
      Clock clock = Clock.systemUTC();
      long start = System.nanoTime();
      List<LoadedUser> loaded = new DemoData(app.users(), app.demoParts(), clock).ensureLoaded(DemoData.PEOPLE, days);
      CareDemo.load(database.tx(), loaded, clock);
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      new DemoBanner(app.tokens(), clock).lines(url, loaded, took).forEach(System.out::println);
      System.out.println("data: " + db.where());
    }
    return 0;
  }
}
