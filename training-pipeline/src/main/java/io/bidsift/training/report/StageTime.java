package io.bidsift.training.report;

/**
 * Wall and CPU time of one stage of a run.
 *
 * @param stage      stage name (preprocess, load, train, score, evaluate, bundle, total)
 * @param seconds    wall time
 * @param cpuSeconds CPU time of the whole process over the stage (every thread: Spark tasks,
 *                   XGBoost's threads): on a shared machine it varies far less than wall time
 * @param rows       labelled rows the stage processed
 */
public record StageTime(String stage, double seconds, double cpuSeconds, long rows) {

  /** rows / seconds; NaN when either is 0. */
  public double rowsPerSecond() {
    return seconds > 0 && rows > 0 ? rows / seconds : Double.NaN;
  }
}
