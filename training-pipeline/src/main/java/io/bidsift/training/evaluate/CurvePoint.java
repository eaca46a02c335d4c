package io.bidsift.training.evaluate;

/**
 * A point of the "callouts saved vs bid recall" curve: the threshold chosen on the same data to
 * keep at least {@code recall} of the bids, and what it does.
 *
 * @param recall      recall asked for
 * @param bidRecall   recall achieved (higher when scores tie at the threshold)
 * @param saved       share of callouts skipped
 * @param valueRecall share of bid value kept
 */
public record CurvePoint(double recall, double bidRecall, double saved, double valueRecall) {
}
