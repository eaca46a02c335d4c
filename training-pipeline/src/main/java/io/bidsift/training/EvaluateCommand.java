package io.bidsift.training;

import io.bidsift.cli.CommandRunner;
import io.bidsift.cli.Reasons;
import io.bidsift.features.EncodingTables;
import io.bidsift.features.FeatureSchema;
import io.bidsift.json.JsonInputException;
import io.bidsift.json.JsonObject;
import io.bidsift.bundle.BundleFiles;
import io.bidsift.bundle.BundleManifest;
import io.bidsift.bundle.BundleReader;
import io.bidsift.bundle.BundleVerificationException;
import io.bidsift.bundle.CanaryFile;
import io.bidsift.bundle.CanaryRow;
import io.bidsift.bundle.DspThreshold;
import io.bidsift.bundle.JsonTrees;
import io.bidsift.bundle.VerifiedBundle;
import io.bidsift.training.evaluate.BaselineTable;
import io.bidsift.training.evaluate.Evaluation;
import io.bidsift.training.evaluate.EvaluationJson;
import io.bidsift.training.evaluate.Evaluator;
import io.bidsift.training.evaluate.GroupMetrics;
import io.bidsift.training.evaluate.ScoredCallouts;
import io.bidsift.training.train.FeatureRows;
import io.bidsift.training.train.LogFeatureReader;
import io.bidsift.training.train.TrainedModel;
import io.bidsift.training.train.TrainingException;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./bidsift evaluate --model BUNDLE --logs DIR} (contracts.md §2): scores any auction
 * logs with any bundle, at the bundle's own thresholds, next to the bundle's baseline; prints the
 * metrics JSON and writes it to {@code --out}. The bundle is verified first (sha256 of every
 * file, and its model must reproduce its canary scores).
 *
 * <p>No Spark: the logs are read with the auction log reader and encoded with the bundle's
 * {@code encodings.json} by the serving code ({@code FeatureEncoder}). Exit 0 on success, 1 with
 * {@code bidsift: <reason>} when the bundle or the logs are unusable, 2 for a usage error.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Score auction logs with a model bundle at its per-DSP thresholds; print and write metrics JSON.")
public final class EvaluateCommand implements Callable<Integer> {

  /** The bid filter's parity tolerance (issue "Training pipeline"). */
  static final double CANARY_TOLERANCE = 1e-6;

  @Option(names = "--model", required = true, paramLabel = "BUNDLE", description = "model bundle directory")
  private Path model;

  @Option(names = "--logs", required = true, paramLabel = "DIR", description = "auction logs v1, any directory tree")
  private Path logs;

  @Option(names = "--out", paramLabel = "FILE", defaultValue = "evaluation.json",
      description = "where to write the metrics JSON (default: ${DEFAULT-VALUE})")
  private Path out;

  @Option(names = "--threads", paramLabel = "N", description = "reader threads (default: available cores)")
  private int threads = Runtime.getRuntime().availableProcessors();

  private final PrintStream stdout;
  private final PrintStream stderr;

  public EvaluateCommand() {
    this(System.out, System.err);
  }

  public EvaluateCommand(PrintStream stdout, PrintStream stderr) {
    this.stdout = stdout;
    this.stderr = stderr;
  }

  @Override
  public Integer call() {
    try {
      JsonObject metrics = evaluate();
      byte[] json = JsonTrees.toBytes(metrics, true);
      Path parent = out.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.write(out, json);
      stdout.print(new String(json, StandardCharsets.UTF_8));
      stderr.println("evaluate: metrics written to " + out.toAbsolutePath());
      return 0;
    } catch (BundleVerificationException | TrainingException | IllegalArgumentException | JsonInputException e) {
      stderr.println("bidsift: " + Reasons.firstLine(e));
      return 1;
    } catch (IOException | UncheckedIOException e) {
      stderr.println("bidsift: I/O error: " + Reasons.firstLine(e));
      return 1;
    }
  }

