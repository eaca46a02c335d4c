package io.bidsift.training.report;

import io.bidsift.bundle.DspThreshold;
import io.bidsift.bundle.TrainingWindow;
import io.bidsift.training.evaluate.Evaluation;
import io.bidsift.training.preprocess.PreprocessStats;
import io.bidsift.training.train.Hyperparameters;
import io.bidsift.training.train.RoundEval;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Everything one {@code train} run found, for metrics.json, the manifest's summary and the report.
 *
 * @param bundleVersion      version of the bundle written (null before it is)
 * @param created            when the run started
 * @param logs               the input as given
 * @param targetRecall       the bid recall thresholds were chosen for
 * @param targetValueRecall  the share of bid value thresholds keep too; 0 for none
 * @param trainingWindow     days of the training split
 * @param validationDays     first and last day of the validation split, e.g. {@code 2026-11-25}
 * @param testDays           first and last day of the test split
 * @param data               what preprocessing read and wrote
 * @param hyperparameters    the parameters trained with
 * @param rounds             boosting rounds kept
 * @param curve              validation figures per round trained
 * @param featureGain        total gain per feature, descending
 * @param thresholds         the model's per-DSP thresholds and recall tables (from validation)
 * @param baselineThresholds the baseline's per-DSP thresholds (from validation), null = always called
 * @param model              the model on the test split
 * @param baseline           the baseline on the test split
 * @param exploreModel       the model on the test split's explore rows; null when there are none
 * @param exploreBaseline    the baseline on them; null when there are none
 * @param singleClass        DSPs with a single class in some split
 * @param timings            per stage
 */
public record TrainingRun(
    String bundleVersion,
    Instant created,
    String logs,
    double targetRecall,
    double targetValueRecall,
    TrainingWindow trainingWindow,
    String validationDays,
    String testDays,
    PreprocessStats data,
    Hyperparameters hyperparameters,
    int rounds,
    List<RoundEval> curve,
    Map<String, Double> featureGain,
    Map<String, DspThreshold> thresholds,
    Map<String, Double> baselineThresholds,
    Evaluation model,
    Evaluation baseline,
    Evaluation exploreModel,
    Evaluation exploreBaseline,
    List<SingleClass> singleClass,
    List<StageTime> timings) {

  /** Model minus baseline share of callouts saved on test, in percentage points. */
  public double liftPercentagePoints() {
    return 100 * (model.overall().point().saved() - baseline.overall().point().saved());
  }

  public TrainingRun withBundleVersion(String version) {
    return new TrainingRun(version, created, logs, targetRecall, targetValueRecall, trainingWindow, validationDays, testDays, data,
        hyperparameters, rounds, curve, featureGain, thresholds, baselineThresholds, model, baseline, exploreModel,
        exploreBaseline, singleClass, timings);
  }

  public TrainingRun withTimings(List<StageTime> stageTimes) {
    return new TrainingRun(bundleVersion, created, logs, targetRecall, targetValueRecall, trainingWindow, validationDays, testDays, data,
        hyperparameters, rounds, curve, featureGain, thresholds, baselineThresholds, model, baseline, exploreModel,
        exploreBaseline, singleClass, stageTimes);
  }
}
