package io.bidsift.auctionlog;

import java.util.Objects;

/**
 * The fate of one candidate DSP in one auction.
 *
 * @param dsp       DSP id, as configured
 * @param sent      the request was sent to this DSP
 * @param explore   sent only because the auction was in the exploration slice
 * @param score     the model's P(bid), null when not scored
 * @param outcome   what happened
 * @param price     highest bid price in USD CPM when the outcome is {@link Outcome#BID}, else null
 * @param latencyMs DSP response time when sent, else null
 * @param skip      why it was not sent; null when sent or when the writer did not say (older files)
 */
public record Callout(String dsp, boolean sent, boolean explore, Double score, Outcome outcome,
                      Double price, Integer latencyMs, SkipReason skip) {

  public Callout {
    Objects.requireNonNull(dsp, "dsp");
    Objects.requireNonNull(outcome, "outcome");
    if (sent && skip != null) {
      throw new IllegalArgumentException("a sent callout has no skip reason, got " + skip.wire() + " for " + dsp);
    }
  }

  /** The training label of contracts.md §1: 1 for a bid, 0 for a no-bid, null otherwise. */
  public Integer label() {
    if (!sent) {
      return null;
    }
    return switch (outcome) {
      case BID -> 1;
      case NO_BID -> 0;
      default -> null;
    };
  }
}
