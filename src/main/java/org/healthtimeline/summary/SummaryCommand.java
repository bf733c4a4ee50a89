package org.healthtimeline.summary;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.InteractiveConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.healthtimeline.cli.DatabaseOptions;
import org.healthtimeline.cli.UserArgument;
import org.healthtimeline.db.Database;
import org.healthtimeline.db.Tx;
import org.healthtimeline.errors.NotFound;
import org.healthtimeline.user.UserService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code timeline summary}: the daily rollups behind the aggregates and the daily summary. */
@Command(name = "summary", mixinStandardHelpOptions = true,
    description = "The daily rollups behind GET …/aggregates and …/summary/daily.", subcommands = SummaryCommand.Rebuild.class)
public final class SummaryCommand {

  @Command(name = "rebuild", mixinStandardHelpOptions = true,
      description = "Recompute the daily rollups from the events, every user's or one user's, and print one line of what "
          + "they hold. The triggers keep them current; this is for writes that bypassed the triggers "
          + "(session_replication_role = replica) or a rollup found wrong. Safe beside a running serve: a user's writers "
          + "wait while their rollups are rebuilt.")
  static final class Rebuild implements Callable<Integer> {
    /** Users per transaction: each holds its user's lock of the timeline's trigger until the batch commits. */
    private static final int BATCH = 50;

    @Mixin DatabaseOptions db;

    @Option(names = "--user", paramLabel = "ID", description = "Only this user's rollups (their id, or their external_id).")
    String user;

    @Override
    public Integer call() {
      try (Database database = db.openMigrated()) {
        long start = System.nanoTime();
        Rollups.Counts counts = user == null ? everyone(database.tx()) : one(database.tx(), userId(database.tx()));
        System.out.printf("summary rebuild: %s, in %.1f s, in %s%n", counts, (System.nanoTime() - start) / 1e9, db.where());
      }
      return 0;
    }

    private UUID userId(Tx tx) {
      var users = new UserService(tx);
      UUID id = UserArgument.resolve(users, user);
      if (!users.exists(id)) throw new NotFound("user", "no user has the id or external_id " + user);
      return id;
    }

    private static Rollups.Counts one(Tx tx, UUID id) {
      return tx.inTransaction(c -> {
        Rollups.rebuild(c, List.of(id));
        return Rollups.count(c, List.of(id));
      });
    }

    /** Batch by batch, in id order, each batch in a transaction of its own; a progress bar on stderr. */
    private static Rollups.Counts everyone(Tx tx) {
      long total = tx.read(Rollups::userCount);
      var counts = new Rollups.Counts(0, 0, 0, 0, 0, 0);
      try (ProgressBar bar = new ProgressBarBuilder().setTaskName("rebuild").setInitialMax(total)
          .setStyle(ProgressBarStyle.ASCII).setUnit(" users", 1).setConsumer(new InteractiveConsoleProgressBarConsumer(System.err))
          .build()) {
        UUID after = null;
        for (List<UUID> batch; !(batch = page(tx, after)).isEmpty(); after = batch.getLast()) {
          List<UUID> users = batch;
          counts = counts.plus(tx.inTransaction(c -> {
            Rollups.rebuild(c, users);
            return Rollups.count(c, users);
          }));
          bar.stepBy(batch.size());
        }
      }
      return counts;
    }

    private static List<UUID> page(Tx tx, UUID after) {
      return tx.read(c -> Rollups.users(c, after, BATCH));
    }
  }
}
