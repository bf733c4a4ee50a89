package org.healthtimeline.io;

import java.util.List;
import java.util.Map;

/**
 * What an import did. {@code read} counts the records the reader reached (lines, rows of events, elements);
 * each of them is exactly one of imported (a new event), corrected (a newer record_version of a stored event),
 * duplicate (already stored, or repeated in the file), skipped (deliberately, by reason) or bad (with its
 * problem). {@code problems} lists the first {@value ImportRun#LISTED_PROBLEMS} bad records.
 */
public record ImportSummary(String format, boolean strict, long read, long imported, long corrected, long duplicates,
    long skipped, Map<String, Long> skippedByReason, long bad, List<Problem> problems, double seconds) {

  /** A bad record: where it is ({@code line}, and {@code element} in structured formats), what and why. */
  public record Problem(long line, String element, String field, String message) {
    @Override
    public String toString() {
      boolean named = field == null || message.startsWith(field + ": ");
      return new Position(line, element) + ": " + (named ? "" : field + ": ") + message;
    }
  }

  /** The summary for people, as {@code timeline import} prints it. */
  public List<String> lines() {
    var out = new java.util.ArrayList<String>();
    out.add(String.format("%s: read %,d records: %,d imported, %,d corrected, %,d duplicates, %,d skipped, %,d bad%s (%.1f s)",
        format, read, imported, corrected, duplicates, skipped, bad, strict ? " (strict)" : "", seconds));
    skippedByReason.forEach((reason, n) -> out.add(String.format("  skipped %,d: %s", n, reason)));
    problems.forEach(p -> out.add("  bad " + p));
    if (bad > problems.size()) out.add(String.format("  ... and %,d more bad records", bad - problems.size()));
    return out;
  }
}
