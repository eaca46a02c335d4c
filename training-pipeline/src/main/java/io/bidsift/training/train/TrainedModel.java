package io.bidsift.training.train;

import io.bidsift.json.JsonArray;
import io.bidsift.json.JsonNumber;
import io.bidsift.json.JsonValue;
import io.bidsift.bundle.JsonTrees;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * A trained model as it ships: the XGBoost JSON bytes, and a booster loaded from exactly those
 * bytes, so every score the pipeline reports (evaluation, canary set) is the score of the file
 * in the bundle. Holds native memory: close it.
 */
public final class TrainedModel implements AutoCloseable {

  private final byte[] json;
  private final Booster booster;
  private final int rounds;
  private final List<RoundEval> curve;

  /**
   * @param json   the model in XGBoost's JSON format
   * @param rounds boosting rounds kept (best validation logloss)
   * @param curve  validation figures per round trained, including the rounds after the best
   */
  public TrainedModel(byte[] json, int rounds, List<RoundEval> curve) {
    this.json = json.clone();
    this.rounds = rounds;
    this.curve = List.copyOf(curve);
    try {
      this.booster = XGBoost.loadModel(this.json);
    } catch (XGBoostError | java.io.IOException e) {
      throw new TrainingException("XGBoost cannot load the model it wrote: " + e.getMessage(), e);
    }
  }

  /** The model file content. */
  public byte[] json() {
    return json.clone();
  }

  /** The XGBoost version that wrote the model, from the model's own {@code version} member, e.g. {@code 3.4.0}. */
  public String xgboostVersion() {
    JsonValue v = JsonTrees.parseObject(json).get("version");
    if (!(v instanceof JsonArray parts)) {
      return null;
    }
    List<String> out = new ArrayList<>();
    for (JsonValue p : parts.elements()) {
      out.add(p instanceof JsonNumber n ? n.text() : "?");
    }
    return String.join(".", out);
  }

  public int rounds() {
    return rounds;
  }

  public List<RoundEval> curve() {
    return curve;
  }

  /** P(bid) for every row. */
  public double[] predict(FeatureRows rows) {
    float[] p = predict(rows.matrix(), rows.rows(), rows.width());
    double[] out = new double[p.length];
    for (int i = 0; i < p.length; i++) {
      out[i] = p[i];
    }
    return out;
  }

  /** XGBoost's own prediction for {@code rows × width} row-major features, NaN missing. */
  public float[] predict(float[] features, int rows, int width) {
    if (rows == 0) {
      return new float[0];
    }
    try {
      float[][] p = booster.inplace_predict(features, rows, width, Float.NaN);
      float[] out = new float[rows];
      for (int i = 0; i < rows; i++) {
        out[i] = p[i][0];
      }
      return out;
    } catch (XGBoostError e) {
      throw new TrainingException("XGBoost predict failed: " + e.getMessage(), e);
    }
  }

  /**
   * Total gain of each feature over all splits (features never split on are absent), by
   * descending gain.
   */
  public Map<String, Double> totalGain(List<String> featureNames) {
    try {
      Map<String, Double> raw = booster.getScore(featureNames.toArray(String[]::new), "total_gain");
      Map<String, Double> sorted = new LinkedHashMap<>();
      raw.entrySet().stream()
          .sorted(Map.Entry.<String, Double>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
          .forEach(e -> sorted.put(e.getKey(), e.getValue()));
      return sorted;
    } catch (XGBoostError e) {
      throw new TrainingException("XGBoost feature importance failed: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    booster.dispose();
  }
}
