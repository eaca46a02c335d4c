package io.bidsift.auction.filter;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.SlidingWindowType;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Stops calling the bid filter while it is of no use, so auctions stop paying its timeout: a
 * Resilience4j circuit breaker. Closed: every call goes through; it opens when, among the last
 * {@value #WINDOW} outcomes, at least {@code minimumFailures} were recorded and at least
 * {@value #FAILURE_RATE_PERCENT}% failed. Open: no call for {@code openFor}; then half-open: the one
 * caller let through is the probe, whose success closes it (with a fresh window) and whose failure
 * opens it again. Thread-safe.
 *
 * <p>Why a rate and not consecutive failures: at thousands of calls per second a healthy filter on a
 * busy host misses its few-millisecond budget in short runs (a GC pause, a descheduled thread), and
 * five in a row would cut it off, calling every DSP meanwhile, which loads the host further. A dead
 * filter still fails every call, so it is cut off as fast.
 *
 * <p>Why {@value #FAILURE_RATE_PERCENT}% and not half: a failed call costs the auction only its budget
 * (ten milliseconds of a tmax of hundreds) and then fails open, while every answered call saves
 * callouts. On an overloaded host the filter misses its budget more often; cutting it off at half
 * made every auction call every DSP, which loaded the host further, and the half-open probe then
 * failed too: the stack stayed stuck in that state at a rate it otherwise served (docs/reliability.md,
 * "Overload"). A filter that answers even one call in five is still worth calling.
 *
 * <p>Resilience4j judges the rate once the window holds {@code minimumFailures} calls, so the first
 * calls after start or recovery open it only when nearly all of them fail: 4 of the first 5 with the
 * defaults.
 *
 * <p>The open-to-half-open move happens in {@link #acquire()} (no timer thread), once the open time
 * has passed on the breaker's clock. Durations are not recorded: slow calls are no criterion here, the
 * call's own budget already turns a slow answer into a failure.
 */
public final class FilterBreaker {

  public static final String NAME = "bid-filter";
  static final int WINDOW = 100;
  static final int FAILURE_RATE_PERCENT = 80;
  private static final Exception FAILED = new FilterCallFailed();

  /** What a caller may do: call as usual, send the one half-open probe, or not call at all. */
  public enum Permit { CALL, PROBE, REJECTED }

  private final CircuitBreaker breaker;

  private FilterBreaker(CircuitBreaker breaker) {
    this.breaker = breaker;
  }

  /** Creates the breaker in {@code registry} (which exports its state), tagged {@code role=bid_filter}. */
  public static FilterBreaker create(CircuitBreakerRegistry registry, int minimumFailures, Duration openFor,
                                     Clock clock) {
    if (minimumFailures < 1 || openFor.toMillis() < 1) {
      throw new IllegalArgumentException("failure threshold must be >= 1 and the open time >= 1 ms");
    }
    CircuitBreakerConfig config = CircuitBreakerConfig.custom()
        .slidingWindow(WINDOW, minimumFailures, SlidingWindowType.COUNT_BASED)
        .failureRateThreshold(FAILURE_RATE_PERCENT)
        .waitDurationInOpenState(openFor)
        .permittedNumberOfCallsInHalfOpenState(1)
        .clock(clock)
        .build();
    return new FilterBreaker(registry.circuitBreaker(NAME, config, Map.of("role", "bid_filter")));
  }

  /** Whether a call may go through now; {@link Permit#PROBE} makes the caller the half-open probe. */
  public Permit acquire() {
    if (!breaker.tryAcquirePermission()) {
      return Permit.REJECTED;
    }
    // Read after the permit: a permit in half-open is the probe. A race with a concurrent transition
    // only moves a call between the auction's path and the probe's, both of which are recorded.
    return breaker.getState() == CircuitBreaker.State.HALF_OPEN ? Permit.PROBE : Permit.CALL;
  }

  public void onSuccess() {
    breaker.onSuccess(0, TimeUnit.NANOSECONDS);
  }

  public void onFailure() {
    breaker.onError(0, TimeUnit.NANOSECONDS, FAILED);
  }

  public CircuitBreaker.State state() {
    return breaker.getState();
  }

  /** What the breaker records a failed call as: the reason is in the fail-open verdict, not here. */
  private static final class FilterCallFailed extends Exception {
    FilterCallFailed() {
      super("bid-filter call failed", null, false, false);
    }
  }
}
