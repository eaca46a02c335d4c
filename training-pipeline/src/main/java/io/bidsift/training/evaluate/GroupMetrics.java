package io.bidsift.training.evaluate;

import java.util.List;

/**
 * Every figure for one set of callouts (one DSP, or all of them).
 *
 * @param point       the operating point at the thresholds chosen on validation
 * @param rocAuc      ROC-AUC of the scores; NaN when the set has a single class
 * @param prAuc       PR-AUC as average precision (sum over thresholds of Δrecall × precision); NaN without bids
 * @param logLoss     mean binary cross-entropy, scores clipped to [1e-15, 1 - 1e-15]; NaN for no rows
 * @param calibration predicted vs observed
 * @param curve       callouts saved vs bid recall, thresholds chosen on this very data (the best any
 *                    threshold could do here, for plots)
 */
public record GroupMetrics(OperatingPoint point, double rocAuc, double prAuc, double logLoss, Calibration calibration,
                           List<CurvePoint> curve) {

  public GroupMetrics {
    curve = List.copyOf(curve);
  }

  public long callouts() {
    return point.callouts();
  }

  public long bids() {
    return point.bids();
  }

  /** Bids per callout; NaN for no callouts. */
  public double bidRate() {
    return point.callouts() == 0 ? Double.NaN : (double) point.bids() / point.callouts();
  }
}
