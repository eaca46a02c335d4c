package io.bidsift.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A small real model bundle written by {@code ./bidsift train} (see the README beside it), so
 * tests of the serving side load the same files a data scientist would promote.
 */
public final class FixtureBundle {

  /** The version in the fixture's manifest. */
  public static final String VERSION = "20261129T055110Z-ccd4a2";

  private static final List<String> FILES =
      List.of("manifest.json", "model.json", "encodings.json", "canary.jsonl", "baseline.json");

  private FixtureBundle() {
  }

  /** Copies the bundle into {@code dir} (created if needed) and returns it. */
  public static Path copyTo(Path dir) {
    try {
      Files.createDirectories(dir);
      for (String name : FILES) {
        try (InputStream in = FixtureBundle.class.getResourceAsStream("bundle-small/" + name)) {
          if (in == null) {
            throw new IllegalStateException("test-support is missing the fixture file bundle-small/" + name);
          }
          Files.copy(in, dir.resolve(name));
        }
      }
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
