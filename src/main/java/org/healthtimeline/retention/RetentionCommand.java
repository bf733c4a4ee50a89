package org.healthtimeline.retention;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import org.healthtimeline.cli.DatabaseOptions;
import org.healthtimeline.db.Database;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "retention", mixinStandardHelpOptions = true,
    description = {"Apply the retention rules once: conversation history beyond the last 1,000 messages of a person "
        + "removed, food-entry corrections older than a year removed, meal photos older than 30 days marked archived. "
        + "serve does the same every day."})
public final class RetentionCommand implements Callable<Integer> {
  @Mixin DatabaseOptions db;

  @Option(names = "--dry-run", description = "Count what would be removed or marked, and change nothing.")
  boolean dryRun;

  @Override
  public Integer call() {
    try (Database database = db.openMigrated()) {
      List<RetentionService.Step> steps = new RetentionService(database.tx()).run(Instant.now(), dryRun);
      for (RetentionService.Step s : steps) {
        System.out.printf("%-26s %,10d %s%s%n", s.name(), s.rows(), dryRun ? "would be " : "", s.description());
      }
    }
    return 0;
  }
}
