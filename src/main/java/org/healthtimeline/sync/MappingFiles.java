package org.healthtimeline.sync;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;

/**
 * Loads a {@link SourceMapping} from a resource that is one plain {@code SELECT <columns> FROM <from>} statement,
 * runnable as it is in psql. Whole-line {@code --} comments are dropped, so that none can swallow the SQL that
 * callers append; the statement is split at its one line that starts with {@code FROM}.
 */
public final class MappingFiles {
  private MappingFiles() {}

  /** {@code resource} is a class path name, e.g. {@code /org/healthtimeline/food/food_entries.sql}. */
  public static SourceMapping load(String table, String resource) {
    String sql;
    try (InputStream in = MappingFiles.class.getResourceAsStream(resource)) {
      if (in == null) throw new IllegalStateException(resource + " is missing from the jar");
      sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String text = sql.lines().filter(l -> !l.strip().startsWith("--")).collect(Collectors.joining("\n")).strip();
    if (text.endsWith(";")) text = text.substring(0, text.length() - 1);
    if (!text.startsWith("SELECT")) throw new IllegalStateException(resource + " must be one SELECT statement");
    int from = text.indexOf("\nFROM ");
    if (from < 0 || text.indexOf("\nFROM ", from + 1) >= 0) {
      throw new IllegalStateException(resource + " must have exactly one line that starts with FROM");
    }
    return new SourceMapping(table, text.substring(from + 6).strip(), text.substring(6, from).strip());
  }
}
