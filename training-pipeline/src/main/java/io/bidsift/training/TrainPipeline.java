package io.bidsift.training;

import io.bidsift.features.FeatureSchema;
import io.bidsift.bundle.BundleFiles;
import io.bidsift.bundle.BundleManifest;
import io.bidsift.bundle.BundleWriter;
import io.bidsift.bundle.CanaryFile;
import io.bidsift.bundle.DspThreshold;
import io.bidsift.bundle.JsonTrees;
import io.bidsift.bundle.ModelInfo;
import io.bidsift.bundle.TrainingWindow;
import io.bidsift.training.evaluate.BaselineTable;
import io.bidsift.training.evaluate.Evaluation;
import io.bidsift.training.evaluate.Evaluator;
import io.bidsift.training.evaluate.ScoredCallouts;
import io.bidsift.training.evaluate.ThresholdSelector;
import io.bidsift.training.preprocess.LabelCounts;
import io.bidsift.training.preprocess.PreprocessConfig;
import io.bidsift.training.preprocess.PreprocessJob;
import io.bidsift.training.preprocess.PreprocessResult;
import io.bidsift.training.preprocess.SparkSetup;
import io.bidsift.training.preprocess.Split;
import io.bidsift.training.report.HtmlReport;
import io.bidsift.training.report.MetricsJson;
import io.bidsift.training.report.SingleClass;
import io.bidsift.training.report.StageTime;
import io.bidsift.training.report.TrainingRun;
import io.bidsift.training.train.CanarySelector;
import io.bidsift.training.train.FeatureRows;
import io.bidsift.training.train.Hyperparameters;
import io.bidsift.training.train.Progress;
import io.bidsift.training.train.TrainedModel;
import io.bidsift.training.train.TrainingException;
import io.bidsift.training.train.TrainsetLoader;
import io.bidsift.training.train.XgbTrainer;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.apache.spark.sql.SparkSession;

/**
 * The whole {@code train} command: preprocess the logs (Spark), load the training set, train
 * XGBoost, choose thresholds on validation, evaluate model and baseline on test, and write
 * {@code OUT/bundle/}, {@code OUT/metrics.json} and {@code OUT/report.html}.
 */
public final class TrainPipeline {

  /**
   * @param logs              auction logs: a local directory or a Hadoop URI
   * @param out               local output directory
   * @param targetRecall      bid recall the per-DSP thresholds aim for
   * @param targetValueRecall share of bid value the per-DSP thresholds keep too; 0 for none
   * @param hyperparameters   XGBoost parameters
   * @param master            Spark master, null for spark-submit's or local[*]
   * @param minBids           fewest validation bids for a DSP to get a threshold
   * @param canarySize        rows in the canary set
   */
  public record Config(String logs, Path out, double targetRecall, double targetValueRecall,
                       Hyperparameters hyperparameters, String master, int minBids, int canarySize) {

    public Config {
      Objects.requireNonNull(logs, "logs");
      Objects.requireNonNull(out, "out");
      Objects.requireNonNull(hyperparameters, "hyperparameters");
      if (!(targetRecall > 0 && targetRecall <= 1)) {
        throw new IllegalArgumentException("target recall must be in (0, 1], was " + targetRecall);
      }
      if (!(targetValueRecall >= 0 && targetValueRecall <= 1)) {
        throw new IllegalArgumentException("target value recall must be in [0, 1], was " + targetValueRecall);
      }
      if (minBids < 1) {
        throw new IllegalArgumentException("min bids must be at least 1, was " + minBids);
      }
    }
  }

  /**
   * What a run wrote.
   *
   * @param run      every figure
   * @param manifest the bundle's manifest
   * @param bundle   the bundle directory
   */
  public record Result(TrainingRun run, BundleManifest manifest, Path bundle) {
  }

  private final Clock clock;
  private final Progress progress;

  public TrainPipeline(Clock clock, Progress progress) {
    this.clock = clock;
    this.progress = progress;
  }

