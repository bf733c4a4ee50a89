package org.healthtimeline.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.healthtimeline.cli.DatabaseOptions;
import org.healthtimeline.web.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "bench", mixinStandardHelpOptions = true,
    description = {"Load N synthetic events into a database of its own (timeline_bench) and measure the API: "
        + "30-day query over HTTP and over raw JDBC, single creates with 1 and 32 clients, batch creates, and bytes "
        + "per event. Every API figure is printed beside a baseline measured in the same run."})
public final class BenchCommand implements Callable<Integer> {
  @Mixin DatabaseOptions db;

  @Option(names = "--events", defaultValue = "1000000", description = "Events to load first (default: ${DEFAULT-VALUE}).")
  long events;

  @Option(names = "--queries", defaultValue = "3000", description = "Measured calls per query case (default: ${DEFAULT-VALUE}).")
  int queries;

  @Option(names = "--creates", defaultValue = "3000", description = "Measured single creates per case (default: ${DEFAULT-VALUE}).")
  int creates;

  @Option(names = "--batches", defaultValue = "40", description = "Measured batches of 1,000 events (default: ${DEFAULT-VALUE}).")
  int batches;

  @Option(names = "--reuse", description = "Keep the events of the last run in timeline_bench if it has as many, instead of loading again.")
  boolean reuse;

  @Option(names = "--json", paramLabel = "FILE", description = "Also write the figures as JSON to FILE.")
  Path json;

  @Override
  public Integer call() throws Exception {
    var settings = new Bench.Settings(events, queries, creates, batches, reuse);
    Report report = new Bench(db, settings, System.err).run();
    report.print(System.out);
    if (json != null) Files.writeString(json, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(report.toJson()));
    return 0;
  }
}
