package io.bidsift.auction.filter;

import java.util.Arrays;
import java.util.function.LongSupplier;

/**
 * Stops calling a dependency that keeps failing, so auctions stop paying its timeout. Closed: every
 * call goes through; it opens when, among the last {@value #WINDOW} outcomes, at least
 * {@code failureThreshold} failed and they are at least half. Open: no call for {@code openNanos};
 * then half-open: one probe at a time goes through, whose success closes it (with a fresh window)
 * and whose failure opens it again. Thread-safe.
 *
 * <p>Why a rate and not consecutive failures: at thousands of calls per second a healthy filter on a
 * busy host misses its few-millisecond budget in short runs (a GC pause, a descheduled thread), and
 * five in a row would cut it off for {@code openNanos}, calling every DSP meanwhile, which loads the
 * host further. A dead filter still fails every call, so it is cut off as fast as before.
 */
public final class CircuitBreaker {

  public enum State { CLOSED, OPEN, HALF_OPEN }

  static final int WINDOW = 100;

  /** What a caller may do: call as usual, send the one half-open probe, or not call at all. */
  public enum Permit { CALL, PROBE, REJECTED }

  private final int failureThreshold;
  private final long openNanos;
  private final LongSupplier nanoClock;
  private final boolean[] window = new boolean[WINDOW];
  private State state = State.CLOSED;
  /** Outcomes in the window, up to {@link #WINDOW}. */
  private int outcomes;
  private int next;
  private int failuresInWindow;
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
    probeInFlight = false;
    if (state != State.CLOSED) {
      state = State.CLOSED;
      outcomes = 0;
      next = 0;
      failuresInWindow = 0;
      Arrays.fill(window, false);
      return;
    }
    record(false);
  }

  public synchronized void onFailure() {
    probeInFlight = false;
    if (state != State.CLOSED) {
      state = State.OPEN;
      openedAt = nanoClock.getAsLong();
      return;
    }
    record(true);
    if (failuresInWindow >= failureThreshold && 2 * failuresInWindow >= outcomes) {
      state = State.OPEN;
      openedAt = nanoClock.getAsLong();
    }
  }

  private void record(boolean failed) {
    if (outcomes == WINDOW && window[next]) {
      failuresInWindow--;
    }
    window[next] = failed;
    if (failed) {
      failuresInWindow++;
    }
    next = (next + 1) % WINDOW;
    // Capped, not counted: a running count would overflow after 2^31 calls (12 days at 2,000/s).
    outcomes = Math.min(outcomes + 1, WINDOW);
  }

  public synchronized State state() {
    return state;
  }
}
