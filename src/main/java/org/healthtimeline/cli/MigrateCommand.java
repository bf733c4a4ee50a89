package org.healthtimeline.cli;

import java.util.concurrent.Callable;
import org.healthtimeline.db.Database;
import org.healthtimeline.db.Migrations;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "migrate", mixinStandardHelpOptions = true,
    description = "Bring the schema up to date (Flyway), or undo one migration that has an undo script.")
final class MigrateCommand implements Callable<Integer> {
  @Mixin DatabaseOptions db;

  @Option(names = "--undo", paramLabel = "VERSION",
      description = "Run the undo script of this migration instead (2: the timeline tables).")
  String undo;

  @Override
  public Integer call() {
    try (Database database = Database.open(db.config())) {
      if (undo != null) {
        Migrations.undo(database.dataSource(), undo);
        System.err.println("undid migration " + undo + " in " + db.where());
      } else {
        int applied = Migrations.migrate(database.dataSource());
        System.err.println(applied + " migration(s) applied to " + db.where());
      }
    }
    return 0;
  }
}
