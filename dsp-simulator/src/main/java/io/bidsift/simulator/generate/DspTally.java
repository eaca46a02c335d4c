package io.bidsift.simulator.generate;

import io.bidsift.auctionlog.Callout;

/** Callout counts of one DSP; one per DSP per day, merged at the end. Not thread-safe. */
final class DspTally {

  long callouts;
  long bids;
  long noBids;
  long timeouts;
  long errors;
  double priceSum;

  void add(Callout c) {
    callouts++;
    switch (c.outcome()) {
      case BID -> {
        bids++;
        priceSum += c.price();
      }
      case NO_BID -> noBids++;
      case TIMEOUT -> timeouts++;
      case ERROR -> errors++;
      default -> throw new IllegalStateException("a simulated DSP cannot be " + c.outcome().wire());
    }
  }

  void addAll(DspTally other) {
    callouts += other.callouts;
    bids += other.bids;
    noBids += other.noBids;
    timeouts += other.timeouts;
    errors += other.errors;
    priceSum += other.priceSum;
  }

  /** Bids among answered callouts: the training label's positive rate and what target_bid_rate aims at. */
  double bidRate() {
    long answered = bids + noBids;
    return answered == 0 ? 0 : (double) bids / answered;
  }

  double meanBidPrice() {
    return bids == 0 ? 0 : priceSum / bids;
  }
}
