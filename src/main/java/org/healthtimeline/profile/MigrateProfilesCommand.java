package org.healthtimeline.profile;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.healthtimeline.cli.DatabaseOptions;
import org.healthtimeline.db.Database;
import org.healthtimeline.user.UserService;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "migrate-profiles", mixinStandardHelpOptions = true,
    description = {"Read the coaching bot's markdown memory files (DIR/<external_id>/profile.md, preferences.md, "
        + "patterns.md) into each person's profile documents; a person is created when no user has the folder's name "
        + "as external_id. What cannot be read is reported with its file and line. Running it again changes nothing."})
public final class MigrateProfilesCommand implements Callable<Integer> {
  @Mixin DatabaseOptions db;

  @Parameters(paramLabel = "DIR", description = "The folder holding one folder per person.")
  Path dir;

  @ArgGroup(exclusive = true)
  Mode mode = new Mode();

  static final class Mode {
    @Option(names = "--dry-run", description = "Report what would be written, and write nothing.")
    boolean dryRun;

    @Option(names = "--verify", description = "Check that the database holds what the files say; exit 1 on any difference.")
    boolean verify;
  }

  @Override
  public Integer call() {
    boolean dryRun = mode.dryRun;
    boolean verify = mode.verify;
    try (Database database = db.openMigrated()) {
      var migration = new ProfileMigration(new UserService(database.tx()));
      ProfileMigration.Report report = verify ? migration.verify(dir) : migration.migrate(dir, dryRun);
      report.warnings().forEach(w -> System.err.println("warning: " + w));
      for (ProfileMigration.Outcome o : report.people()) {
        String action = verify ? "checked" : (dryRun && o.action() != ProfileMigration.Action.UNCHANGED ? "would be " : "")
            + o.action().name().toLowerCase(java.util.Locale.ROOT);
        System.out.printf("%-24s %-18s %s%s%n", o.externalId(), action, o.keys(),
            o.failure() == null ? "" : ": " + o.failure());
      }
      report.mismatches().forEach(m -> System.out.println("mismatch: " + m));
      System.out.printf("%d people: %d created, %d updated, %d unchanged, %d failed; %d warnings%s%s%n",
          report.people().size(), report.count(ProfileMigration.Action.CREATED), report.count(ProfileMigration.Action.UPDATED),
          report.count(ProfileMigration.Action.UNCHANGED), report.count(ProfileMigration.Action.FAILED), report.warnings().size(),
          verify ? "; " + report.mismatches().size() + " mismatches" : "", dryRun ? " (dry run: nothing written)" : "");
      return report.mismatches().isEmpty() && report.count(ProfileMigration.Action.FAILED) == 0 ? 0 : 1;
    }
  }
}
