package io.bidsift.auction.filter;

import java.util.function.LongSupplier;

/**
 * Stops calling a dependency that keeps failing, so auctions stop paying its timeout. Closed: every
 * call goes through; {@code failureThreshold} consecutive failures open it. Open: no call for
 * {@code openNanos}; then half-open: one probe at a time goes through, whose success closes it and
 * whose failure opens it again. Thread-safe.
 */
public final class CircuitBreaker {

  public enum State { CLOSED, OPEN, HALF_OPEN }

  /** What a caller may do: call as usual, send the one half-open probe, or not call at all. */
  public enum Permit { CALL, PROBE, REJECTED }

  private final int failureThreshold;
  private final long openNanos;
  private final LongSupplier nanoClock;
  private State state = State.CLOSED;
  private int consecutiveFailures;
  private long openedAt;
  private boolean probeInFlight;

  public CircuitBreaker(int failureThreshold, long openNanos, LongSupplier nanoClock) {
    if (failureThreshold < 1 || openNanos < 0) {
      throw new IllegalArgumentException("failure threshold must be >= 1 and the open time >= 0");
    }
    this.failureThreshold = failureThreshold;
    this.openNanos = openNanos;
    this.nanoClock = nanoClock;
  }

  /** Whether a call may go through now; {@link Permit#PROBE} makes the caller the half-open probe. */
  public synchronized Permit acquire() {
    switch (state) {
      case CLOSED:
        return Permit.CALL;
      case OPEN:
        if (nanoClock.getAsLong() - openedAt < openNanos) {
          return Permit.REJECTED;
        }
        state = State.HALF_OPEN;
        probeInFlight = true;
        return Permit.PROBE;
      default:
        if (probeInFlight) {
          return Permit.REJECTED;
        }
        probeInFlight = true;
        return Permit.PROBE;
    }
  }

  public synchronized void onSuccess() {
    consecutiveFailures = 0;
    probeInFlight = false;
    state = State.CLOSED;
  }

  public synchronized void onFailure() {
    probeInFlight = false;
    consecutiveFailures++;
    if (state == State.HALF_OPEN || consecutiveFailures >= failureThreshold) {
      state = State.OPEN;
      openedAt = nanoClock.getAsLong();
    }
  }

  public synchronized State state() {
    return state;
  }
}
