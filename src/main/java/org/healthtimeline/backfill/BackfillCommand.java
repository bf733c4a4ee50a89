package org.healthtimeline.backfill;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.healthtimeline.cli.DatabaseOptions;
import org.healthtimeline.db.Database;
import org.healthtimeline.sync.BackfillEngine;
import org.healthtimeline.sync.BackfillFailed;
import org.healthtimeline.sync.ConsoleProgress;
import org.healthtimeline.sync.SourceMapping;
import org.healthtimeline.sync.Sources;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "backfill", mixinStandardHelpOptions = true,
    description = {"Give every row of the source tables (food, sleep, exercise, tracking, medications, assessments, "
        + "sleep quizzes) that has no timeline event yet its event, in batches that each commit: stop it at any moment "
        + "and run it again to finish the rest; a second run changes nothing. Rows that cannot become an event are "
        + "reported and skipped."})
public final class BackfillCommand implements Callable<Integer> {
  @Mixin DatabaseOptions db;
  @Spec CommandSpec spec;

  @ArgGroup(exclusive = true)
  Mode mode = new Mode();

  static final class Mode {
    @Option(names = "--dry-run", description = "Report what would be done, and write nothing.")
    boolean dryRun;

    @Option(names = "--verify", description = "Check that every source row has exactly one event that matches it, "
        + "and that every event with a source's lineage still has its row; list those that do not and exit 1.")
    boolean verify;
  }

  @Option(names = "--source", split = ",", paramLabel = "TABLE", description = "Only these source tables (default: all).")
  List<String> only = List.of();

  @Option(names = "--batch-size", defaultValue = "" + BackfillEngine.BATCH_SIZE, paramLabel = "N", description = "Source rows per batch and commit (default: ${DEFAULT-VALUE}).")
  int batchSize;

  @Override
  public Integer call() {
    List<SourceMapping> sources = sources();
    if (batchSize < 1) throw new ParameterException(spec.commandLine(), "--batch-size must be at least 1");
    PrintStream out = System.out;
    try (Database database = db.openMigrated()) {
      var engine = new BackfillEngine(database.tx(), batchSize, new ConsoleProgress(System.err));
      if (mode.verify) return verify(engine, sources, out);
      out.printf("%-24s %12s %12s %12s %10s %9s%n", "source", "rows", mode.dryRun ? "would add" : "migrated",
          "present", "failed", "seconds");
      var failures = new ArrayList<String>();
      var stopped = new ArrayList<String>();
      for (SourceMapping m : sources) {
        BackfillEngine.Summary s;
        try {
          s = engine.backfill(m, mode.dryRun);
        } catch (BackfillFailed e) {
          // One source that cannot be read (its mapping's SQL fails, the connection stays lost) does not keep the
          // others from being done.
          stopped.add(e.getMessage());
          continue;
        }
        out.printf("%-24s %,12d %,12d %,12d %,10d %9.1f%n", s.table(), s.rows(), s.migrated(), s.present(), s.failed(), s.seconds());
        s.reasons().forEach((why, n) -> failures.add(String.format("  %s: %,d rows: %s", s.table(), n, why)));
        s.examples().forEach(f -> failures.add("    " + s.table() + " " + f.sourceId() + ": " + f.reason()));
      }
      if (!failures.isEmpty()) {
        out.println("rows that have no event (skipped):");
        failures.forEach(out::println);
      }
      if (mode.dryRun) out.println("dry run: nothing written");
      stopped.forEach(why -> System.err.println("timeline: backfill stopped for " + why));
      // Rows that cannot become events are reported above; they do not make a completed run a failure.
      return stopped.isEmpty() ? 0 : 1;
    }
  }

  private static int verify(BackfillEngine engine, List<SourceMapping> sources, PrintStream out) {
    long mismatches = 0;
    for (BackfillEngine.Verification v : engine.verify(sources)) {
      mismatches += v.mismatches();
      out.printf("%-24s %,12d rows %,10d mismatches%n", v.table(), v.rows(), v.mismatches());
      v.kinds().forEach((why, n) -> out.printf("  %,d: %s%n", n, why));
      v.examples().forEach(f -> out.println("    " + v.table() + " " + f.sourceId() + ": " + f.reason()));
    }
    out.println(mismatches == 0 ? "every source row has exactly one matching event"
        : mismatches + " mismatches: source rows without exactly one matching event, or events whose source row is gone");
    return mismatches == 0 ? 0 : 1;
  }

  private List<SourceMapping> sources() {
    var known = Sources.ALL.stream().map(SourceMapping::table).toList();
    for (String t : only) {
      if (!known.contains(t)) {
        throw new ParameterException(spec.commandLine(), "--source: no source table '" + t + "'; sources: " + String.join(", ", known));
      }
    }
    return Sources.ALL.stream().filter(m -> only.isEmpty() || only.contains(m.table())).toList();
  }
}
