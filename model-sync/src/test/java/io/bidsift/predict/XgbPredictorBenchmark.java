package io.bidsift.predict;

import io.bidsift.predict.XgbOracle.Rows;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoostError;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Scoring one row with a 300-tree, depth-6 model: {@link XgbPredictor} against XGBoost4J used the
 * way a naive server would (a one-row DMatrix and {@code Booster.predict} per request), and, for
 * reference, XGBoost4J's {@code inplace_predict}, which skips the DMatrix. Rows cycle through 1,024
 * different vectors with a third of the values missing, so no single path is memorised by the
 * branch predictor. Run: see docs/benchmarks.md.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 3)
@Fork(1)
@State(Scope.Thread)
public class XgbPredictorBenchmark {

  private static final int WIDTH = 61;
  private static final int ROWS = 1024;

  private XgbPredictor predictor;
  private Booster booster;
  private float[][] rows;
  private int next;

  @Setup(Level.Trial)
  public void train() throws XGBoostError {
    Rows train = XgbOracle.synthetic(1, 5000, WIDTH, 0.33);
    booster = XgbOracle.train(train, XgbOracle.labels(train, 2), Map.of("max_depth", 6, "eta", 0.05), 300);
    // One thread, as a request handler would use: OpenMP fan-out only costs on one row.
    booster.setParam("nthread", 1);
    predictor = XgbPredictor.fromJson(booster.toByteArray("json"));
    Rows scoring = XgbOracle.synthetic(2, ROWS, WIDTH, 0.33);
    rows = new float[ROWS][];
    for (int i = 0; i < ROWS; i++) {
      rows[i] = scoring.row(i);
    }
    float[] expected = XgbOracle.predict(booster, scoring);
    for (int i = 0; i < ROWS; i++) {
      if (Math.abs(predictor.predict(rows[i]) - expected[i]) > 1e-6f) {
        throw new IllegalStateException("the predictor disagrees with XGBoost on row " + i);
      }
    }
  }

  @TearDown(Level.Trial)
  public void dispose() {
    booster.dispose();
  }

  private float[] nextRow() {
    next = (next + 1) & (ROWS - 1);
    return rows[next];
  }

  @Benchmark
  public float predictor() {
    return predictor.predict(nextRow());
  }

  @Benchmark
  public float xgboost4jDMatrixPredict() throws XGBoostError {
    DMatrix one = new DMatrix(nextRow(), 1, WIDTH, Float.NaN);
    try {
      return booster.predict(one)[0][0];
    } finally {
      one.dispose();
    }
  }

  @Benchmark
  public float xgboost4jInplacePredict() throws XGBoostError {
    return booster.inplace_predict(nextRow(), 1, WIDTH, Float.NaN)[0][0];
  }
}
