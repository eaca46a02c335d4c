package io.bidsift.training.evaluate;

/**
 * The baseline's scores from its lookup rates ({@link BaselineTable#rate}): a callout whose DSP
 * had no history (rate NaN) scores the fallback, the training window's bid rate.
 */
public final class BaselineScores {

  private BaselineScores() {
  }

  /**
   * @param rates    per callout, the baseline table's rate; NaN when the DSP had no history
   * @param fallback the score of a callout without a rate
   */
  public static double[] score(double[] rates, double fallback) {
    double[] out = new double[rates.length];
    for (int i = 0; i < rates.length; i++) {
      double v = rates[i];
      out[i] = Double.isNaN(v) ? fallback : Math.min(1.0, Math.max(0.0, v));
    }
    return out;
  }
}
