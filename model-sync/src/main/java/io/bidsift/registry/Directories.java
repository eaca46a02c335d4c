package io.bidsift.registry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Cleanup of the registry's temporary and staging directories. */
public final class Directories {

  private Directories() {
  }

  /**
   * Deletes {@code path} and everything under it, if it exists. Best effort: callers only remove
   * hidden staging copies, temporary files and old downloads, which nothing reads again.
   */
  public static void deleteQuietly(Path path) {
    if (path == null || !Files.exists(path)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(path)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.deleteIfExists(p);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    } catch (IOException | UncheckedIOException ignored) {
      // a leftover is harmless (see above) and must not hide the outcome of the operation
    }
  }
}
