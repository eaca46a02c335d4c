package io.bidsift.predict;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * XGBoost4J as the reference the predictor is checked against: trains small models on synthetic
 * data with many missing values and scores rows with XGBoost's own predict.
 */
final class XgbOracle {

  private XgbOracle() {
  }

  /** A dense row-major matrix, NaN for missing. */
  record Rows(float[] values, int count, int width) {

    float[] row(int i) {
      float[] r = new float[width];
      System.arraycopy(values, i * width, r, 0, width);
      return r;
    }

    DMatrix matrix() throws XGBoostError {
      return new DMatrix(values, count, width, Float.NaN);
    }
  }

  /**
   * Rows whose label depends on several features, on whether some are missing (so trees learn
   * both default directions) and on noise. Each value is missing with probability {@code missing}.
   */
  static Rows synthetic(long seed, int count, int width, double missing) {
    SplittableRandom random = new SplittableRandom(seed);
    float[] values = new float[count * width];
    for (int i = 0; i < values.length; i++) {
      int feature = i % width;
      if (random.nextDouble() < missing) {
        values[i] = Float.NaN;
      } else if (feature % 3 == 0) {
        values[i] = (float) random.nextInt(-3, 5);
      } else if (feature % 3 == 1) {
        values[i] = (float) random.nextGaussian();
      } else {
        values[i] = (float) Math.exp(random.nextGaussian() * 3);
      }
    }
    return new Rows(values, count, width);
  }

  static float[] labels(Rows rows, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    float[] labels = new float[rows.count()];
    for (int i = 0; i < rows.count(); i++) {
      float[] r = rows.row(i);
      double z = -1.0
          + (Float.isNaN(r[0]) ? 1.5 : r[0] * 0.3)
          + (Float.isNaN(r[1]) ? -1.0 : r[1])
          + (r.length > 2 && !Float.isNaN(r[2]) ? Math.log1p(r[2]) * 0.5 : 0.7)
          + (r.length > 4 && Float.isNaN(r[4]) ? 0.8 : 0.0)
          + random.nextGaussian() * 0.5;
      labels[i] = z > 0 ? 1f : 0f;
    }
    return labels;
  }

  /** Trains with the hist method on one thread (deterministic, and kind to a shared machine). */
  static Booster train(Rows rows, float[] labels, Map<String, Object> params, int rounds) throws XGBoostError {
    DMatrix train = rows.matrix();
    try {
      train.setLabel(labels);
      Map<String, Object> all = new HashMap<>();
      all.put("objective", "binary:logistic");
      all.put("tree_method", "hist");
      all.put("nthread", 1);
      all.put("seed", 42);
      all.put("verbosity", 0);
      all.putAll(params);
      return XGBoost.train(train, all, rounds, Map.of(), null, null);
    } finally {
      train.dispose();
    }
  }

  /** XGBoost's P(label = 1) for every row. */
  static float[] predict(Booster booster, Rows rows) throws XGBoostError {
    return column(booster, rows, false);
  }

  /** XGBoost's raw margin for every row. */
  static float[] margin(Booster booster, Rows rows) throws XGBoostError {
    return column(booster, rows, true);
  }

  private static float[] column(Booster booster, Rows rows, boolean margin) throws XGBoostError {
    DMatrix m = rows.matrix();
    try {
      float[][] out = booster.predict(m, margin, 0);
      float[] column = new float[out.length];
      for (int i = 0; i < out.length; i++) {
        column[i] = out[i][0];
      }
      return column;
    } finally {
      m.dispose();
    }
  }
}
