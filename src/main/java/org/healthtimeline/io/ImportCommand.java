package org.healthtimeline.io;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.healthtimeline.cli.DatabaseOptions;
import org.healthtimeline.cli.UserArgument;
import org.healthtimeline.db.Database;
import org.healthtimeline.timeline.EventSchemas;
import org.healthtimeline.timeline.TimelineService;
import org.healthtimeline.user.UserService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code timeline import FILE --user ID}: the summary goes to stdout; a file that cannot be read on is one line
 * on stderr and exit 1; a file read to its end with bad records in it exits 3 after its summary.
 */
@Command(name = "import", mixinStandardHelpOptions = true,
    description = "Import a file of events (NDJSON, CSV, Apple Health export.xml, FHIR R4 Bundle) into a user's timeline.",
    exitCodeListHeading = "Exit codes:%n",
    exitCodeList = {"0:every record was imported or was already there", "1:the import failed (the file could not be read on, "
        + "or a bad record in --strict mode)", "2:bad usage", "3:the file was read to its end, but some records in it were bad"})
public final class ImportCommand implements Callable<Integer> {
  static final int SOME_BAD = 3;

  @Mixin DatabaseOptions db;

  @Parameters(paramLabel = "FILE", description = "The file to import.")
  Path file;

  @Option(names = "--user", required = true, paramLabel = "ID", description = "The user: their id, or their external_id.")
  String user;

  @Option(names = "--format", paramLabel = "FORMAT",
      description = "ndjson, csv, apple-health or fhir (default: from the file name, else from its content).")
  String format;

  @Option(names = "--strict", description = "Import all or nothing: the first bad record aborts the import.")
  boolean strict;

  @Override
  public Integer call() throws IOException {
    ImportFormat given = format == null ? null : ImportFormat.parse("--format", format);
    long size = size();
    try (Database database = db.openMigrated();
        var counting = new CountingInputStream(Files.newInputStream(file));
        var in = new BufferedInputStream(counting, 1 << 16)) {
      var users = new UserService(database.tx());
      var timeline = new TimelineService(database.tx(), users, new EventSchemas());
      var imports = new ImportService(database.tx(), users, timeline);
      UUID userId = UserArgument.resolve(users, user);
      ImportFormat chosen = ImportService.detect(in, given, null, file.getFileName().toString());
      ImportSummary summary;
      try (ProgressBar bar = Terminal.interactive() ? bar(size) : null) {
        summary = imports.run(userId, in, chosen, strict, records -> {
          if (bar == null) return;
          bar.stepTo(counting.count());
          bar.setExtraMessage(String.format("%,d records", records));
        });
      } catch (ImportRefused e) {
        throw new ImportRefused(file + ": " + e.getMessage());
      }
      summary.lines().forEach(System.out::println);
      System.out.flush();
      if (summary.bad() == 0) return 0;
      System.err.printf("timeline: %,d of %,d records in %s were bad and not imported (listed above)%n", summary.bad(), summary.read(), file);
      return SOME_BAD;
    }
  }

  private long size() throws IOException {
    try {
      return Files.size(file);
    } catch (NoSuchFileException e) {
      throw new NoSuchFileException(file + ": no such file");
    }
  }

  private static ProgressBar bar(long size) {
    return new ProgressBarBuilder().setTaskName("import").setInitialMax(size).setStyle(ProgressBarStyle.ASCII)
        .setUnit(" MB", 1_000_000).showSpeed().build();
  }
}
