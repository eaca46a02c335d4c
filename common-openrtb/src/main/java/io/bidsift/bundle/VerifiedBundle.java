package io.bidsift.bundle;

import java.nio.file.Path;
import java.util.Map;

/**
 * A bundle whose files all matched their manifest digests. It holds the bytes that were
 * verified, so nothing is read twice and a file changed after verification cannot slip in.
 */
public final class VerifiedBundle {

  private final Path dir;
  private final BundleManifest manifest;
  private final Map<String, byte[]> files;

  VerifiedBundle(Path dir, BundleManifest manifest, Map<String, byte[]> files) {
    this.dir = dir;
    this.manifest = manifest;
    this.files = Map.copyOf(files);
  }

  public Path dir() {
    return dir;
  }

  public BundleManifest manifest() {
    return manifest;
  }

  /** The verified content of a file listed in the manifest (a copy). */
  public byte[] file(String name) {
    byte[] bytes = files.get(name);
    if (bytes == null) {
      throw new IllegalArgumentException("bundle " + dir + " has no file " + name);
    }
    return bytes.clone();
  }

  public boolean has(String name) {
    return files.containsKey(name);
  }

  public byte[] model() {
    return file(manifest.model().file());
  }
}
