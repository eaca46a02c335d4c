package io.bidsift.simulator.behaviour;

import io.bidsift.auctionlog.Outcome;
import java.util.List;
import java.util.Objects;

/**
 * What one DSP does with one request.
 *
 * @param dspId            the DSP
 * @param outcome          {@link Outcome#BID}, {@link Outcome#NO_BID}, {@link Outcome#TIMEOUT} or
 *                         {@link Outcome#ERROR} (never {@code FILTERED}: that is the exchange's doing)
 * @param probability      the DSP's probability of bidding on this request, had it answered
 *                         (noise averaged out); 0 when a hard rule or the floor rules it out
 * @param latencyMs        how long the DSP takes to answer; above the request's tmax for a timeout
 * @param bids             one per imp it bids on, the first imp first; empty unless the outcome is a bid
 * @param adCategory       IAB category of its creative (not in the request's bcat), or null
 * @param advertiserDomain its advertiser's domain (not in the request's badv), or null
 */
public record DspDecision(String dspId, Outcome outcome, double probability, int latencyMs, List<ImpBid> bids,
                          String adCategory, String advertiserDomain) {

  public DspDecision {
    Objects.requireNonNull(dspId, "dspId");
    Objects.requireNonNull(outcome, "outcome");
    bids = List.copyOf(bids);
    if ((outcome == Outcome.BID) == bids.isEmpty()) {
      throw new IllegalArgumentException("a " + outcome.wire() + " decision with " + bids.size() + " bids");
    }
  }

  /** The highest bid price (the log's {@code price}), or null when it does not bid. */
  public Double price() {
    if (bids.isEmpty()) {
      return null;
    }
    double max = 0;
    for (ImpBid b : bids) {
      max = Math.max(max, b.price());
    }
    return max;
  }
}
