package org.healthtimeline.io;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The importer sample files of {@code shared/data/}, found beside the checkout (CI lays shared/ next to the
 * clone; a worktree has it further up).
 */
public final class SampleFiles {
  private SampleFiles() {}

  public static Path path(String name) {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("shared").resolve("data").resolve(name);
      if (Files.exists(candidate)) return candidate;
    }
    throw new IllegalStateException("shared/data/" + name + " is not beside this checkout or above it");
  }
}
