package org.healthtimeline.sync;

import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.Callable;
import org.healthtimeline.cli.DatabaseOptions;
import org.healthtimeline.db.Database;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code timeline sync}: what {@code serve} does every minute, once, with a report. */
@Command(name = "sync", mixinStandardHelpOptions = true,
    description = "Give every row of the domain tables (food_entries, sleep_entries, ...) that has no timeline event "
        + "yet its event, e.g. rows another program wrote with SQL. Safe to run again: it adds nothing twice. "
        + "Rows that cannot become events are listed with the reason.")
public final class SyncCommand implements Callable<Integer> {
  @Mixin DatabaseOptions db;

  @Override
  public Integer call() {
    PrintStream out = System.out;
    try (Database database = db.openMigrated()) {
      List<BackfillEngine.Summary> results = new SyncService(database.tx(), Sources.ALL).sync(new ConsoleProgress(System.err));
      long created = 0;
      long problems = 0;
      for (BackfillEngine.Summary r : results) {
        out.printf("%-22s %,8d events made for %,d users; %,d rows cannot become events%n", r.table(), r.migrated(),
            r.users(), r.failed());
        created += r.migrated();
        problems += r.failed();
      }
      for (BackfillEngine.Summary r : results) {
        for (BackfillEngine.Failure p : r.examples()) {
          out.printf("  %s %s (user %s): %s%n", r.table(), p.sourceId(), p.userId(), p.reason());
        }
        long unnamed = r.failed() - r.examples().size();
        if (unnamed > 0) out.printf("  ... and %,d more rows of %s%n", unnamed, r.table());
      }
      out.printf("sync: %,d events made, %,d rows cannot become events, in %s%n", created, problems, db.where());
    }
    return 0;
  }
}
