package io.bidsift.bundle;

import io.bidsift.json.JsonInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Loads a bundle directory and verifies it: the manifest parses, it lists the model, the
 * encodings and the canary set, and every file it lists has the sha256 it says. Depends on
 * nothing but {@code io.bidsift.json}, so the bid filter and the registry can use it as is.
 */
public final class BundleReader {

  /**
   * @throws BundleVerificationException with a one-line reason when the bundle must not be used
   */
  public VerifiedBundle read(Path dir) {
    Path manifestFile = dir.resolve(BundleFiles.MANIFEST);
    BundleManifest manifest;
    try {
      manifest = BundleManifest.parse(Files.readAllBytes(manifestFile));
    } catch (NoSuchFileException e) {
      throw new BundleVerificationException("bundle " + dir + " has no " + BundleFiles.MANIFEST);
    } catch (IOException e) {
      throw new BundleVerificationException("bundle " + dir + ": cannot read " + BundleFiles.MANIFEST + ": " + e, e);
    } catch (JsonInputException e) {
      throw new BundleVerificationException("bundle " + dir + ": " + e.getMessage(), e);
    }
    // the manifest lists the model itself; serving needs these two as well
    for (String required : List.of(BundleFiles.ENCODINGS, BundleFiles.CANARY)) {
      if (!manifest.files().containsKey(required)) {
        throw new BundleVerificationException("bundle " + dir + ": the manifest does not list " + required);
      }
    }
    Map<String, byte[]> files = new LinkedHashMap<>();
    for (Map.Entry<String, String> f : manifest.files().entrySet()) {
      String name = f.getKey(); // a flat name in the bundle: BundleManifest refuses any other
      byte[] bytes;
      try {
        bytes = Files.readAllBytes(dir.resolve(name));
      } catch (NoSuchFileException e) {
        throw new BundleVerificationException("bundle " + dir + ": " + name + " is missing");
      } catch (IOException e) {
        throw new BundleVerificationException("bundle " + dir + ": cannot read " + name + ": " + e, e);
      }
      String actual = BundleFiles.sha256(bytes);
      if (!actual.equals(f.getValue())) {
        throw new BundleVerificationException("bundle " + dir + ": " + name + " does not match the manifest (sha256 "
            + actual + ", expected " + f.getValue() + ")");
      }
      files.put(name, bytes);
    }
    return new VerifiedBundle(dir, manifest, files);
  }
}
