package org.healthtimeline.cli;

import org.healthtimeline.archive.ArchiveCommand;
import org.healthtimeline.archive.EraseCommand;
import org.healthtimeline.backfill.BackfillCommand;
import org.healthtimeline.bench.BenchCommand;
import org.healthtimeline.demo.DemoCommand;
import org.healthtimeline.io.ExportCommand;
import org.healthtimeline.io.ImportCommand;
import org.healthtimeline.profile.MigrateProfilesCommand;
import org.healthtimeline.retention.RetentionCommand;
import org.healthtimeline.summary.SummaryCommand;
import org.healthtimeline.sync.SyncCommand;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code timeline}: the service and its tools. Exit codes: 0 done, 1 failed, 2 bad usage. */
@Command(name = "timeline", mixinStandardHelpOptions = true, version = "health-timeline 0.1.0",
    description = "Every health event of a person on one timeline, on PostgreSQL.",
    subcommands = {ServeCommand.class, MigrateCommand.class, DemoCommand.class, TokenCommand.class, BenchCommand.class,
        MigrateProfilesCommand.class, ArchiveCommand.class, EraseCommand.class,
        RetentionCommand.class, BackfillCommand.class, ImportCommand.class, ExportCommand.class,
        SyncCommand.class, SummaryCommand.class})
public final class Main {

  public static void main(String[] args) {
    System.exit(run(args));
  }

  public static int run(String... args) {
    var cli = new CommandLine(new Main());
    // One line on stderr for a failure, no stack trace: the log has the details (LOG_LEVEL=DEBUG).
    cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
      LoggerFactory.getLogger(Main.class).debug("{} failed", cmd.getCommandSpec().qualifiedName(), e);
      cmd.getErr().println("timeline: " + oneLine(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
      return 1;
    });
    // Likewise for a usage error: picocli would print the whole usage help after it.
    cli.setParameterExceptionHandler((e, badArgs) -> {
      CommandLine cmd = e.getCommandLine();
      String problem = oneLine(e.getMessage()).replaceFirst("^Error: ", "");
      cmd.getErr().println("timeline: " + problem + " (see '" + cmd.getCommandSpec().qualifiedName() + " --help')");
      return cmd.getCommandSpec().exitCodeOnInvalidInput();
    });
    return cli.execute(args);
  }

  /** PostgreSQL's messages carry Detail/Hint/Where lines; a CLI error stays one line. */
  private static String oneLine(String message) {
    return message.strip().replaceAll("\\s*\\R\\s*", " ");
  }
}
