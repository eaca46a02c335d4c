package io.bidsift.auction.qps;

/**
 * Keeps one DSP under its QPS cap while favouring the callouts the model scores highest.
 *
 * <p>Time is cut into one-second windows. Each window admits at most {@code cap} callouts (the
 * hard cap) and only those whose score reaches the window's cutoff. The cutoff comes from the
 * previous window's score histogram: the lowest score such that the callouts scoring at least that
 * much would just about fill the cap. Traffic changes slowly second to second, so at steady state
 * the admitted callouts are the highest-scoring ones rather than the first to arrive. With no
 * history (the first window, or after a quiet second) the cutoff is 0: first come, first served.
 * An unscored callout (no model, filter failed open) counts as score 1: the unknown is never
 * put last.
 *
 * <p>Thread-safe; the lock is held for a few array operations.
 */
public final class ScorePriorityLimiter {

  private static final int BUCKETS = 100;
  private static final long WINDOW_NANOS = 1_000_000_000L;

  private final int cap;
  private final int[] histogram = new int[BUCKETS];
  private long windowStart;
  private boolean started;
  private int admitted;
  private double cutoff;

  public ScorePriorityLimiter(int cap) {
    if (cap <= 0) {
      throw new IllegalArgumentException("cap must be positive, got " + cap);
    }
    this.cap = cap;
  }

  /** Whether a callout with this score may go out at {@code nowNanos}; null scores count as 1. */
  public synchronized boolean tryAdmit(Double score, long nowNanos) {
    double s = score == null ? 1.0 : Math.max(0, Math.min(1, score));
    if (!started) {
      started = true;
      windowStart = nowNanos;
    } else if (nowNanos - windowStart >= WINDOW_NANOS) {
      roll(nowNanos);
    }
    histogram[bucket(s)]++;
    if (s < cutoff || admitted >= cap) {
      return false;
    }
    admitted++;
    return true;
  }

  private void roll(long nowNanos) {
    boolean consecutive = nowNanos - windowStart < 2 * WINDOW_NANOS;
    cutoff = consecutive ? cutoffFor(histogram, cap) : 0;
    java.util.Arrays.fill(histogram, 0);
    admitted = 0;
    windowStart = nowNanos - (nowNanos - windowStart) % WINDOW_NANOS;
  }

  /** The lower edge of the bucket where the count from the top first exceeds the cap; 0 when all fit. */
  private static double cutoffFor(int[] histogram, int cap) {
    int count = 0;
    for (int b = BUCKETS - 1; b >= 0; b--) {
      count += histogram[b];
      if (count > cap) {
        return (double) b / BUCKETS;
      }
    }
    return 0;
  }

  private static int bucket(double score) {
    return Math.min(BUCKETS - 1, (int) (score * BUCKETS));
  }
}
