package org.healthtimeline.archive;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.healthtimeline.cli.DatabaseOptions;
import org.healthtimeline.cli.UserArgument;
import org.healthtimeline.db.Database;
import org.healthtimeline.user.UserService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "erase", mixinStandardHelpOptions = true,
    description = "Delete a person and everything of theirs, for good, and print how many rows each table lost.")
public final class EraseCommand implements Callable<Integer> {
  @Mixin DatabaseOptions db;

  @Option(names = "--user", paramLabel = "ID", required = true, description = "The person: their id or external_id.")
  String user;

  @Option(names = "--dry-run", description = "Print what would be erased, and erase nothing.")
  boolean dryRun;

  @Override
  public Integer call() {
    try (Database database = db.openMigrated()) {
      var users = new UserService(database.tx());
      var archives = new ArchiveService(database.tx(), users);
      UUID id = UserArgument.resolve(users, user);
      Map<String, Long> rows = dryRun ? archives.count(id) : archives.erase(id);
      rows.forEach((table, n) -> {
        if (n > 0) System.out.printf("%-28s %,10d%n", table, n);
      });
      long total = rows.values().stream().mapToLong(Long::longValue).sum();
      System.out.printf("%s %s: %,d rows in %d tables%n", dryRun ? "would erase" : "erased", id, total,
          rows.values().stream().filter(n -> n > 0).count());
    }
    return 0;
  }
}
