package io.bidsift.modelsync;

import io.bidsift.bundle.BundleManifest;
import io.bidsift.bundle.VerifiedBundle;
import io.bidsift.registry.BundleArchive;
import io.bidsift.registry.ModelBundle;
import io.bidsift.testsupport.FixtureBundle;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;

/** The real fixture bundle under other versions, tampered copies, tarballs, and a trivial loader. */
final class TestBundles {

  static final String V1 = "20261201T000000Z-aaaaaa";
  static final String V2 = "20261202T000000Z-bbbbbb";
  static final String V3 = "20261203T000000Z-cccccc";

  /** What the trivial loader builds: enough to tell bundles apart. */
  record ManifestModel(String version, int dsps) {
  }

  private TestBundles() {
  }

  /** The trivial loader: the parsed manifest (the real predictor is the bid filter's business). */
  static ManifestModel load(VerifiedBundle bundle) {
    return new ManifestModel(bundle.manifest().version(), bundle.manifest().dsps().size());
  }

  /** The fixture bundle in {@code dir}, with its manifest saying {@code version}. */
  static Path bundle(Path dir, String version) throws IOException {
    FixtureBundle.copyTo(dir);
    Path manifest = dir.resolve("manifest.json");
    String text = Files.readString(manifest);
    String original = "\"version\" : \"" + FixtureBundle.VERSION + "\"";
    if (!text.contains(original)) {
      throw new IllegalStateException("the fixture manifest no longer has " + original);
    }
    Files.writeString(manifest, text.replace(original, "\"version\" : \"" + version + "\""));
    return dir;
  }

  /** Changes model.json after the manifest sealed it, as a corrupted copy or an attacker would. */
  static Path tamper(Path dir) throws IOException {
    Files.writeString(dir.resolve("model.json"), " ", StandardOpenOption.APPEND);
    return dir;
  }

  /** Packs the bundle as the registry does, without verifying it first (so tampered bundles can be packed). */
  static Path tarball(Path bundleDir, Path tarGz) throws IOException {
    BundleManifest manifest = BundleManifest.parse(Files.readAllBytes(bundleDir.resolve("manifest.json")));
    BundleArchive.pack(new ModelBundle(bundleDir, manifest), tarGz);
    return tarGz;
  }

  /** A tar.gz with one regular-file entry named {@code name} (e.g. {@code ../escaped.txt}). */
  static Path tarballWithEntry(Path tarGz, String name, byte[] content) throws IOException {
    byte[] header = new byte[512];
    byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
    System.arraycopy(nameBytes, 0, header, 0, nameBytes.length);
    put(header, 100, "0000644\0");
    put(header, 108, "0000000\0");
    put(header, 116, "0000000\0");
    put(header, 124, String.format("%011o\0", content.length));
    put(header, 136, "00000000000\0");
    header[156] = '0';
    put(header, 257, "ustar\0");
    put(header, 263, "00");
    Arrays.fill(header, 148, 156, (byte) ' ');
    long sum = 0;
    for (byte b : header) {
      sum += b & 0xff;
    }
    put(header, 148, String.format("%06o\0 ", sum));
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(tarGz))) {
      out.write(header);
      out.write(content);
      out.write(new byte[(512 - content.length % 512) % 512]);
      out.write(new byte[1024]);
    }
    return tarGz;
  }

  private static void put(byte[] h, int offset, String ascii) {
    byte[] bytes = ascii.getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(bytes, 0, h, offset, bytes.length);
  }
}
