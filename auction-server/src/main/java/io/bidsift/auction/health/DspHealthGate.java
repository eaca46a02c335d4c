package io.bidsift.auction.health;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.util.concurrent.TimeUnit;

/**
 * Throttles one DSP that keeps erroring or timing out to a probe share of its candidate auctions, and
 * gives it all of them back once the probes succeed again. A Resilience4j circuit breaker judges the
 * outcomes; the probe share decides who is called while it is not closed:
 *
 * <ul>
 *   <li><b>closed</b> (healthy): every callout goes through; its outcome goes into a count window of the
 *       last {@code window} calls, and once it holds {@code minimumCalls} of them a failure rate at or above
 *       the threshold opens the breaker.
 *   <li><b>open</b> (throttled, just tripped): only the probe share ({@link ProbeShare}) is called. Their
 *       outcomes are recorded but not judged, so a DSP stays throttled at least {@code reevaluateAfter}.
 *       The first probe after that asks Resilience4j for a permit, which is how its breaker, having no
 *       timer thread, moves to half-open.
 *   <li><b>half-open</b> (throttled, re-evaluating): still only the probe share; the next
 *       {@code minimumCalls} probe outcomes are judged together: below the threshold closes the breaker
 *       (full traffic, a fresh window), at or above it opens it again.
 * </ul>
 *
 * Unlike a plain breaker, an open one here never rejects every call: a DSP that is never called could
 * never be seen to recover. The probes are let through by the share, not by Resilience4j's half-open
 * permits, which would admit the first {@code minimumCalls} callers at full rate; outcomes are recorded
 * in any state, which Resilience4j accepts. Durations are not recorded: the callout's own timeout
 * already makes a slow DSP a failure. Thread-safe.
 */
public final class DspHealthGate {

  /** What one candidate callout may do. */
  public enum Admission {
    /** Healthy: call. */
    CALL,
    /** Throttled, but this auction is in the probe share: call, and the outcome may readmit it. */
    PROBE,
    /** Throttled and not a probe: do not call. */
    THROTTLED
  }

  private static final Exception FAILED = new CalloutFailed();

  private final CircuitBreaker breaker;
  private final ProbeShare probes;

  DspHealthGate(CircuitBreaker breaker, double probeShare) {
    this.breaker = breaker;
    this.probes = new ProbeShare(probeShare);
  }

  public Admission admit() {
    CircuitBreaker.State state = breaker.getState();
    if (state == CircuitBreaker.State.CLOSED) {
      return Admission.CALL;
    }
    if (!probes.pick()) {
      return Admission.THROTTLED;
    }
    if (state == CircuitBreaker.State.OPEN) {
      // Its answer does not matter: the probe goes anyway. Past reevaluateAfter, asking is what half-opens it.
      breaker.tryAcquirePermission();
    }
    return Admission.PROBE;
  }

  /** @param failed the callout errored or timed out */
  public void record(boolean failed) {
    if (failed) {
      breaker.onError(0, TimeUnit.NANOSECONDS, FAILED);
    } else {
      breaker.onSuccess(0, TimeUnit.NANOSECONDS);
    }
  }

  public boolean throttled() {
    return breaker.getState() != CircuitBreaker.State.CLOSED;
  }

  /**
   * Errors and timeouts in % of the calls being judged now (the window; while re-evaluating, the probes
   * since), or -1 while fewer than the minimum have been recorded.
   */
  public float failureRate() {
    return breaker.getMetrics().getFailureRate();
  }

  /** What the breaker records a failed callout as: the callout's own error is in its answer, not here. */
  private static final class CalloutFailed extends Exception {
    CalloutFailed() {
      super("DSP callout errored or timed out", null, false, false);
    }
  }
}
