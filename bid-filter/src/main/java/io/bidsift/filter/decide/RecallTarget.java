package io.bidsift.filter.decide;

/**
 * The operating point operators ask for, overriding the one the bundle was thresholded for.
 *
 * @param bidRecall   share of each DSP's bids to keep, in (0, 1]
 * @param valueRecall share of each DSP's bid value to keep too, in [0, 1]; 0 for none
 */
public record RecallTarget(double bidRecall, double valueRecall) {

  public RecallTarget {
    if (!(bidRecall > 0 && bidRecall <= 1)) {
      throw new IllegalArgumentException("target_recall must be in (0, 1], was " + bidRecall);
    }
    if (!(valueRecall >= 0 && valueRecall <= 1)) {
      throw new IllegalArgumentException("target_value_recall must be in [0, 1], was " + valueRecall);
    }
  }
}
