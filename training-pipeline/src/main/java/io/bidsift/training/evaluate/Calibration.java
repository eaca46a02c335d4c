package io.bidsift.training.evaluate;

import java.util.List;

/**
 * Predicted against observed bid rate, in bins of equal row counts (bid rates sit low, so
 * equal-width bins would leave most of them empty).
 *
 * @param bins bins by ascending score
 * @param ece  expected calibration error: sum over bins of (rows share) × |mean predicted − observed|
 */
public record Calibration(List<Bin> bins, double ece) {

  public Calibration {
    bins = List.copyOf(bins);
  }

  /**
   * @param rows          callouts in the bin
   * @param meanPredicted mean score
   * @param observed      bid rate
   * @param minScore      lowest score in the bin
   * @param maxScore      highest score in the bin
   */
  public record Bin(long rows, double meanPredicted, double observed, double minScore, double maxScore) {
  }
}