  /**
   * @throws io.bidsift.training.preprocess.PreprocessException when the logs are unusable
   * @throws TrainingException when the data cannot give a model
   */
  public Result run(Config config) throws IOException {
    Instant started = clock.instant();
    Stage total = new Stage("total");
    List<StageTime> timings = new ArrayList<>();
    Files.createDirectories(config.out());

    PreprocessResult pre;
    org.apache.hadoop.conf.Configuration hadoop;
    SparkSession spark = SparkSetup.session(config.master());
    try {
      Stage stage = new Stage("preprocess");
      pre = new PreprocessJob(spark, progress::line).run(PreprocessConfig.of(config.logs(), config.out().toString()));
      timings.add(stage.end(pre.stats().labelledRows()));
      hadoop = spark.sparkContext().hadoopConfiguration();
    } finally {
      spark.stop();
    }

    Stage stage = new Stage("load");
    TrainsetLoader.Trainset data = new TrainsetLoader(hadoop, Runtime.getRuntime().availableProcessors())
        .load(pre.parquet(), FeatureSchema.size());
    timings.add(stage.end(data.rows()));
    FeatureRows train = data.train();
    FeatureRows valid = data.valid();
    FeatureRows test = data.test();
    if (test.rows() == 0) {
      throw new TrainingException("the test window has no labelled callouts");
    }

    stage = new Stage("train");
    try (TrainedModel model = new XgbTrainer().train(train, valid, FeatureSchema.names(), config.hyperparameters(),
        progress)) {
      timings.add(stage.end((long) train.rows() + valid.rows()));

      stage = new Stage("score");
      ScoredCallouts validScored = valid.scored(model.predict(valid));
      ScoredCallouts testScored = test.scored(model.predict(test));
      timings.add(stage.end((long) valid.rows() + test.rows()));

      stage = new Stage("evaluate");
      double fallback = (double) train.bids() / train.rows();
      Evaluated e = evaluate(config, pre.tables().dsps(), validScored, testScored,
          validScored.withScores(valid.baselineScores(fallback)), testScored.withScores(test.baselineScores(fallback)));
      timings.add(stage.end((long) valid.rows() + test.rows()));

      TrainingWindow window = new TrainingWindow(LocalDate.parse(data.firstDay().get(Split.TRAIN)),
          LocalDate.parse(data.lastDay().get(Split.TRAIN)));
      TrainingRun run = new TrainingRun(null, started, config.logs(), config.targetRecall(),
          config.targetValueRecall(), window, days(data, Split.VALID), days(data, Split.TEST), pre.stats(),
          config.hyperparameters(), model.rounds(), model.curve(), model.totalGain(FeatureSchema.names()),
          e.thresholds(), e.baselineThresholds(), e.model(), e.baseline(), e.exploreModel(), e.exploreBaseline(),
          singleClass(pre.stats().dsps()), timings);

      stage = new Stage("bundle");
      Path bundleDir = config.out().resolve("bundle");
      BundleManifest manifest = writeBundle(bundleDir, run, model, pre, test, config, fallback);
      timings.add(stage.end(0));

      long t = System.nanoTime();
      timings.add(total.end(pre.stats().labelledRows()));
      run = run.withBundleVersion(manifest.version()).withTimings(List.copyOf(timings));
      JsonTrees.write(config.out().resolve("metrics.json"), MetricsJson.of(run));
      Files.writeString(config.out().resolve("report.html"), HtmlReport.render(run), StandardCharsets.UTF_8);
      progress.line(String.format(Locale.ROOT, "report: metrics.json and report.html in %.1f s",
          (System.nanoTime() - t) / 1e9));
      return new Result(run, manifest, bundleDir);
    }
  }

  /** Thresholds chosen on validation and figures on test, for the model and the baseline. */
  private record Evaluated(Map<String, DspThreshold> thresholds, Map<String, Double> baselineThresholds,
                           Evaluation model, Evaluation baseline, Evaluation exploreModel,
                           Evaluation exploreBaseline) {
  }

  private static Evaluated evaluate(Config config, List<String> dsps, ScoredCallouts valid, ScoredCallouts test,
                                    ScoredCallouts validBaseline, ScoredCallouts testBaseline) {
    ThresholdSelector selector = new ThresholdSelector(config.targetRecall(), config.targetValueRecall(),
        ThresholdSelector.DEFAULT_RECALL_LEVELS, config.minBids());
    Map<String, DspThreshold> thresholds = selector.select(valid, dsps);
    Map<String, Double> modelThresholds = new LinkedHashMap<>();
    thresholds.forEach((d, th) -> modelThresholds.put(d, th.threshold()));
    Map<String, Double> baselineThresholds = new LinkedHashMap<>();
    selector.select(validBaseline, dsps).forEach((d, th) -> baselineThresholds.put(d, th.threshold()));
    Evaluator evaluator = new Evaluator(Evaluator.DEFAULT_CALIBRATION_BINS);
    boolean explore = test.anyExplore();
    return new Evaluated(thresholds, baselineThresholds, evaluator.evaluate(test, modelThresholds),
        evaluator.evaluate(testBaseline, baselineThresholds),
        explore ? evaluator.evaluate(test.exploreOnly(), modelThresholds) : null,
        explore ? evaluator.evaluate(testBaseline.exploreOnly(), baselineThresholds) : null);
  }

