package io.bidsift.training.preprocess;

import io.bidsift.features.EncodingTables;
import java.util.Objects;

/**
 * What to preprocess and how.
 *
 * @param logs        auction logs v1: a local directory or a Hadoop URI ({@code s3a://bucket/prefix},
 *                    {@code s3://} on EMR); read recursively, {@code *.jsonl} and {@code *.jsonl.gz}
 * @param out         output directory (local or Hadoop URI); the training set goes to {@code out/trainset/}
 * @param validDays   the days before the test days that form the validation split
 * @param testDays    the last days, the test split
 * @param historyDays the first days, used only as target-encoding history when enough days remain
 *                    for at least one training day (see {@link DaySplit})
 * @param smoothing   prior weight m of the target encodings
 * @param libsvm      also write {@code libsvm/train} and {@code libsvm/valid} for SageMaker's built-in
 *                    XGBoost (costs about as much as the Parquet output; the local trainer does not need it)
 */
public record PreprocessConfig(String logs, String out, int validDays, int testDays, int historyDays,
                               double smoothing, boolean libsvm) {

  public PreprocessConfig {
    Objects.requireNonNull(logs, "logs");
    Objects.requireNonNull(out, "out");
    if (validDays < 1 || testDays < 1 || historyDays < 0) {
      throw new IllegalArgumentException("validation and test days must be at least 1, history days at least 0");
    }
    if (!(smoothing > 0) || Double.isInfinite(smoothing)) {
      throw new IllegalArgumentException("smoothing must be a positive number, was " + smoothing);
    }
  }

  /** One validation day, one test day, one history day, default smoothing, no LibSVM. */
  public static PreprocessConfig of(String logs, String out) {
    return new PreprocessConfig(logs, out, 1, 1, 1, EncodingTables.DEFAULT_SMOOTHING, false);
  }

  public PreprocessConfig withLibsvm(boolean write) {
    return new PreprocessConfig(logs, out, validDays, testDays, historyDays, smoothing, write);
  }
}
