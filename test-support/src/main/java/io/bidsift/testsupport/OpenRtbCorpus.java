package io.bidsift.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The shared OpenRTB sample corpus ({@code shared/openrtb-corpus}, beside the repository).
 * Missing corpus fails the test: silently skipping would let the corpus tests pass on nothing.
 */
public final class OpenRtbCorpus {

  private OpenRtbCorpus() {
  }

  public static Path root() {
    Path moduleDir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
    for (Path candidate : List.of(
        moduleDir.resolve("../../shared/openrtb-corpus"),
        moduleDir.resolve("../shared/openrtb-corpus"),
        Path.of("/work/shared/openrtb-corpus"))) {
      if (Files.isDirectory(candidate.resolve("valid"))) {
        return candidate.normalize();
      }
    }
    throw new IllegalStateException("shared/openrtb-corpus not found beside the repository (looked from "
        + moduleDir + ")");
  }

  public static List<Path> valid() {
    return jsonFiles(root().resolve("valid"));
  }

  public static List<Path> invalid() {
    return jsonFiles(root().resolve("invalid")).stream()
        .filter(p -> !p.getFileName().toString().equals("EXPECTED.json"))
        .toList();
  }

  public static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<Path> jsonFiles(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
