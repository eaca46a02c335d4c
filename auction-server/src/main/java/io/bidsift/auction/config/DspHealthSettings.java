package io.bidsift.auction.config;

import java.time.Duration;
import java.util.Objects;

/**
 * When a failing DSP is throttled to a probe share of its traffic, and when it gets all of it back
 * (docs/auction-server.md, "Health throttle").
 *
 * @param failureRatePercent errors and timeouts, in % of the judged calls, at or above which the DSP is throttled
 * @param minimumCalls       calls the window must hold before it is judged; while throttled, the number of probe
 *                           outcomes judged for recovery
 * @param window             how many of the DSP's latest calls are judged
 * @param probeShare         share (0..1] of its candidate auctions a throttled DSP is still called in
 * @param reevaluateAfter    how long a newly throttled DSP's probes run before their outcomes are judged for recovery
 */
public record DspHealthSettings(float failureRatePercent, int minimumCalls, int window, double probeShare,
                                Duration reevaluateAfter) {

  public static final DspHealthSettings DEFAULTS = new DspHealthSettings(50, 20, 100, 0.05, Duration.ofSeconds(1));

  public DspHealthSettings {
    Objects.requireNonNull(reevaluateAfter, "reevaluateAfter");
    if (!(failureRatePercent > 0 && failureRatePercent <= 100)) {
      throw new IllegalArgumentException("the DSP health failure rate must be in (0, 100] %, got "
          + failureRatePercent);
    }
    if (minimumCalls < 1 || window < minimumCalls) {
      throw new IllegalArgumentException("need 1 <= DSP health minimum calls <= window, got " + minimumCalls
          + " and " + window);
    }
    // A share of 0 would never probe, and so never see a throttled DSP recover.
    if (!(probeShare > 0 && probeShare <= 1)) {
      throw new IllegalArgumentException("the DSP health probe share must be in (0, 1], got " + probeShare);
    }
    if (reevaluateAfter.toMillis() < 1) {
      throw new IllegalArgumentException("the DSP health re-evaluation wait must be at least 1 ms");
    }
  }
}
