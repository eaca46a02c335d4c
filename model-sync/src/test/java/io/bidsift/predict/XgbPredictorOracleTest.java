package io.bidsift.predict;

import static org.assertj.core.api.Assertions.assertThat;

import io.bidsift.bundle.JsonTrees;
import io.bidsift.json.JsonNumber;
import io.bidsift.json.JsonObject;
import io.bidsift.json.JsonValue;
import io.bidsift.predict.XgbOracle.Rows;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import ml.dmlc.xgboost4j.java.Booster;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Models trained by XGBoost4J 3.4 in the test, scored by both XGBoost and {@link XgbPredictor} on
 * fresh rows with many missing values, an all-missing row, extreme values, and every split
 * threshold of the model (exactly, one float either side, and negated, so -0.0 meets a zero
 * threshold), where {@code <} versus {@code <=} would show.
 */
class XgbPredictorOracleTest {

  private static final int WIDTH = 12;
  private static final int MAX_THRESHOLDS = 1500;

  static Stream<Arguments> models() {
    return Stream.of(
        Arguments.of("stumps", Map.of("max_depth", 1, "eta", 0.3, "base_score", 0.5), 10),
        Arguments.of("depth 3, low base score", Map.of("max_depth", 3, "eta", 0.1, "base_score", 0.1), 60),
        Arguments.of("depth 4, high base score, eta 0.5", Map.of("max_depth", 4, "eta", 0.5, "base_score", 0.85), 40),
        Arguments.of("depth 10, eta 1", Map.of("max_depth", 10, "eta", 1.0, "base_score", 0.03), 20),
        Arguments.of("depth 16, deeper than complete trees go", Map.of("max_depth", 16, "min_child_weight", 0,
            "eta", 0.5), 10),
        Arguments.of("lossguide, 31 leaves", Map.of("grow_policy", "lossguide", "max_depth", 0, "max_leaves", 31,
            "eta", 0.2), 30),
        Arguments.of("exact method, pruned by gamma", Map.of("tree_method", "exact", "max_depth", 6, "gamma", 2.0,
            "eta", 0.3), 30),
        Arguments.of("depth 6 x 300 trees, base score from the data", Map.of("max_depth", 6, "eta", 0.1), 300));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("models")
  void scoresEveryRowAsXgboostDoes(String name, Map<String, Object> params, int rounds) throws Exception {
    Rows train = XgbOracle.synthetic(11, 3000, WIDTH, 0.35);
    Booster booster = XgbOracle.train(train, XgbOracle.labels(train, 12), params, rounds);
    try {
      byte[] json = booster.toByteArray("json");
      Rows rows = scoringRows(json);
      assertScoresAsXgboost(XgbPredictor.fromJson(json), booster, rows, rounds);
      // The same trees in the other layout: complete trees for this model, or linked nodes.
      assertScoresAsXgboost(XgbModelReader.read(json, -1), booster, rows, rounds);
      assertScoresAsXgboost(XgbModelReader.read(json, 32), booster, rows, rounds);
    } finally {
      booster.dispose();
    }
  }

  private static void assertScoresAsXgboost(XgbPredictor predictor, Booster booster, Rows rows, int rounds)
      throws Exception {

    float[] probabilities = XgbOracle.predict(booster, rows);
    float[] margins = XgbOracle.margin(booster, rows);

    assertThat(predictor.featureCount()).isEqualTo(WIDTH);
    assertThat(predictor.treeCount()).isEqualTo(rounds);
    float worst = 0;
    int marginMismatches = 0;
    List<String> examples = new ArrayList<>();
    for (int i = 0; i < rows.count(); i++) {
      float[] row = rows.row(i);
      worst = Math.max(worst, Math.abs(predictor.predict(row) - probabilities[i]));
      float margin = predictor.margin(row);
      if (Float.floatToIntBits(margin) != Float.floatToIntBits(margins[i])) {
        marginMismatches++;
        if (examples.size() < 3) {
          examples.add("row " + i + " " + Arrays.toString(row) + ": " + margin + " vs XGBoost's " + margins[i]);
        }
      }
    }
    assertThat(marginMismatches).as("rows of %d whose margin differs from XGBoost's in any bit, e.g. %s",
        rows.count(), examples).isZero();
    assertThat(worst).as("largest |P(bid) - XGBoost's| over %d rows", rows.count()).isLessThanOrEqualTo(1e-6f);
  }

  /**
   * Fresh synthetic rows (40% missing), one all-missing row, rows of extreme values, and for each
   * split threshold rows holding it exactly, one float below and above, and negated.
   */
  private static Rows scoringRows(byte[] modelJson) {
    Rows fresh = XgbOracle.synthetic(99, 4000, WIDTH, 0.4);
    List<float[]> rows = new ArrayList<>();
    for (int i = 0; i < fresh.count(); i++) {
      rows.add(fresh.row(i));
    }
    for (float extreme : new float[] {Float.NaN, Float.MAX_VALUE, -Float.MAX_VALUE, 1e30f, -1e30f,
        Float.MIN_VALUE, -Float.MIN_VALUE, 0f, -0f}) {
      float[] row = new float[WIDTH];
      Arrays.fill(row, extreme);
      rows.add(row);
    }
    List<float[]> splits = new ArrayList<>();
    thresholds(modelJson).forEach((feature, values) -> values.forEach(t -> splits.add(new float[] {feature, t})));
    // Every threshold of the small models; an even sample of the 300-tree model's ~10,000.
    int every = Math.max(1, splits.size() / MAX_THRESHOLDS);
    for (int k = 0; k < splits.size(); k += every) {
      int feature = (int) splits.get(k)[0];
      float threshold = splits.get(k)[1];
      // -threshold: for a zero threshold, -0.0, which compares equal to it.
      for (float value : new float[] {threshold, Math.nextDown(threshold), Math.nextUp(threshold), -threshold}) {
        float[] row = fresh.row(rows.size() % fresh.count());
        row[feature] = value;
        rows.add(row);
      }
    }
    float[] values = new float[rows.size() * WIDTH];
    for (int i = 0; i < rows.size(); i++) {
      System.arraycopy(rows.get(i), 0, values, i * WIDTH, WIDTH);
    }
    return new Rows(values, rows.size(), WIDTH);
  }

  /** Feature index to the thresholds the model splits it at, read straight from the JSON. */
  private static Map<Integer, Set<Float>> thresholds(byte[] modelJson) {
    JsonObject model = JsonTrees.parseObject(modelJson).object("learner").object("gradient_booster").object("model");
    Map<Integer, Set<Float>> thresholds = new LinkedHashMap<>();
    for (JsonValue t : JsonTrees.requireArray(model, "trees").elements()) {
      JsonObject tree = (JsonObject) t;
      List<JsonValue> features = JsonTrees.requireArray(tree, "split_indices").elements();
      List<JsonValue> conditions = JsonTrees.requireArray(tree, "split_conditions").elements();
      List<JsonValue> lefts = JsonTrees.requireArray(tree, "left_children").elements();
      for (int i = 0; i < features.size(); i++) {
        if (!((JsonNumber) lefts.get(i)).text().equals("-1")) {
          thresholds.computeIfAbsent(Integer.parseInt(((JsonNumber) features.get(i)).text()),
              f -> new LinkedHashSet<>()).add(Float.parseFloat(((JsonNumber) conditions.get(i)).text()));
        }
      }
    }
    return thresholds;
  }
}
