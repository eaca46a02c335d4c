package io.bidsift.modelsync;

import io.bidsift.bundle.BundleFiles;
import io.bidsift.bundle.BundleManifest;
import io.bidsift.registry.Directories;
import io.bidsift.registry.ModelVersions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A models home: the directory {@code ./bidsift promote --target local:DIR} writes and
 * {@link LocalModelSource} serves from.
 *
 * <pre>
 * DIR/
 *   20261129T034500Z-3f2a9c/   a bundle (manifest.json and its files), one directory per version
 *   20261201T101500Z-9b1c04/
 *   ACTIVE                     the version to serve, one line
 * </pre>
 *
 * Both kinds of change are atomic renames: a version directory is assembled under a hidden
 * staging name, and ACTIVE is replaced by renaming a complete file over it, so a poll never sees
 * half a bundle or half a name. Without ACTIVE the greatest version name is served (versions start
 * with their UTC timestamp, so that is the newest).
 */
public final class LocalModelHome {

  public static final String ACTIVE = "ACTIVE";
  private static final String STAGING_PREFIX = ".staging-";
  private static final int MAX_ACTIVE_BYTES = 1024;

  private final Path root;

  public LocalModelHome(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  public Path root() {
    return root;
  }

  /** The directory of {@code version} (which may not exist). */
  public Path versionDir(String version) {
    return root.resolve(ModelVersions.requireValid(version));
  }

  /**
   * What ACTIVE says, trimmed; empty when there is no ACTIVE file. The text is returned as is,
   * even when it is not a valid version: the caller reports it.
   */
  public Optional<String> activeText() throws IOException {
    try {
      byte[] bytes = Files.readAllBytes(root.resolve(ACTIVE));
      if (bytes.length > MAX_ACTIVE_BYTES) {
        return Optional.of("(" + ACTIVE + " has " + bytes.length + " bytes)");
      }
      return Optional.of(new String(bytes, StandardCharsets.UTF_8).strip());
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }

  /** The greatest version name among the bundle directories (with a manifest.json), if any. */
  public Optional<String> latestVersion() throws IOException {
    if (!Files.isDirectory(root)) {
      return Optional.empty();
    }
    try (Stream<Path> dirs = Files.list(root)) {
      return dirs
          .filter(d -> BundleManifest.isValidVersion(d.getFileName().toString()))
          .filter(d -> Files.isRegularFile(d.resolve(BundleFiles.MANIFEST)))
          .map(d -> d.getFileName().toString())
          .max(Comparator.naturalOrder());
    }
  }

  /** Writes the files of {@code version} into its directory through a staging directory; a no-op when it exists. */
  public Path install(String version, StagingFiller filler) throws IOException {
    Path target = versionDir(version);
    if (Files.isDirectory(target)) {
      return target;
    }
    Files.createDirectories(root);
    Path staging = Files.createDirectory(root.resolve(STAGING_PREFIX + UUID.randomUUID()));
    try {
      filler.fill(staging);
      Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
      staging = null;
    } catch (FileAlreadyExistsException | java.nio.file.DirectoryNotEmptyException e) {
      // installed by someone else meanwhile: theirs is as good as ours (same version, verified)
    } finally {
      Directories.deleteQuietly(staging);
    }
    return target;
  }

  /** Makes {@code version} the one to serve: ACTIVE is replaced in one atomic rename. */
  public void activate(String version) throws IOException {
    ModelVersions.requireValid(version);
    Files.createDirectories(root);
    Path temp = root.resolve(STAGING_PREFIX + UUID.randomUUID() + ".active");
    try {
      Files.writeString(temp, version + "\n", StandardCharsets.UTF_8);
      Files.move(temp, root.resolve(ACTIVE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      temp = null;
    } catch (AtomicMoveNotSupportedException e) {
      throw new IOException(root + " is on a file system without atomic rename", e);
    } finally {
      Directories.deleteQuietly(temp);
    }
  }

  /** Fills an empty staging directory with a bundle's files. */
  @FunctionalInterface
  public interface StagingFiller {
    void fill(Path staging) throws IOException;
  }
}
