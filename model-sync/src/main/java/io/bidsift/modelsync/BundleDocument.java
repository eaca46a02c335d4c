package io.bidsift.modelsync;

import io.bidsift.bundle.BundleFiles;
import io.bidsift.bundle.BundleManifest;
import io.bidsift.bundle.JsonTrees;
import io.bidsift.json.JsonInputException;
import io.bidsift.json.JsonObject;
import io.bidsift.registry.S3Location;
import java.util.Locale;

/**
 * The AppConfig configuration that names the bundle to serve (content type {@code application/json}):
 *
 * <pre>{@code {"version": "20261129T034500Z-3f2a9c", "bundle": "s3://bucket/key.tar.gz", "sha256": "<64 hex>"}}</pre>
 *
 * @param version the model version; the bundle's manifest must hold the same
 * @param bundle  the bundle tarball ({@code s3://bucket/key}, a gzipped tar of the bundle's files)
 * @param sha256  lowercase hex sha256 of the tarball
 */
public record BundleDocument(String version, String bundle, String sha256) {

  public static final String CONTENT_TYPE = "application/json";

  public BundleDocument {
    if (!BundleManifest.isValidVersion(version)) {
      throw new IllegalArgumentException("version '" + version + "' is not a model version");
    }
    S3Location location = S3Location.parse(bundle);
    if (location.prefix().isEmpty()) {
      throw new IllegalArgumentException("bundle '" + bundle + "' names a bucket, not an object (s3://bucket/key)");
    }
    sha256 = sha256 == null ? null : sha256.toLowerCase(Locale.ROOT);
    if (!BundleFiles.isSha256(sha256)) {
      throw new IllegalArgumentException("sha256 '" + sha256 + "' is not 64 hex digits");
    }
  }

  /** The tarball's bucket and key. */
  public S3Location location() {
    return S3Location.parse(bundle);
  }

  /**
   * @throws IllegalArgumentException with a one-line reason when it is not such a document
   */
  public static BundleDocument parse(byte[] json) {
    JsonObject o;
    try {
      o = JsonTrees.parseObject(json);
    } catch (JsonInputException e) {
      throw new IllegalArgumentException("not a JSON object: " + e.getMessage(), e);
    }
    return new BundleDocument(required(o, "version"), required(o, "bundle"), required(o, "sha256"));
  }

  public byte[] toJson() {
    return JsonTrees.toBytes(JsonTrees.object()
        .put("version", version)
        .put("bundle", bundle)
        .put("sha256", sha256)
        .build(), true);
  }

  private static String required(JsonObject o, String name) {
    String value = o.string(name);
    if (value == null) {
      throw new IllegalArgumentException("has no string '" + name + "'");
    }
    return value;
  }
}
