package org.healthtimeline.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.healthtimeline.cli.DatabaseOptions;
import org.healthtimeline.cli.UserArgument;
import org.healthtimeline.db.Database;
import org.healthtimeline.timeline.EventSchemas;
import org.healthtimeline.timeline.TimelineService;
import org.healthtimeline.user.UserService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code timeline export --user ID}: the timeline to stdout or {@code --out FILE}; the count to stderr. */
@Command(name = "export", mixinStandardHelpOptions = true,
    description = "Write a user's timeline (or a range and types of it) as NDJSON, CSV or a FHIR R4 Bundle.")
public final class ExportCommand implements Callable<Integer> {
  @Mixin DatabaseOptions db;

  @Option(names = "--user", required = true, paramLabel = "ID", description = "The user: their id, or their external_id.")
  String user;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "ndjson", description = "ndjson, csv or fhir (default: ${DEFAULT-VALUE}).")
  String format;

  @Option(names = "--from", paramLabel = "TIME", description = "Only events at or after this RFC 3339 time.")
  String from;

  @Option(names = "--to", paramLabel = "TIME", description = "Only events before this RFC 3339 time.")
  String to;

  @Option(names = "--type", paramLabel = "TYPE", split = ",", description = "Only these event types (repeat or use commas).")
  List<String> types = List.of();

  @Option(names = "--out", paramLabel = "FILE", description = "Write to this file instead of stdout.")
  Path out;

  @Override
  public Integer call() throws IOException {
    ExportFormat chosen = ExportFormat.parse("--format", format);
    Instant start = instant("--from", from);
    Instant end = instant("--to", to);
    var typeSet = ExportRoutes.types(types);
    try (Database database = db.openMigrated()) {
      var users = new UserService(database.tx());
      var exports = new ExportService(users, new TimelineService(database.tx(), users, new EventSchemas()));
      UUID userId = UserArgument.resolve(users, user);
      OutputStream sink = new BufferedOutputStream(out == null ? System.out : Files.newOutputStream(out), 1 << 16);
      long n = exports.export(userId, chosen, start, end, typeSet, sink);
      if (out != null) sink.close();
      System.err.printf("exported %,d events%s%n", n, out == null ? "" : " to " + out);
    }
    return 0;
  }

  private static Instant instant(String option, String value) {
    if (value == null) return null;
    try {
      return OffsetDateTime.parse(value).toInstant();
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(option + " must be an RFC 3339 time with an offset, e.g. 2024-03-10T00:00:00-06:00");
    }
  }
}
