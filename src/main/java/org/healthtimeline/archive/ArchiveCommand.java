package org.healthtimeline.archive;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.healthtimeline.cli.DatabaseOptions;
import org.healthtimeline.cli.UserArgument;
import org.healthtimeline.db.Database;
import org.healthtimeline.user.UserService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "archive", mixinStandardHelpOptions = true,
    description = "Write everything stored about one person (profile, every table of theirs, timeline, history) to a zip.")
public final class ArchiveCommand implements Callable<Integer> {
  @Mixin DatabaseOptions db;

  @Option(names = "--user", paramLabel = "ID", required = true, description = "The person: their id or external_id.")
  String user;

  @Option(names = "--out", paramLabel = "FILE", required = true, description = "The zip to write (replaced if it exists).")
  Path out;

  @Override
  public Integer call() throws IOException {
    try (Database database = db.openMigrated()) {
      var users = new UserService(database.tx());
      var archives = new ArchiveService(database.tx(), users);
      UUID id = UserArgument.resolve(users, user);
      Path target = out.toAbsolutePath();
      // Written beside the target and moved in place: a failed export never leaves half an archive under its name.
      Path partial = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".partial");
      try {
        try (OutputStream o = Files.newOutputStream(partial)) {
          archives.write(id, o);
        }
        Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(partial);
      }
      long rows = archives.count(id).values().stream().mapToLong(Long::longValue).sum();
      System.err.printf("archive of %s: %,d rows, %,d bytes in %s%n", id, rows, Files.size(target), target);
    }
    return 0;
  }
}