  private JsonObject evaluate() {
    VerifiedBundle bundle = new BundleReader().read(model);
    BundleManifest manifest = bundle.manifest();
    if (manifest.featureSpecVersion() != FeatureSchema.FEATURE_SPEC_VERSION
        || manifest.signalsVersion() != FeatureSchema.SIGNALS_VERSION) {
      throw new IllegalArgumentException("bundle " + manifest.version() + " was built for feature spec "
          + manifest.featureSpecVersion() + " (signals " + manifest.signalsVersion() + "); this build encodes spec "
          + FeatureSchema.FEATURE_SPEC_VERSION + " (signals " + FeatureSchema.SIGNALS_VERSION + ")");
    }
    EncodingTables tables = EncodingTables.fromJson(bundle.file(BundleFiles.ENCODINGS));
    JsonObject baseline = baseline(bundle);

    long t = System.nanoTime();
    LogFeatureReader.Result read = new LogFeatureReader(threads).read(logs, tables,
        baseline == null ? null : BaselineTable.fromJson(JsonTrees.requireObject(baseline, "table")));
    FeatureRows rows = read.rows();
    stderr.println(String.format(Locale.ROOT, "evaluate: %,d lines (%,d malformed, skipped), %,d labelled callouts in "
        + "%.1f s (%,.0f rows/s)", read.stats().lines(), read.stats().malformed(), rows.rows(), seconds(t),
        rows.rows() / Math.max(1e-9, seconds(t))));
    if (read.stats().files() == 0) {
      throw new IllegalArgumentException("no auction log files (*.jsonl, *.jsonl.gz) under " + logs);
    }
    if (rows.rows() == 0) {
      throw new IllegalArgumentException("no labelled callouts (sent, with outcome bid or no_bid) under " + logs
          + ": " + read.stats().records() + " auctions, " + read.stats().malformed() + " malformed lines");
    }

    t = System.nanoTime();
    try (TrainedModel scorer = new TrainedModel(bundle.model(), manifest.model().rounds(), List.of())) {
      checkCanary(scorer, CanaryFile.read(bundle.file(BundleFiles.CANARY)), manifest.featureNames().size());
      ScoredCallouts scored = rows.scored(scorer.predict(rows));
      stderr.println(String.format(Locale.ROOT, "evaluate: scored %,d rows in %.1f s", rows.rows(), seconds(t)));

      Map<String, Double> thresholds = new HashMap<>();
      for (DspThreshold d : manifest.dsps().values()) {
        thresholds.put(d.dsp(), d.threshold());
      }
      Evaluator evaluator = new Evaluator(Evaluator.DEFAULT_CALIBRATION_BINS);
      Evaluation modelEval = evaluator.evaluate(scored, thresholds);
      JsonTrees.ObjectBuilder o = JsonTrees.object()
          .put("bundle_version", manifest.version())
          .put("bundle", model.toAbsolutePath().toString())
          .put("logs", logs.toAbsolutePath().toString())
          .put("days", JsonTrees.object().put("from", read.firstDay()).put("to", read.lastDay()).build())
          .put("target_recall", manifest.targetRecall())
          .put("data", JsonTrees.object()
              .put("files", read.stats().files())
              .put("lines", read.stats().lines())
              .put("malformed_lines", read.stats().malformed())
              .put("sample_errors", JsonTrees.strings(read.stats().sampleErrors()))
              .put("auctions", read.stats().records())
              .put("labelled_callouts", rows.rows())
              .build());
      Evaluation baselineEval = null;
      Map<String, Double> baselineThresholds = null;
      ScoredCallouts baselineScored = null;
      if (baseline != null) {
        baselineThresholds = new HashMap<>();
        JsonObject bt = JsonTrees.requireObject(baseline, "thresholds");
        for (String dsp : bt.members().keySet()) {
          baselineThresholds.put(dsp, JsonTrees.optionalNumber(bt, dsp));
        }
        baselineScored = scored.withScores(rows.baselineScores(JsonTrees.requireNumber(baseline, "fallback_rate")));
        baselineEval = evaluator.evaluate(baselineScored, baselineThresholds);
      }
      o.put("summary", summary(modelEval, baselineEval));
      o.put("model", EvaluationJson.toJson(modelEval, true));
      if (baselineEval != null) {
        o.put("baseline", EvaluationJson.toJson(baselineEval, true));
      }
      if (scored.anyExplore()) {
        JsonTrees.ObjectBuilder explore = JsonTrees.object()
            .put("model", EvaluationJson.toJson(evaluator.evaluate(scored.exploreOnly(), thresholds), false));
        if (baselineScored != null) {
          explore.put("baseline", EvaluationJson.toJson(
              evaluator.evaluate(baselineScored.exploreOnly(), baselineThresholds), false));
        }
        o.put("explore_only", explore.build());
      }
      GroupMetrics m = modelEval.overall();
      stderr.println(String.format(Locale.ROOT, "evaluate: callouts saved %.1f%% at bid recall %.1f%%, value recall "
              + "%.1f%%, ROC-AUC %.4f", 100 * m.point().saved(), 100 * m.point().bidRecall(),
          100 * m.point().valueRecall(), m.rocAuc()));
      return o.build();
    }
  }

