package org.healthtimeline.sync;

import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.InteractiveConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
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
      var progress = new Bar();
      List<SyncService.TableResult> results;
      try {
        results = new SyncService(database.tx(), Sources.ALL).sync(progress);
      } finally {
        progress.close();
      }
      long created = 0;
      long problems = 0;
      for (SyncService.TableResult r : results) {
        out.printf("%-22s %,8d events made for %,d users; %,d rows cannot become events%n", r.table(), r.eventsCreated(),
            r.users(), r.problems().total());
        created += r.eventsCreated();
        problems += r.problems().total();
      }
      for (SyncService.TableResult r : results) {
        for (SourceEvents.Problem p : r.problems().first()) {
          out.printf("  %s %s (user %s): %s%n", p.table(), p.sourceId(), p.userId(), p.problem());
        }
        long unnamed = r.problems().total() - r.problems().first().size();
        if (unnamed > 0) out.printf("  ... and %,d more rows of %s%n", unnamed, r.table());
      }
      out.printf("sync: %,d events made, %,d rows cannot become events, in %s%n", created, problems, db.where());
    }
    return 0;
  }

  /** A progress bar per table that has users to sync, on stderr. */
  private static final class Bar implements SyncService.Progress, AutoCloseable {
    private ProgressBar bar;

    @Override
    public void table(String table, int users) {
      close();
      if (users == 0) return;
      bar = new ProgressBarBuilder().setTaskName(table).setInitialMax(users).setStyle(ProgressBarStyle.ASCII)
          .setUnit(" users", 1).setConsumer(new InteractiveConsoleProgressBarConsumer(System.err)).build();
    }

    @Override
    public void userDone() {
      bar.step();
    }

    @Override
    public void close() {
      if (bar != null) bar.close();
      bar = null;
    }
  }
}
