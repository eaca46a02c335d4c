package io.bidsift.simulator.traffic;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.ConcurrentHistogram;

/** The counters of a load run, written by every lane and read by the progress line and the report. */
final class LoadTally {

  private static final long MAX_TRACKED_MICROS = TimeUnit.SECONDS.toMicros(60);

  private volatile long startNanos;
  private final ConcurrentHistogram latency = new ConcurrentHistogram(MAX_TRACKED_MICROS, 3);
  private final Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
  private final LongAdder timeouts = new LongAdder();
  private final LongAdder completed = new LongAdder();
  private final LongAdder waiting = new LongAdder();
  private final LongAdder connectionsOpened = new LongAdder();
  private final LongAdder sent = new LongAdder();
  private final LongAdder lanesDone = new LongAdder();
  private final LongAccumulator sendingEndedNanos = new LongAccumulator(Math::max, Long.MIN_VALUE);

  /** The time the first request is due: the run's clock starts there (connections are opened before). */
  void start(long firstDueNanos) {
    startNanos = firstDueNanos;
  }

  void answered(PendingRequest r, int status, long nowNanos) {
    statuses.computeIfAbsent(status, k -> new LongAdder()).increment();
    done(r, nowNanos);
  }

  void failed(PendingRequest r, String kind, long nowNanos) {
    errors.computeIfAbsent(kind, k -> new LongAdder()).increment();
    done(r, nowNanos);
  }

  void timedOut(PendingRequest r, long nowNanos) {
    timeouts.increment();
    done(r, nowNanos);
  }

  // Every outcome is recorded, a timeout at the time it was given up: leaving failures out would flatter the tail.
  private void done(PendingRequest r, long nowNanos) {
    latency.recordValue(Math.min(MAX_TRACKED_MICROS, Math.max(0, (nowNanos - r.dueNanos) / 1000)));
    completed.increment();
  }

  void sent() {
    sent.increment();
  }

  /** A lane has handed its last request to its pool. */
  void laneDone(long nowNanos) {
    sendingEndedNanos.accumulate(nowNanos);
    lanesDone.increment();
  }

  long lanesDone() {
    return lanesDone.sum();
  }

  long sendingEndedNanos() {
    return sendingEndedNanos.get();
  }

  void waitingChanged(int delta) {
    waiting.add(delta);
  }

  void connectionOpened() {
    connectionsOpened.increment();
  }

  long completed() {
    return completed.sum();
  }

  String progressLine(long nowNanos) {
    long sent = this.sent.sum();
    long done = completed.sum();
    long queued = waiting.sum();
    return String.format("[%5.1f s] sent %d  completed %d  in flight %d  queued %d  timeouts %d  connections %d"
            + "  p99 %.2f ms", (nowNanos - startNanos) / 1e9, sent, done, sent - done - queued, queued,
        timeouts.sum(), connectionsOpened.sum(), latency.getValueAtPercentile(99) / 1000.0);
  }

  LoadReport report() {
    return new LoadReport(sent.sum(), completed.sum(), sum(statuses), sum(errors), timeouts.sum(), connectionsOpened.sum(),
        (sendingEndedNanos.get() - startNanos) / 1e9,
        latency.getValueAtPercentile(50), latency.getValueAtPercentile(90), latency.getValueAtPercentile(99),
        latency.getValueAtPercentile(99.9), latency.getMaxValue());
  }

  private static <K extends Comparable<K>> TreeMap<K, Long> sum(Map<K, LongAdder> counts) {
    TreeMap<K, Long> out = new TreeMap<>();
    counts.forEach((k, v) -> out.put(k, v.sum()));
    return out;
  }
}
