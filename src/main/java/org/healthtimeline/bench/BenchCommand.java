package org.healthtimeline.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.healthtimeline.cli.DatabaseOptions;
import org.healthtimeline.web.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "bench", mixinStandardHelpOptions = true,
    description = {"Load N synthetic events into a database of its own (timeline_bench) and measure the API: "
        + "30-day query over HTTP and over raw JDBC, single creates with 1 and 32 clients, batch creates, and bytes "
        + "per event. Every API figure is printed beside a baseline measured in the same run."})
public final class BenchCommand implements Callable<Integer> {
  @Mixin DatabaseOptions db;
  @Spec CommandSpec spec;

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

  @Option(names = "--only", split = ",", paramLabel = "CASE",
      description = "Run only these cases (comma-separated): ${COMPLETION-CANDIDATES}. Default: all.",
      completionCandidates = CaseNames.class)
  List<String> only = List.of();

  @Option(names = "--json", paramLabel = "FILE", description = "Also write the figures as JSON to FILE.")
  Path json;

  static final class CaseNames implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return Bench.caseNames().iterator();
    }
  }

  @Override
  public Integer call() throws Exception {
    for (String name : only) {
      if (!Bench.caseNames().contains(name)) {
        throw new ParameterException(spec.commandLine(), "--only: unknown case '" + name + "'; cases: " + String.join(", ", Bench.caseNames()));
      }
    }
    var settings = new Bench.Settings(events, queries, creates, batches, reuse, Set.copyOf(only));
    Report report = new Bench(db, settings, System.err).run();
    report.print(System.out);
    if (json != null) Files.writeString(json, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(report.toJson()));
    return 0;
  }
}
