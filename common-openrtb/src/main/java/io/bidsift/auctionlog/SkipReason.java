package io.bidsift.auctionlog;

/**
 * Why a candidate DSP was not sent the request: the optional {@code skip} field of a callout
 * (contracts.md §1). Training needs it to tell a model decision from a cap: only {@link #MODEL}
 * skips are the model's own doing. Files written before the field existed read every
 * {@code filtered} callout as {@link #MODEL}.
 */
public enum SkipReason {
  /** The model scored it below the threshold. */
  MODEL("model"),
  /** Over the DSP's QPS cap. */
  QPS("qps"),
  /** Throttled for the DSP's errors or timeouts. */
  HEALTH("health"),
  /** No time left in the auction's tmax. */
  TIME("time"),
  /** The server shed the whole auction under overload. */
  SHED("shed"),
  /** No legal basis to send the request to this DSP. */
  PRIVACY("privacy");

  private final String wire;

  SkipReason(String wire) {
    this.wire = wire;
  }

  public String wire() {
    return wire;
  }

  /** The reason for its log name, or null for a name this version does not know (readers ignore it). */
  public static SkipReason fromWire(String name) {
    for (SkipReason r : values()) {
      if (r.wire.equals(name)) {
        return r;
      }
    }
    return null;
  }
}
