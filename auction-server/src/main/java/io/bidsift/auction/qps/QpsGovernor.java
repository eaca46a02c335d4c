package io.bidsift.auction.qps;

import io.bidsift.auction.config.DspConfig;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/** The QPS caps of all DSPs: a {@link ScorePriorityLimiter} for each DSP that has a cap. */
public final class QpsGovernor {

  private final Map<String, ScorePriorityLimiter> limiters = new HashMap<>();
  private final LongSupplier nanoClock;

  public QpsGovernor(List<DspConfig> dsps, LongSupplier nanoClock) {
    for (DspConfig dsp : dsps) {
      if (dsp.qps() > 0) {
        limiters.put(dsp.id(), new ScorePriorityLimiter(dsp.qps()));
      }
    }
    this.nanoClock = nanoClock;
  }

  /** Whether this DSP may be called now for a callout with this score. */
  public boolean tryAdmit(String dsp, Double score) {
    ScorePriorityLimiter limiter = limiters.get(dsp);
    return limiter == null || limiter.tryAdmit(score, nanoClock.getAsLong());
  }
}
