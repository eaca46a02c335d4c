package io.bidsift.bundle;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** The file names of a bundle, and the digest that seals them. */
public final class BundleFiles {

  public static final String MANIFEST = "manifest.json";
  public static final String MODEL = "model.json";
  public static final String ENCODINGS = "encodings.json";
  public static final String CANARY = "canary.jsonl";
  /** The baseline lookup table and its thresholds, so {@code evaluate} can compare on any logs. */
  public static final String BASELINE = "baseline.json";

  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

  private BundleFiles() {
  }

  /** Lowercase hex sha256 of the bytes. */
  public static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  /** Whether {@code text} is a sha256 in the form {@link #sha256} writes: 64 lowercase hex digits. */
  public static boolean isSha256(String text) {
    return text != null && SHA256.matcher(text).matches();
  }
}
