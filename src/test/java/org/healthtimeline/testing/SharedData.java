package org.healthtimeline.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/** The shared sample files ({@code shared/data} beside the repository, or beside a folder above it). */
public final class SharedData {
  private SharedData() {}

  public static Path dir(String name) {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      Path candidate = p.resolve("shared/data").resolve(name);
      if (Files.exists(candidate)) return candidate;
    }
    throw new IllegalStateException("shared/data/" + name + " is not beside the repository or a folder above it");
  }
}
