package io.bidsift.serving.http;

import io.netty.util.concurrent.EventExecutor;
import java.util.concurrent.TimeUnit;

/**
 * How far behind one event loop runs: a task that asks to run every {@code interval} and notes how
 * late it ran. A request read on a loop that runs 30 ms late has waited about that long before its
 * handler saw it, time that counts against its tmax.
 */
final class LoopLagProbe implements Runnable {

  private final EventExecutor loop;
  private final long intervalNanos;
  private volatile long expectedAtNanos;
  private volatile long lastLagNanos;
  private volatile boolean stopped;

  LoopLagProbe(EventExecutor loop, long intervalNanos) {
    this.loop = loop;
    this.intervalNanos = intervalNanos;
  }

  void start() {
    expectedAtNanos = System.nanoTime() + intervalNanos;
    loop.schedule(this, intervalNanos, TimeUnit.NANOSECONDS);
  }

  void stop() {
    stopped = true;
  }

  @Override
  public void run() {
    long now = System.nanoTime();
    lastLagNanos = Math.max(0, now - expectedAtNanos);
    if (!stopped && !loop.isShuttingDown()) {
      expectedAtNanos = now + intervalNanos;
      loop.schedule(this, intervalNanos, TimeUnit.NANOSECONDS);
    }
  }

  /**
   * The loop's current lag: the last measured one, or how overdue the probe is now if that is more (a
   * loop busy with a long backlog has not run the probe yet, and the old figure would understate it).
   */
  long lagNanos(long now) {
    return Math.max(lastLagNanos, now - expectedAtNanos);
  }
}
