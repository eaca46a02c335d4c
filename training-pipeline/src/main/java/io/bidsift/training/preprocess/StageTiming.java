package io.bidsift.training.preprocess;

/**
 * Time spent in one stage of the job.
 *
 * @param stage      {@code count} (read, decode, count keys), {@code tables} (driver: cumulative tables),
 *                   {@code encode_parquet} (read, decode, encode, write Parquet), {@code libsvm}, {@code total}
 * @param seconds    wall time
 * @param cpuSeconds CPU time of this JVM during the stage: in local mode all the work (JIT and GC
 *                   included) and a measure that other processes on the machine do not inflate the
 *                   way they inflate wall time; on a cluster, the driver's share only
 * @param lines      log lines the stage read (0 when it reads none)
 * @param rows       labelled (auction, DSP) rows the stage processed or wrote
 */
public record StageTiming(String stage, double seconds, double cpuSeconds, long lines, long rows) {

  public double linesPerSecond() {
    return seconds > 0 ? lines / seconds : Double.NaN;
  }

  public double rowsPerSecond() {
    return seconds > 0 ? rows / seconds : Double.NaN;
  }
}
