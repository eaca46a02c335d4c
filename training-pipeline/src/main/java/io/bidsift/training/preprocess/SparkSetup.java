package io.bidsift.training.preprocess;

import org.apache.spark.sql.SparkSession;

/** The SparkSession for the training pipeline: a cluster's when submitted there, else local. */
public final class SparkSetup {

  /** Small data on a small machine: Spark's default of 200 shuffle partitions is 200 tiny tasks. */
  private static final int LOCAL_SHUFFLE_PARTITIONS = 8;

  private SparkSetup() {
  }

  /**
   * @param master a Spark master URL such as {@code local[*]}; null to take spark-submit's
   *     ({@code spark.master}), falling back to {@code local[*]}
   */
  public static SparkSession session(String master) {
    String resolved = master != null ? master : System.getProperty("spark.master", "local[*]");
    SparkSession.Builder builder = SparkSession.builder()
        .appName("bidsift-training")
        .master(resolved)
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.ui.showConsoleProgress", "false");
    if (resolved.startsWith("local")) {
      // Driver memory is the JVM's own heap in local mode (-Xmx), it cannot be set here.
      builder.config("spark.ui.enabled", "false")
          .config("spark.sql.shuffle.partitions", String.valueOf(LOCAL_SHUFFLE_PARTITIONS))
          .config("spark.driver.host", "127.0.0.1")
          .config("spark.driver.bindAddress", "127.0.0.1");
    }
    return builder.getOrCreate();
  }
}
