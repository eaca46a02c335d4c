package io.bidsift.simulator.market;

/**
 * A market file that cannot be used. The message starts with the offending field's path, e.g.
 * {@code dsps[2].target_bid_rate must be between 0.001 and 0.9, got 1.5}.
 */
public final class MarketFileException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public MarketFileException(String message) {
    super(message);
  }
}
