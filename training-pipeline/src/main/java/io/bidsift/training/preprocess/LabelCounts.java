package io.bidsift.training.preprocess;

/**
 * Labelled rows and the bids among them, in all and in the exploration slice.
 *
 * @param rows        labelled (auction, DSP) rows
 * @param bids        rows with label 1
 * @param exploreRows rows sent only because the auction was in the exploration slice: once a
 *                    filter is live, the only rows not selected by the model, so the unbiased
 *                    sample for evaluation
 * @param exploreBids explore rows with label 1
 */
public record LabelCounts(long rows, long bids, long exploreRows, long exploreBids) {

  public static final LabelCounts ZERO = new LabelCounts(0, 0, 0, 0);

  public LabelCounts plus(LabelCounts o) {
    return new LabelCounts(rows + o.rows, bids + o.bids, exploreRows + o.exploreRows, exploreBids + o.exploreBids);
  }

  /** bids / rows; NaN without rows. */
  public double bidRate() {
    return rows == 0 ? Double.NaN : (double) bids / rows;
  }
}
