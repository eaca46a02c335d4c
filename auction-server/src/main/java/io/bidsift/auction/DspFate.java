package io.bidsift.auction;

/** What became of one DSP in one auction, as test mode ({@code test: 1}) reports it. */
public enum DspFate {
  /** Disabled, or its static pretargeting does not match the request. */
  NOT_TARGETED("not_targeted"),
  /** The bid filter said not to call it. */
  FILTERED("filtered"),
  /**
   * Throttled for erroring or timing out, and this auction is not one of its probes (the health gate comes
   * before the QPS cap, so a throttled DSP spends none of its QPS).
   */
  THROTTLED("throttled"),
  /** Its QPS cap was reached (for callouts of its score). */
  OVER_QPS("over_qps"),
  /** Nothing of the auction's time was left for it (after its tmax deduction). */
  NO_TIME("no_time"),
  TIMED_OUT("timed_out"),
  /** HTTP error status, malformed or oversized response, connection failure. */
  ERROR("error"),
  NO_BID("no_bid"),
  /** Every bid broke a rule other than the floor (imp id, currency, badv, bcat, ...). */
  INVALID_BID("invalid_bid"),
  /** Every bid was below its floor. */
  BELOW_FLOOR("below_floor"),
  LOST("lost"),
  WON("won");

  private final String wire;

  DspFate(String wire) {
    this.wire = wire;
  }

  public String wire() {
    return wire;
  }
}
