package io.bidsift.training.evaluate;

import io.bidsift.features.Feature;

/**
 * The baseline scorer: how exchanges shape traffic without ML. Each callout scores its DSP's
 * smoothed historical bid rate on the (publisher, format) of the request, a lookup table kept per
 * DSP: {@code (bids + m × prior) / (trials + m)} over the days before, the prior being the DSP's
 * overall rate. Those are exactly the counts behind the {@link Feature#PUBLISHER_FORMAT_RATE}
 * target encoding, so the baseline reads that feature rather than keeping a second table; a
 * request without publisher or format scores the DSP's prior, a DSP without history the
 * fallback rate.
 *
 * <p>The environment (site, app, screen) is not part of the key: a publisher id belongs to one
 * site, app or screen owner, and splitting its counts further would only thin them.
 */
public final class BaselineScores {

  private BaselineScores() {
  }

  /**
   * @param features row-major feature vectors of {@code io.bidsift.features.FeatureSchema}
   * @param rows     number of rows
   * @param width    features per row
   * @param fallback the score of a callout with neither a key rate nor a DSP prior
   */
  public static double[] score(float[] features, int rows, int width, double fallback) {
    int rate = Feature.PUBLISHER_FORMAT_RATE.ordinal();
    int prior = Feature.DSP_PRIOR_RATE.ordinal();
    double[] out = new double[rows];
    for (int i = 0; i < rows; i++) {
      float v = features[i * width + rate];
      if (Float.isNaN(v)) {
        v = features[i * width + prior];
      }
      out[i] = Float.isNaN(v) ? fallback : Math.min(1.0, Math.max(0.0, v));
    }
    return out;
  }
}
