package io.bidsift.bundle;

import java.util.Objects;

/**
 * One line of {@code canary.jsonl}: a feature vector and the score XGBoost gave it. A loader
 * scores every canary row with its own scorer and refuses the bundle when a score differs by
 * more than its tolerance (the bid filter's is 1e-6).
 *
 * @param dsp      DSP id of the callout the row came from
 * @param features the feature vector, NaN for missing (written as JSON null)
 * @param score    P(bid) from XGBoost's own predict on the model file
 */
public record CanaryRow(String dsp, float[] features, float score) {

  public CanaryRow {
    Objects.requireNonNull(dsp, "dsp");
    features = features.clone();
  }

  @Override
  public float[] features() {
    return features.clone();
  }
}
