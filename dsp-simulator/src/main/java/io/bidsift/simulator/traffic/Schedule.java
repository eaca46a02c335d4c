package io.bidsift.simulator.traffic;

/** When each request of an open-loop run is due: request {@code i} at {@code start + i / rate}. */
record Schedule(long startNanos, long total, int ratePerSecond) {

  long dueNanos(long i) {
    return startNanos + i * 1_000_000_000L / ratePerSecond;
  }
}