  private BundleManifest writeBundle(Path dir, TrainingRun run, TrainedModel model, PreprocessResult pre,
                                     FeatureRows test, Config config, double fallback) throws IOException {
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put(BundleFiles.MODEL, model.json());
    files.put(BundleFiles.ENCODINGS, pre.tables().toJson());
    files.put(BundleFiles.CANARY, CanaryFile.write(
        new CanarySelector(config.canarySize(), config.hyperparameters().seed()).select(test, model)));
    files.put(BundleFiles.BASELINE, JsonTrees.toBytes(JsonTrees.object()
        .put("description", MetricsJson.BASELINE_DESCRIPTION)
        .put("key", JsonTrees.strings(BaselineTable.KEY))
        .put("fallback_rate", fallback)
        .put("thresholds", MetricsJson.thresholdsJson(run.baselineThresholds()))
        .put("table", pre.baseline().toJson())
        .build(), true));
    BundleWriter.Draft draft = new BundleWriter.Draft(FeatureSchema.SIGNALS_VERSION,
        FeatureSchema.FEATURE_SPEC_VERSION, FeatureSchema.names(),
        new ModelInfo(BundleFiles.MODEL, ModelInfo.XGBOOST_JSON, Hyperparameters.OBJECTIVE, model.rounds(),
            model.xgboostVersion()),
        run.trainingWindow(), run.targetRecall(), run.targetValueRecall(), run.thresholds(), MetricsJson.summary(run));
    BundleManifest manifest = new BundleWriter(clock).write(dir, draft, files);
    progress.line("bundle: " + dir + " version " + manifest.version());
    return manifest;
  }

  private static String days(TrainsetLoader.Trainset data, Split split) {
    String first = data.firstDay().get(split);
    String last = data.lastDay().get(split);
    if (first == null) {
      return "none";
    }
    return first.equals(last) ? first : first + " to " + last;
  }

  private static List<SingleClass> singleClass(Map<String, Map<String, LabelCounts>> byDsp) {
    List<SingleClass> out = new ArrayList<>();
    for (Map.Entry<String, Map<String, LabelCounts>> d : byDsp.entrySet()) {
      for (Split split : List.of(Split.TRAIN, Split.VALID, Split.TEST)) {
        LabelCounts c = d.getValue().get(split.wireName());
        if (c != null && c.rows() > 0 && (c.bids() == 0 || c.bids() == c.rows())) {
          out.add(new SingleClass(d.getKey(), split.wireName(), c.rows(), c.bids() == c.rows()));
        }
      }
    }
    return out;
  }

  /** A stage under way: its wall and CPU clocks started when it was created. */
  private final class Stage {
    private final String name;
    private final long wallStart = System.nanoTime();
    private final double cpuStart = cpuSeconds();

    Stage(String name) {
      this.name = name;
    }

    /** Ends the stage, reports it on the progress line, and returns its times. */
    StageTime end(long rows) {
      StageTime s = new StageTime(name, (System.nanoTime() - wallStart) / 1e9, cpuSeconds() - cpuStart, rows);
      progress.line(String.format(Locale.ROOT, "%s: %s%.1f s (CPU %.1f s)%s", name,
          rows > 0 ? String.format(Locale.ROOT, "%,d rows in ", rows) : "", s.seconds(), s.cpuSeconds(),
          Double.isNaN(s.rowsPerSecond()) ? "" : String.format(Locale.ROOT, ", %,.0f rows/s", s.rowsPerSecond())));
      return s;
    }
  }

  /** CPU time of the whole process so far: Spark's tasks and XGBoost's native threads included. */
  private static double cpuSeconds() {
    if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getProcessCpuTime() / 1e9;
    }
    return Double.NaN;
  }
}
