package io.bidsift.training.report;

import io.bidsift.json.JsonArray;
import io.bidsift.json.JsonObject;
import io.bidsift.json.JsonValue;
import io.bidsift.bundle.DspThreshold;
import io.bidsift.bundle.JsonTrees;
import io.bidsift.training.evaluate.EvaluationJson;
import io.bidsift.training.evaluate.GroupMetrics;
import io.bidsift.training.train.RoundEval;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code metrics.json} and the manifest's metrics summary, from a {@link TrainingRun}. */
public final class MetricsJson {

  /** What the baseline is, stated in every output that shows its figures. */
  public static final String BASELINE_DESCRIPTION = "per-DSP lookup of the smoothed historical bid rate of the "
      + "request's (publisher, format, environment), (bids + 20 * dsp_rate) / (callouts + 20) over the days before; "
      + "thresholds chosen on validation like the model's";

  private MetricsJson() {
  }

  /** The headline figures, also the manifest's {@code metrics}. */
  public static JsonObject summary(TrainingRun run) {
    GroupMetrics m = run.model().overall();
    GroupMetrics b = run.baseline().overall();
    JsonTrees.ObjectBuilder dsps = JsonTrees.object();
    for (Map.Entry<String, GroupMetrics> d : run.model().byDsp().entrySet()) {
      GroupMetrics md = d.getValue();
      GroupMetrics bd = run.baseline().byDsp().get(d.getKey());
      dsps.put(d.getKey(), JsonTrees.object()
          .put("callouts_saved", md.point().saved())
          .put("bid_recall", md.point().bidRecall())
          .put("value_recall", md.point().valueRecall())
          .put("roc_auc", md.rocAuc())
          .put("baseline_callouts_saved", bd == null ? null : bd.point().saved())
          .build());
    }
    return JsonTrees.object()
        .put("evaluated_on", "test split " + run.testDays())
        .put("target_recall", run.targetRecall())
        .put("target_value_recall", run.targetValueRecall())
        .put("callouts", m.callouts())
        .put("callouts_saved", m.point().saved())
        .put("bid_recall", m.point().bidRecall())
        .put("value_recall", m.point().valueRecall())
        .put("roc_auc", m.rocAuc())
        .put("pr_auc", m.prAuc())
        .put("log_loss", m.logLoss())
        .put("calibration_ece", m.calibration().ece())
        .put("baseline_callouts_saved", b.point().saved())
        .put("baseline_bid_recall", b.point().bidRecall())
        .put("baseline_value_recall", b.point().valueRecall())
        .put("lift_pp", run.liftPercentagePoints())
        .put("dsps", dsps.build())
        .build();
  }

  public static JsonObject of(TrainingRun run) {
    JsonTrees.ObjectBuilder o = JsonTrees.object()
        .put("bundle_version", run.bundleVersion())
        .put("created", run.created().toString())
        .put("logs", run.logs())
        .put("target_recall", run.targetRecall())
        .put("target_value_recall", run.targetValueRecall())
        .put("training_window", JsonTrees.object()
            .put("from", run.trainingWindow().from().toString())
            .put("to", run.trainingWindow().to().toString())
            .build())
        .put("validation_days", run.validationDays())
        .put("test_days", run.testDays())
        .put("summary", summary(run))
        .put("model", EvaluationJson.toJson(run.model(), true))
        .put("baseline", with(EvaluationJson.toJson(run.baseline(), true), "description", BASELINE_DESCRIPTION));
    if (run.exploreModel() != null) {
      o.put("explore_only", JsonTrees.object()
          .put("model", EvaluationJson.toJson(run.exploreModel(), false))
          .put("baseline", EvaluationJson.toJson(run.exploreBaseline(), false))
          .build());
    }
    o.put("thresholds", thresholds(run.thresholds()))
        .put("baseline_thresholds", thresholdsJson(run.baselineThresholds()))
        .put("dsps_without_threshold", withoutThreshold(run.thresholds()))
        .put("single_class", singleClass(run.singleClass()))
        .put("training", training(run))
        .put("feature_importance", gain(run.featureGain()))
        .put("data", preprocessStats(run))
        .put("timings", timings(run.timings()));
    return o.build();
  }

