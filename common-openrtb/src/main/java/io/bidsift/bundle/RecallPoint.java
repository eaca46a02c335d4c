package io.bidsift.bundle;

/**
 * One row of a DSP's recall table: the threshold that keeps at least {@code recall} of the DSP's
 * bids on the validation window, and what it did there.
 *
 * @param recall      the bid recall asked for
 * @param threshold   the largest score threshold whose bid recall on validation is at least {@code recall}
 * @param saved       share of the DSP's callouts that threshold skips on validation
 * @param valueRecall share of the DSP's bid value (sum of bid prices) kept on validation
 */
public record RecallPoint(double recall, double threshold, double saved, double valueRecall) {
}
