package io.bidsift.simulator.traffic;

import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a load run measured. Latencies are from each request's intended send time (open loop), so a
 * server that stalls is charged for the requests queued behind the stall.
 *
 * @param statusCounts responses per HTTP status
 * @param errors       requests that got no HTTP response (connection refused/reset, timeout), by exception name
 */
public record LoadReport(long sent, long completed, SortedMap<Integer, Long> statusCounts,
                         SortedMap<String, Long> errors, double elapsedSeconds,
                         long p50Micros, long p90Micros, long p99Micros, long maxMicros) {

  public LoadReport {
    statusCounts = new TreeMap<>(statusCounts);
    errors = new TreeMap<>(errors);
  }

  public long status(int code) {
    return statusCounts.getOrDefault(code, 0L);
  }

  public long errorCount() {
    return errors.values().stream().mapToLong(Long::longValue).sum();
  }

  public double sendRate() {
    return elapsedSeconds <= 0 ? 0 : sent / elapsedSeconds;
  }

  public String summary() {
    StringBuilder b = new StringBuilder();
    b.append(String.format("sent %d in %.2f s (%.0f/s), completed %d%n", sent, elapsedSeconds, sendRate(), completed));
    b.append("status:");
    for (Map.Entry<Integer, Long> e : statusCounts.entrySet()) {
      b.append(' ').append(e.getKey()).append('=').append(e.getValue());
    }
    b.append(String.format("%nerrors: %d%s%n", errorCount(), errors.isEmpty() ? "" : " " + errors));
    b.append(String.format("latency ms: p50 %.2f  p90 %.2f  p99 %.2f  max %.2f%n",
        p50Micros / 1000.0, p90Micros / 1000.0, p99Micros / 1000.0, maxMicros / 1000.0));
    return b.toString();
  }
}
