package io.bidsift.training.preprocess;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;

/** Wall and process CPU time since it was started. */
final class Stopwatch {

  private static final OperatingSystemMXBean OS = ManagementFactory.getOperatingSystemMXBean();

  private final long wallStart = System.nanoTime();
  private final long cpuStart = processCpuNanos();

  StageTiming stage(String name, long lines, long rows) {
    return new StageTiming(name, (System.nanoTime() - wallStart) / 1e9, (processCpuNanos() - cpuStart) / 1e9,
        lines, rows);
  }

  double seconds() {
    return (System.nanoTime() - wallStart) / 1e9;
  }

  /** 0 where the JVM cannot tell (then every CPU figure is 0). */
  private static long processCpuNanos() {
    return OS instanceof com.sun.management.OperatingSystemMXBean os ? Math.max(0, os.getProcessCpuTime()) : 0;
  }
}
