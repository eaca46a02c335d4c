package io.bidsift.registry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Puts a fetched bundle in its target directory only once it has verified: it is assembled in
 * a hidden sibling directory, checked, then renamed into place, so the target never holds a
 * partial or unverified bundle.
 */
final class BundleTarget {

  /** Writes the bundle's files into an empty staging directory. */
  @FunctionalInterface
  interface Filler {
    void fill(Path staging) throws IOException;
  }

  private BundleTarget() {
  }

  /**
   * @param where names the source in error messages, e.g. {@code s3://bucket/key}
   * @return {@code target}, holding the verified bundle of {@code version}
   */
  static Path install(Path target, String version, String where, Filler filler) {
    Path dir = target.toAbsolutePath().normalize();
    requireAbsentOrEmpty(dir);
    Path staging = null;
    try {
      Files.createDirectories(dir.getParent());
      staging = Files.createDirectory(dir.resolveSibling("." + dir.getFileName() + ".staging-" + UUID.randomUUID()));
      filler.fill(staging);
      ModelBundle bundle = ModelBundle.verify(staging, where);
      if (!bundle.version().equals(version)) {
        throw new InvalidBundleException(where + ": holds version '" + bundle.version() + "', not '" + version + "'");
      }
      Files.deleteIfExists(dir);
      Files.move(staging, dir, StandardCopyOption.ATOMIC_MOVE);
      staging = null;
      return dir;
    } catch (IOException e) {
      throw new RegistryException("could not fetch " + version + " into " + dir + ": " + e, e);
    } finally {
      Directories.deleteQuietly(staging);
    }
  }

  private static void requireAbsentOrEmpty(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    boolean empty;
    try (Stream<Path> entries = Files.list(dir)) {
      empty = entries.findAny().isEmpty();
    } catch (IOException e) {
      empty = false;
    }
    if (!empty) {
      throw new RegistryException("fetch target " + dir + " exists and is not an empty directory");
    }
  }
}