  private static JsonObject with(JsonObject o, String name, String value) {
    return o.with(name, JsonTrees.string(value));
  }

  private static JsonObject thresholds(Map<String, DspThreshold> thresholds) {
    JsonTrees.ObjectBuilder o = JsonTrees.object();
    thresholds.forEach((dsp, t) -> o.put(dsp, t.threshold()));
    return o.build();
  }

  /** Per DSP, its threshold or null (always called). */
  public static JsonObject thresholdsJson(Map<String, Double> thresholds) {
    JsonTrees.ObjectBuilder o = JsonTrees.object();
    thresholds.forEach(o::put);
    return o.build();
  }

  private static JsonArray withoutThreshold(Map<String, DspThreshold> thresholds) {
    List<JsonValue> out = new ArrayList<>();
    for (DspThreshold t : thresholds.values()) {
      if (t.threshold() == null) {
        out.add(JsonTrees.object().put("dsp", t.dsp()).put("reason", t.reason()).build());
      }
    }
    return JsonTrees.array(out);
  }

  private static JsonArray singleClass(List<SingleClass> list) {
    List<JsonValue> out = new ArrayList<>();
    for (SingleClass s : list) {
      out.add(JsonTrees.object().put("dsp", s.dsp()).put("split", s.split()).put("callouts", s.rows())
          .put("only", s.allBids() ? "bid" : "no_bid").build());
    }
    return JsonTrees.array(out);
  }

  private static JsonObject training(TrainingRun run) {
    List<JsonValue> curve = new ArrayList<>();
    double best = Double.NaN;
    for (RoundEval r : run.curve()) {
      curve.add(new JsonArray(List.of(io.bidsift.json.JsonNumber.of(r.round() + 1), JsonTrees.number(r.logLoss()),
          JsonTrees.number(r.aucPr()))));
      if (r.round() == run.rounds() - 1) {
        best = r.logLoss();
      }
    }
    return JsonTrees.object()
        .put("objective", "binary:logistic")
        .put("tree_method", "hist")
        .put("hyperparameters", run.hyperparameters().toJson())
        .put("rounds", run.rounds())
        .put("rounds_trained", run.curve().size())
        .put("best_valid_logloss", best)
        .put("valid_curve_columns", JsonTrees.strings(List.of("round", "logloss", "aucpr")))
        .put("valid_curve", JsonTrees.array(curve))
        .build();
  }

  private static JsonObject gain(Map<String, Double> gain) {
    double total = 0;
    for (double g : gain.values()) {
      total += g;
    }
    JsonTrees.ObjectBuilder o = JsonTrees.object();
    for (Map.Entry<String, Double> e : gain.entrySet()) {
      o.put(e.getKey(), total > 0 ? e.getValue() / total : 0.0);
    }
    return JsonTrees.object().put("kind", "share of total gain").put("features", o.build()).build();
  }

  private static JsonValue preprocessStats(TrainingRun run) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      run.data().writeJson(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return JsonTrees.parse(out.toByteArray());
  }

  private static JsonArray timings(List<StageTime> timings) {
    List<JsonValue> out = new ArrayList<>();
    for (StageTime t : timings) {
      out.add(JsonTrees.object()
          .put("stage", t.stage())
          .put("seconds", Math.round(t.seconds() * 100) / 100.0)
          .put("cpu_seconds", Math.round(t.cpuSeconds() * 100) / 100.0)
          .put("rows", t.rows())
          .put("rows_per_second", Double.isNaN(t.rowsPerSecond()) ? null : (double) Math.round(t.rowsPerSecond()))
          .build());
    }
    return JsonTrees.array(out);
  }
}
