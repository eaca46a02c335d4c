package io.bidsift.auction.health;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Picks a fixed share of the calls made to it: the n-th call is picked when {@code floor(n × share)}
 * steps up, so exactly 1 in 20 for 5%, evenly spaced. Deterministic rather than random, so a test
 * can count the probes, and a throttled DSP's probes never bunch up or run dry by chance. Thread-safe.
 */
final class ProbeShare {

  private final double share;
  private final AtomicLong seen = new AtomicLong();

  ProbeShare(double share) {
    this.share = share;
  }

  boolean pick() {
    long n = seen.incrementAndGet();
    return (long) (n * share) > (long) ((n - 1) * share);
  }
}
