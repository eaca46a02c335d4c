package io.bidsift.training.evaluate;

/**
 * What a threshold does to a set of callouts: a callout is sent when its score is at least the
 * threshold (always, when there is no threshold).
 *
 * @param threshold  the threshold, null for "always call"
 * @param callouts   callouts considered
 * @param sent       callouts the threshold lets through
 * @param bids       bids among all callouts
 * @param bidsKept   bids among the sent callouts
 * @param value      sum of the bid prices of all callouts
 * @param valueKept  sum of the bid prices of the sent callouts
 */
public record OperatingPoint(Double threshold, long callouts, long sent, long bids, long bidsKept, double value,
                             double valueKept) {

  /** Share of callouts not sent, {@code 1 - sent / callouts}; 0 for no callouts. */
  public double saved() {
    return callouts == 0 ? 0.0 : 1.0 - (double) sent / callouts;
  }

  /** Share of bids kept; NaN without bids. */
  public double bidRecall() {
    return bids == 0 ? Double.NaN : (double) bidsKept / bids;
  }

  /** Share of bid value kept; NaN without bid value. */
  public double valueRecall() {
    return value > 0 ? valueKept / value : Double.NaN;
  }

  /** The sum of two disjoint sets of callouts (the threshold is dropped). */
  public OperatingPoint plus(OperatingPoint o) {
    return new OperatingPoint(null, callouts + o.callouts, sent + o.sent, bids + o.bids, bidsKept + o.bidsKept,
        value + o.value, valueKept + o.valueKept);
  }

  public static OperatingPoint empty() {
    return new OperatingPoint(null, 0, 0, 0, 0, 0.0, 0.0);
  }
}
