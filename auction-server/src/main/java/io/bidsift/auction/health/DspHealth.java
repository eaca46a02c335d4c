package io.bidsift.auction.health;

import io.bidsift.auction.config.DspHealthSettings;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.SlidingWindowType;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The health gate of every configured DSP ({@link DspHealthGate}), built once at start. Each gate's
 * Resilience4j breaker is named after its DSP in the shared breaker registry, tagged
 * {@code role=dsp_health}, so its state and failure rate are exported beside the bid filter's.
 */
public final class DspHealth {

  private static final String HEALTH_DESCRIPTION = "1 for the DSP's health state, 0 for the other: closed (all its"
      + " traffic) or throttled (its probe share only, for erroring or timing out)";

  private final Map<String, DspHealthGate> gates = new HashMap<>();

  /** @param dsps the ids of every configured DSP */
  public DspHealth(List<String> dsps, DspHealthSettings settings, CircuitBreakerRegistry breakers, Clock clock) {
    CircuitBreakerConfig config = CircuitBreakerConfig.custom()
        .slidingWindow(settings.window(), settings.minimumCalls(), SlidingWindowType.COUNT_BASED)
        .failureRateThreshold(settings.failureRatePercent())
        .waitDurationInOpenState(settings.reevaluateAfter())
        .permittedNumberOfCallsInHalfOpenState(settings.minimumCalls())
        .clock(clock)
        .build();
    for (String dsp : dsps) {
      gates.put(dsp, new DspHealthGate(breakers.circuitBreaker(dsp, config, Map.of("role", "dsp_health")),
          settings.probeShare()));
    }
  }

  public DspHealthGate gate(String dsp) {
    return gates.get(dsp);
  }

  /** {@code bidsift_dsp_health{dsp, state="closed"|"throttled"}}: 1 for the DSP's current state, 0 for the other. */
  public void bindTo(MeterRegistry registry) {
    gates.forEach((dsp, gate) -> {
      Gauge.builder("bidsift.dsp.health", gate, g -> g.throttled() ? 0 : 1).tag("dsp", dsp).tag("state", "closed")
          .description(HEALTH_DESCRIPTION).register(registry);
      Gauge.builder("bidsift.dsp.health", gate, g -> g.throttled() ? 1 : 0).tag("dsp", dsp).tag("state", "throttled")
          .description(HEALTH_DESCRIPTION).register(registry);
    });
  }
}
