package io.bidsift.serving.http;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.FastThreadLocal;
import io.netty.util.internal.ThreadExecutorMap;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Admission control for a service's hot route, by event-loop lag: a request is refused, early and
 * cheaply, when the loop that read it runs so far behind that the work would not be useful in time.
 *
 * <p>Why lag rather than a concurrency limit: both services do their work on the event loops, so an
 * overloaded service shows it first as loops running late. Requests then wait, unseen, in socket
 * buffers and loop queues before any handler can count them, and an auction that waited past its
 * tmax is work nobody waits for any more. Lag measures that wait directly, on the loop that will do
 * the work, whatever else (other processes on the same cores included) takes the CPU.
 *
 * <p>Policy: every request is admitted while the lag is at most the target; beyond it a falling share
 * is, down to none at twice the target. The linear ramp keeps the admitted rate near what the loops
 * can do instead of switching between all and nothing. Handlers call {@link #waitedNanos()} and
 * {@link #admits(long)} on the request's event loop.
 */
public final class LoadShedder implements AutoCloseable {

  private final long targetNanos;
  private final long probeIntervalNanos;
  private final FastThreadLocal<LoopLagProbe> probes = new FastThreadLocal<>();
  private final Queue<LoopLagProbe> started = new ConcurrentLinkedQueue<>();
  private final Counter shed;

  /**
   * @param settings  the target lag and probe interval
   * @param registry  where {@code bidsift.requests.shed} and {@code bidsift.event_loop.lag} go
   * @param route     the route being protected, a tag of both meters
   */
  public LoadShedder(OverloadProperties settings, MeterRegistry registry, String route) {
    this.targetNanos = settings.enabled() ? settings.targetLag().toNanos() : Long.MAX_VALUE / 4;
    this.probeIntervalNanos = settings.probeInterval().toNanos();
    this.shed = Counter.builder("bidsift.requests.shed").tag("route", route)
        .description("requests refused at once because the event loop ran too far behind to serve them in time")
        .register(registry);
    Gauge.builder("bidsift.event_loop.lag", this, LoadShedder::maxLagSeconds).tag("route", route).baseUnit("seconds")
        .description("how late the most delayed event loop runs (what a request read now has waited)")
        .register(registry);
  }

  /**
   * How long a request read on the current event loop has waited for it, about. Starts the loop's
   * probe on first use; 0 off an event loop.
   */
  public long waitedNanos() {
    LoopLagProbe probe = probes.get();
    if (probe == null) {
      EventExecutor loop = ThreadExecutorMap.currentExecutor();
      if (loop == null) {
        return 0;
      }
      probe = new LoopLagProbe(loop, probeIntervalNanos);
      probes.set(probe);
      started.add(probe);
      probe.start();
      return 0;
    }
    return probe.lagNanos(System.nanoTime());
  }

  /** Whether to serve a request that waited this long; a refusal is counted. */
  public boolean admits(long waitedNanos) {
    if (waitedNanos <= targetNanos) {
      return true;
    }
    boolean admit = waitedNanos < 2 * targetNanos
        && ThreadLocalRandom.current().nextLong(targetNanos) >= waitedNanos - targetNanos;
    if (!admit) {
      shed.increment();
    }
    return admit;
  }

  private double maxLagSeconds() {
    long now = System.nanoTime();
    long max = 0;
    for (LoopLagProbe p : started) {
      max = Math.max(max, p.lagNanos(now));
    }
    return max / 1e9;
  }

  @Override
  public void close() {
    started.forEach(LoopLagProbe::stop);
  }
}