  /**
   * The bundle's {@code baseline.json}, or null when it has none or one without its lookup table
   * (bundles written before the baseline had its own table scored a feature): no baseline figures.
   */
  private JsonObject baseline(VerifiedBundle bundle) {
    if (!bundle.has(BundleFiles.BASELINE)) {
      return null;
    }
    JsonObject baseline = JsonTrees.parseObject(bundle.file(BundleFiles.BASELINE));
    if (!baseline.has("table")) {
      stderr.println("evaluate: the bundle's baseline.json has no lookup table (an older bundle): no baseline figures");
      return null;
    }
    return baseline;
  }

  private static JsonObject summary(Evaluation model, Evaluation baseline) {
    GroupMetrics m = model.overall();
    JsonTrees.ObjectBuilder o = JsonTrees.object()
        .put("callouts", m.callouts())
        .put("callouts_saved", m.point().saved())
        .put("bid_recall", m.point().bidRecall())
        .put("value_recall", m.point().valueRecall())
        .put("roc_auc", m.rocAuc())
        .put("pr_auc", m.prAuc())
        .put("log_loss", m.logLoss())
        .put("calibration_ece", m.calibration().ece());
    if (baseline != null) {
      GroupMetrics b = baseline.overall();
      o.put("baseline_callouts_saved", b.point().saved())
          .put("baseline_bid_recall", b.point().bidRecall())
          .put("lift_pp", 100 * (m.point().saved() - b.point().saved()));
    }
    return o.build();
  }

  /** The bundle's model must give its own canary scores: a corrupt or mismatched model is refused. */
  private static void checkCanary(TrainedModel scorer, List<CanaryRow> canary, int width) {
    float[] features = new float[canary.size() * width];
    for (int i = 0; i < canary.size(); i++) {
      float[] f = canary.get(i).features();
      if (f.length != width) {
        throw new BundleVerificationException("canary row " + (i + 1) + " has " + f.length + " features, the manifest "
            + width);
      }
      System.arraycopy(f, 0, features, i * width, width);
    }
    float[] scores = scorer.predict(features, canary.size(), width);
    for (int i = 0; i < scores.length; i++) {
      if (Math.abs(scores[i] - canary.get(i).score()) > CANARY_TOLERANCE) {
        throw new BundleVerificationException("the bundle's model does not reproduce canary row " + (i + 1) + ": "
            + scores[i] + " vs " + canary.get(i).score());
      }
    }
  }

  private static double seconds(long since) {
    return (System.nanoTime() - since) / 1e9;
  }

  public static void main(String[] args) {
    System.exit(CommandRunner.run("bidsift", new EvaluateCommand(), args, System.out, System.err,
        Reasons::firstLine));
  }
}
