package io.bidsift.registry;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes small model bundles for tests: the given files plus a manifest.json that lists each
 * with its real sha256 (computed here, independently of the code under test), in the shape
 * the trainer writes (format 1, every member {@code BundleManifest} requires).
 */
public final class BundleFixture {

  private final String version;
  private final Map<String, byte[]> files = new LinkedHashMap<>();
  private String metricsJson = "{\"auc\":0.912,\"recall\":0.950,\"traffic_saved\":0.41,"
      + "\"per_dsp\":{\"dsp-a\":{\"auc\":0.9}},\"note\":\"text is not a number\"}";

  private BundleFixture(String version) {
    this.version = version;
    file("model.json", "{\"trees\":[" + version.hashCode() + "]}");
    file("encodings.json", "{\"os\":[\"android\",\"ios\"]}");
    file("canary.jsonl", "{\"score\":0.1}\n{\"score\":0.7}\n");
  }

  public static BundleFixture bundle(String version) {
    return new BundleFixture(version);
  }

  public BundleFixture file(String path, String content) {
    files.put(path, content.getBytes(StandardCharsets.UTF_8));
    return this;
  }

  public BundleFixture metrics(String json) {
    this.metricsJson = json;
    return this;
  }

  /** Writes the bundle into {@code dir} (created) and returns it. */
  public Path writeTo(Path dir) throws IOException {
    Files.createDirectories(dir);
    StringBuilder listed = new StringBuilder();
    for (Map.Entry<String, byte[]> f : files.entrySet()) {
      Files.write(dir.resolve(f.getKey()), f.getValue());
      listed.append(listed.length() == 0 ? "" : ",")
          .append('"').append(f.getKey()).append("\":\"").append(sha256(f.getValue())).append('"');
    }
    String manifest = "{\"format\":1,\"version\":\"" + version + "\",\"created\":\"2026-11-29T03:45:00Z\","
        + "\"signals_version\":1,\"feature_spec_version\":1,\"feature_names\":[\"dsp\",\"min_floor\"],"
        + "\"model\":{\"file\":\"model.json\",\"format\":\"xgboost-json\",\"objective\":\"binary:logistic\","
        + "\"rounds\":60,\"xgboost_version\":\"3.4.0\"},"
        + "\"training_window\":{\"from\":\"2026-11-20\",\"to\":\"2026-11-27\"},"
        + "\"target_recall\":0.95,\"target_value_recall\":0.98,"
        + "\"dsps\":{\"dsp-a\":{\"threshold\":0.02,"
        + "\"recall_table\":[{\"recall\":0.95,\"threshold\":0.02,\"saved\":0.41,\"value_recall\":0.98}]}},"
        + "\"metrics\":" + metricsJson + ",\"files\":{" + listed + "}}";
    Files.writeString(dir.resolve("manifest.json"), manifest);
    return dir;
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
