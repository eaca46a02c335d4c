package io.bidsift.training.preprocess;

import io.bidsift.cli.CommandRunner;
import io.bidsift.cli.Reasons;
import io.bidsift.features.EncodingTables;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Preprocessing alone, for a cluster step (EMR: {@code spark-submit --class
 * io.bidsift.training.preprocess.PreprocessMain ...}); {@code ./bidsift train} runs
 * {@link PreprocessJob} in-process instead. The main class of the module's EMR jar
 * ({@code training-pipeline-<version>-emr.jar}, docs/emr.md). s3a:// input and output go through
 * hadoop-aws: the module's own off EMR, the cluster's on EMR (with s3:// through EMRFS).
 * Exits 0 on success (printing the training set's location), 1 with {@code bidsift: <reason>} on
 * stderr when the input is unusable, 2 for an invalid command line.
 */
@Command(name = "preprocess", mixinStandardHelpOptions = true,
    description = "Auction logs v1 to a training set: OUT/trainset/ (Parquet, LibSVM, encodings.json, "
        + "feature_schema.json, preprocess_stats.json).")
public final class PreprocessMain implements Callable<Integer> {

  @Option(names = "--logs", required = true, paramLabel = "DIR", description = "auction logs: a directory or s3a:// prefix")
  private String logs;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "output directory or s3a:// prefix")
  private String out;

  @Option(names = "--master", paramLabel = "URL",
      description = "Spark master; default: spark-submit's, else local[*]")
  private String master;

  @Option(names = "--valid-days", defaultValue = "1", description = "days before the test days used for validation (default: ${DEFAULT-VALUE})")
  private int validDays;

  @Option(names = "--test-days", defaultValue = "1", description = "last days used for test (default: ${DEFAULT-VALUE})")
  private int testDays;

  @Option(names = "--history-days", defaultValue = "1",
      description = "first days used only as target-encoding history (default: ${DEFAULT-VALUE})")
  private int historyDays;

  @Option(names = "--smoothing", paramLabel = "M",
      description = "prior weight of the target encodings (default: " + EncodingTables.DEFAULT_SMOOTHING + ")")
  private double smoothing = EncodingTables.DEFAULT_SMOOTHING;

  @Option(names = "--libsvm", negatable = true, defaultValue = "true", fallbackValue = "true",
      description = "also write LibSVM train/valid for SageMaker's XGBoost (default: ${DEFAULT-VALUE})")
  private boolean libsvm;

  @Override
  public Integer call() {
    PreprocessConfig config;
    try {
      config = new PreprocessConfig(logs, out, validDays, testDays, historyDays, smoothing, libsvm);
    } catch (IllegalArgumentException e) {
      System.err.println("bidsift: " + e.getMessage());
      return 2;
    }
    SparkSession spark = SparkSetup.session(master);
    try {
      PreprocessResult result = new PreprocessJob(spark, System.err::println).run(config);
      System.out.println(result.trainsetDir());
      return 0;
    } catch (PreprocessException e) {
      System.err.println("bidsift: " + e.getMessage());
      return 1;
    } finally {
      spark.stop();
    }
  }

  public static void main(String[] args) {
    System.exit(CommandRunner.run("bidsift", new PreprocessMain(), args, System.out, System.err,
        Reasons::firstLine));
  }
}
