package io.bidsift.registry;

import io.bidsift.bundle.BundleFiles;
import io.bidsift.bundle.BundleManifest;
import io.bidsift.json.JsonInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A model bundle whose files were checked against its manifest: exactly {@code manifest.json}
 * plus the files it lists, each matching its sha256. Anything else (a missing file, a changed
 * one, an unlisted one, a symbolic link) makes it invalid, because the bid filter must load
 * exactly what was trained and evaluated.
 */
public record ModelBundle(Path dir, BundleManifest manifest) {

  private static final long MAX_MANIFEST_BYTES = 1024 * 1024;

  /**
   * Reads and checks the bundle in {@code dir}.
   *
   * @throws InvalidBundleException with a one-line reason when it is not a valid bundle
   */
  public static ModelBundle verify(Path dir) {
    return verify(dir, "bundle " + dir);
  }

  /**
   * Like {@link #verify(Path)}, naming the bundle {@code where} in messages (e.g. its S3 URI
   * when {@code dir} is a temporary download).
   */
  public static ModelBundle verify(Path dir, String where) {
    if (!Files.isDirectory(dir)) {
      throw new InvalidBundleException(where + ": not a directory");
    }
    try {
      BundleManifest manifest;
      try {
        manifest = BundleManifest.parse(readManifest(dir, where));
      } catch (JsonInputException e) {
        throw invalid(where, e.getMessage());
      }
      for (var file : manifest.files().entrySet()) {
        Path path = dir.resolve(file.getKey());
        if (!Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
          throw invalid(where, file.getKey() + " is listed in " + BundleFiles.MANIFEST
              + " but is " + (Files.exists(path, LinkOption.NOFOLLOW_LINKS) ? "not a regular file" : "missing"));
        }
        String actual = Sha256.of(path);
        if (!actual.equals(file.getValue())) {
          throw invalid(where, file.getKey() + " does not match its sha256 in "
              + BundleFiles.MANIFEST + " (expected " + file.getValue() + ", found " + actual + ")");
        }
      }
      rejectUnlisted(dir, manifest, where);
      return new ModelBundle(dir, manifest);
    } catch (IOException | UncheckedIOException e) {
      throw new InvalidBundleException(where + ": could not be read: " + e.getMessage());
    }
  }

  public String version() {
    return manifest.version();
  }

  /** The bundle's file names (flat, see {@link BundleManifest}): the manifest first, then the listed files. */
  public List<String> paths() {
    List<String> paths = new ArrayList<>();
    paths.add(BundleFiles.MANIFEST);
    paths.addAll(manifest.files().keySet());
    return paths;
  }

  /** Copies the bundle's files (and nothing else) into {@code target}, creating directories as needed. */
  public void copyTo(Path target) throws IOException {
    for (String path : paths()) {
      Path to = target.resolve(path);
      Files.createDirectories(to.getParent());
      Files.copy(dir.resolve(path), to);
    }
  }

  private static byte[] readManifest(Path dir, String where) throws IOException {
    Path manifest = dir.resolve(BundleFiles.MANIFEST);
    if (!Files.isRegularFile(manifest, LinkOption.NOFOLLOW_LINKS)) {
      throw invalid(where, "has no " + BundleFiles.MANIFEST);
    }
    if (Files.size(manifest) > MAX_MANIFEST_BYTES) {
      throw invalid(where, BundleFiles.MANIFEST + " is larger than " + MAX_MANIFEST_BYTES + " bytes");
    }
    return Files.readAllBytes(manifest);
  }

  private static InvalidBundleException invalid(String where, String what) {
    return new InvalidBundleException(where + ": " + what);
  }

  private static void rejectUnlisted(Path dir, BundleManifest manifest, String where) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) walk::iterator) {
        if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
          continue;
        }
        String relative = dir.relativize(p).toString().replace(p.getFileSystem().getSeparator(), "/");
        if (!relative.equals(BundleFiles.MANIFEST) && !manifest.files().containsKey(relative)) {
          throw invalid(where, relative + " is not listed in " + BundleFiles.MANIFEST);
        }
      }
    }
  }
}
