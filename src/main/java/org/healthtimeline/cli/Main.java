package org.healthtimeline.cli;

import org.healthtimeline.bench.BenchCommand;
import org.healthtimeline.demo.DemoCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code timeline}: the service and its tools. Exit codes: 0 done, 1 failed, 2 bad usage. */
@Command(name = "timeline", mixinStandardHelpOptions = true, version = "health-timeline 0.1.0",
    description = "Every health event of a person on one timeline, on PostgreSQL.",
    subcommands = {ServeCommand.class, MigrateCommand.class, DemoCommand.class, TokenCommand.class, BenchCommand.class})
public final class Main {

  public static void main(String[] args) {
    System.exit(run(args));
  }

  public static int run(String... args) {
    var cli = new CommandLine(new Main());
    // One line on stderr for a failure, no stack trace: the log has the details.
    cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
      cmd.getErr().println("timeline: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
      return 1;
    });
    return cli.execute(args);
  }
}
