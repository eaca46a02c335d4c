package io.bidsift.auctionlog;

/** A callout's outcome, with its name in the log. */
public enum Outcome {
  BID("bid"),
  NO_BID("no_bid"),
  TIMEOUT("timeout"),
  ERROR("error"),
  FILTERED("filtered");

  private final String wire;

  Outcome(String wire) {
    this.wire = wire;
  }

  public String wire() {
    return wire;
  }

  /** The outcome for its log name, or null for a name format v1 does not define. */
  public static Outcome fromWire(String name) {
    for (Outcome o : values()) {
      if (o.wire.equals(name)) {
        return o;
      }
    }
    return null;
  }
}
