package io.bidsift.simulator.traffic;

import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a load run measured. Latencies are from each request's intended send time (open loop), so a
 * server that stalls is charged for the requests queued behind the stall; every request is in them,
 * a failed one at the time it failed and a timed-out one at the time it was given up.
 *
 * @param sent              requests due during the run (each is counted once: answered, failed or timed out)
 * @param completed         requests with an outcome when the report was taken
 * @param statusCounts      HTTP answers per status
 * @param errors            requests that got no HTTP answer (connection refused/reset/closed), by kind
 * @param timeouts          requests given up by the client after the request timeout, queued or in flight
 * @param connectionsOpened TCP connections opened over the run (a connection is replaced after a timeout or reset)
 * @param elapsedSeconds    from the first request's due time to when the last one was handed to its connection pool
 */
public record LoadReport(long sent, long completed, SortedMap<Integer, Long> statusCounts,
                         SortedMap<String, Long> errors, long timeouts, long connectionsOpened,
                         double elapsedSeconds,
                         long p50Micros, long p90Micros, long p99Micros, long p999Micros, long maxMicros) {

  public LoadReport {
    statusCounts = new TreeMap<>(statusCounts);
    errors = new TreeMap<>(errors);
  }

  public long status(int code) {
    return statusCounts.getOrDefault(code, 0L);
  }

  public long answered() {
    return statusCounts.values().stream().mapToLong(Long::longValue).sum();
  }

  public long errorCount() {
    return errors.values().stream().mapToLong(Long::longValue).sum();
  }

  public double sendRate() {
    return elapsedSeconds <= 0 ? 0 : sent / elapsedSeconds;
  }

  /**
   * HTTP answers to the requests sent, per second of sending: the throughput the target sustained. Equal to
   * {@link #sendRate()} when it answered everything in time; errors and timeouts take it down.
   */
  public double answerRate() {
    return elapsedSeconds <= 0 ? 0 : answered() / elapsedSeconds;
  }

  /**
   * The report as JSON, for scripts (the demo's summary): counts, rates, and
   * {@code latency_ms: {p50, p90, p99, p999, max}}.
   */
  public String toJson() {
    StringBuilder b = new StringBuilder("{");
    b.append(String.format(java.util.Locale.ROOT,
        "\"sent\":%d,\"completed\":%d,\"answered\":%d,\"elapsed_s\":%.3f,\"send_rate\":%.1f,\"answer_rate\":%.1f,",
        sent, completed, answered(), elapsedSeconds, sendRate(), answerRate()));
    b.append("\"status\":{");
    String sep = "";
    for (Map.Entry<Integer, Long> e : statusCounts.entrySet()) {
      b.append(sep).append('"').append(e.getKey()).append("\":").append(e.getValue());
      sep = ",";
    }
    b.append("},\"errors\":").append(errorCount()).append(",\"timeouts\":").append(timeouts)
        .append(",\"connections_opened\":").append(connectionsOpened);
    b.append(String.format(java.util.Locale.ROOT,
        ",\"latency_ms\":{\"p50\":%.3f,\"p90\":%.3f,\"p99\":%.3f,\"p999\":%.3f,\"max\":%.3f}}",
        p50Micros / 1000.0, p90Micros / 1000.0, p99Micros / 1000.0, p999Micros / 1000.0, maxMicros / 1000.0));
    return b.toString();
  }

  public String summary() {
    StringBuilder b = new StringBuilder();
    b.append(String.format("sent %d in %.2f s (%.0f/s), answered %d (%.0f/s), completed %d%n",
        sent, elapsedSeconds, sendRate(), answered(), answerRate(), completed));
    b.append("status:");
    for (Map.Entry<Integer, Long> e : statusCounts.entrySet()) {
      b.append(' ').append(e.getKey()).append('=').append(e.getValue());
    }
    b.append(String.format("%nerrors: %d%s  timeouts: %d  connections opened: %d%n",
        errorCount(), errors.isEmpty() ? "" : " " + errors, timeouts, connectionsOpened));
    b.append(String.format("latency ms: p50 %.2f  p90 %.2f  p99 %.2f  p99.9 %.2f  max %.2f%n",
        p50Micros / 1000.0, p90Micros / 1000.0, p99Micros / 1000.0, p999Micros / 1000.0, maxMicros / 1000.0));
    return b.toString();
  }
}
