package io.bidsift.simulator.market;

/**
 * Budget pacing over the day: a log-odds effect of {@code amplitude × cos(2π (h − peakHour) / 24)}
 * at local hour h, so the DSP bids most around {@code peakHour} and least twelve hours later.
 *
 * @param peakHour  local hour (0–23) of the most eager bidding
 * @param amplitude size of the swing in log-odds; 0 for no pacing
 */
public record Pacing(int peakHour, double amplitude) {

  public static final Pacing NONE = new Pacing(0, 0);

  /** The log-odds effect at a local hour. */
  public double effect(int localHour) {
    return amplitude * Math.cos(2 * Math.PI * (localHour - peakHour) / 24.0);
  }
}
