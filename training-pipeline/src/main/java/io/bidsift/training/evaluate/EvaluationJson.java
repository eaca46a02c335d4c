package io.bidsift.training.evaluate;

import io.bidsift.json.JsonArray;
import io.bidsift.json.JsonObject;
import io.bidsift.json.JsonValue;
import io.bidsift.bundle.JsonTrees;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Evaluation figures as JSON, in the vocabulary of metrics.json (documented in docs/training.md). */
public final class EvaluationJson {

  private EvaluationJson() {
  }

  /** {@code {"overall": {...}, "dsps": {"dsp-a": {...}}}}. */
  public static JsonObject toJson(Evaluation e, boolean withCurves) {
    JsonTrees.ObjectBuilder dsps = JsonTrees.object();
    for (Map.Entry<String, GroupMetrics> d : e.byDsp().entrySet()) {
      dsps.put(d.getKey(), toJson(d.getValue(), withCurves));
    }
    return JsonTrees.object()
        .put("overall", toJson(e.overall(), withCurves))
        .put("dsps", dsps.build())
        .build();
  }

  public static JsonObject toJson(GroupMetrics m, boolean withCurves) {
    OperatingPoint p = m.point();
    JsonTrees.ObjectBuilder o = JsonTrees.object()
        .put("callouts", m.callouts())
        .put("bids", m.bids())
        .put("bid_rate", m.bidRate())
        .put("threshold", p.threshold())
        .put("sent", p.sent())
        .put("callouts_saved", p.saved())
        .put("bid_recall", p.bidRecall())
        .put("value_recall", p.valueRecall())
        .put("roc_auc", m.rocAuc())
        .put("pr_auc", m.prAuc())
        .put("log_loss", m.logLoss())
        .put("calibration", calibration(m.calibration()));
    if (withCurves) {
      List<JsonValue> curve = new ArrayList<>();
      for (CurvePoint c : m.curve()) {
        curve.add(new JsonArray(List.of(JsonTrees.number(c.recall()), JsonTrees.number(c.bidRecall()),
            JsonTrees.number(c.saved()), JsonTrees.number(c.valueRecall()))));
      }
      o.put("saved_vs_recall", JsonTrees.array(curve));
    }
    return o.build();
  }

  private static JsonObject calibration(Calibration c) {
    List<JsonValue> bins = new ArrayList<>();
    for (Calibration.Bin b : c.bins()) {
      bins.add(JsonTrees.object()
          .put("rows", b.rows())
          .put("mean_predicted", b.meanPredicted())
          .put("observed", b.observed())
          .build());
    }
    return JsonTrees.object().put("ece", c.ece()).put("bins", JsonTrees.array(bins)).build();
  }
}
