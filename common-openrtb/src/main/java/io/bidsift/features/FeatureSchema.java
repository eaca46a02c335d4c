package io.bidsift.features;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import io.bidsift.json.JsonLimits;
import io.bidsift.json.JsonSupport;
import io.bidsift.signals.RequestSignals;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.List;

/**
 * The model's feature vector: the names of {@link Feature}, in order, and the versions that
 * fix their meaning. A model records the {@link #FEATURE_SPEC_VERSION} it was trained on; serving
 * must feed it vectors of the same version.
 */
public final class FeatureSchema {

  /**
   * The meaning of the feature vector. Bump it on ANY change of the order, the set or the
   * meaning of a feature (a new code, another key in a {@link KeyKind}, another smoothing
   * formula), and when {@link RequestSignals#VERSION} changes.
   *
   * <ul>
   *   <li>1: 45 request and DSP features, then rate and log1p(trials) for 8 key kinds (61).</li>
   * </ul>
   */
  public static final int FEATURE_SPEC_VERSION = 1;

  /** The {@link RequestSignals#VERSION} the features are computed from. */
  public static final int SIGNALS_VERSION = 1;

  private static final List<String> NAMES = List.of(Arrays.stream(Feature.values())
      .map(Feature::featureName).toArray(String[]::new));

  private FeatureSchema() {
  }

  /** Feature names in vector order; the name at index i is the feature {@link FeatureEncoder} writes to {@code out[i]}. */
  public static List<String> names() {
    return NAMES;
  }

  /** Length of the feature vector. */
  public static int size() {
    return NAMES.size();
  }

  /** {@code feature_schema.json}: the versions and the ordered names. */
  public static void writeJson(OutputStream out) throws IOException {
    JsonSupport json = new JsonSupport(JsonLimits.REQUEST);
    try (JsonGenerator g = json.factory().createGenerator(out, JsonEncoding.UTF8)) {
      g.useDefaultPrettyPrinter();
      g.writeStartObject();
      g.writeNumberField("feature_spec_version", FEATURE_SPEC_VERSION);
      g.writeNumberField("signals_version", SIGNALS_VERSION);
      g.writeArrayFieldStart("features");
      for (String name : NAMES) {
        g.writeString(name);
      }
      g.writeEndArray();
      g.writeEndObject();
    }
  }
}
