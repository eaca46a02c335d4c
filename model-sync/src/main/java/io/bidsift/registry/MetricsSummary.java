package io.bidsift.registry;

import io.bidsift.json.JsonNumber;
import io.bidsift.json.JsonObject;
import io.bidsift.json.JsonValue;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The registry's view of a bundle's metrics: its top-level numbers, as written in the manifest
 * (so {@code 0.950} stays {@code 0.950}). Nested objects (per-DSP metrics, curves) stay in the
 * bundle. Both adapters keep the same summary, so they can be compared in one contract test.
 */
public final class MetricsSummary {

  /**
   * SageMaker allows 50 CustomerMetadataProperties, with keys of at most 128 characters from a
   * restricted alphabet; the registry keeps a margin for its own keys.
   */
  static final int MAX_METRICS = 40;
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.:/=+@-]{1,100}");

  private MetricsSummary() {
  }

  /** The first {@value #MAX_METRICS} top-level numbers whose names SageMaker can store as keys. */
  public static Map<String, String> of(JsonObject metrics) {
    Map<String, String> summary = new LinkedHashMap<>();
    for (Map.Entry<String, JsonValue> e : metrics.members().entrySet()) {
      if (summary.size() == MAX_METRICS) {
        break;
      }
      if (e.getValue() instanceof JsonNumber n && NAME.matcher(e.getKey()).matches()) {
        summary.put(e.getKey(), n.text());
      }
    }
    return summary;
  }
}
