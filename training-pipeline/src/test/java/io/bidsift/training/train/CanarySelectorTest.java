package io.bidsift.training.train;

import static org.assertj.core.api.Assertions.assertThat;

import io.bidsift.bundle.CanaryRow;
import io.bidsift.bundle.JsonTrees;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import org.junit.jupiter.api.Test;

class CanarySelectorTest {

  private static FeatureRows threeDsps() {
    FeatureRows base = XgbTrainerTest.rows(5, 3000);
    int[] dsp = new int[base.rows()];
    float[] f = new float[base.rows() * 3];
    boolean[] bid = new boolean[base.rows()];
    for (int i = 0; i < base.rows(); i++) {
      dsp[i] = i % 3;
      System.arraycopy(base.row(i), 0, f, i * 3, 3);
      bid[i] = base.bid(i);
    }
    return new FeatureRows(List.of("a", "b", "c"), 3, f, dsp, bid, new double[base.rows()], new boolean[base.rows()],
        new double[base.rows()]);
  }

  @Test
  void canaryRowsSpreadOverDspsIncludeMissingValuesAndCarryXgboostScores() throws Exception {
    FeatureRows rows = threeDsps();
    Hyperparameters hp = Hyperparameters.defaults().overriddenBy(JsonTrees.parseObject(
        "{\"num_round\":10,\"nthread\":1}".getBytes(StandardCharsets.UTF_8)));
    try (TrainedModel model = new XgbTrainer().train(rows, XgbTrainerTest.rows(6, 500), List.of("x0", "x1", "n"), hp,
        Progress.silent())) {
      List<CanaryRow> canary = new CanarySelector(60, 1).select(rows, model);

      assertThat(canary).hasSize(60);
      Map<String, Long> perDsp = canary.stream().collect(Collectors.groupingBy(CanaryRow::dsp, Collectors.counting()));
      assertThat(perDsp).containsOnlyKeys("a", "b", "c").allSatisfy((d, n) -> assertThat(n).isEqualTo(20));
      assertThat(canary).filteredOn(c -> Float.isNaN(c.features()[1])).hasSizeGreaterThanOrEqualTo(15);
      // The oracle: XGBoost's DMatrix predict on the model file, a path independent of the selector's.
      Booster reloaded = XGBoost.loadModel(model.json());
      for (CanaryRow c : canary) {
        DMatrix m = new DMatrix(c.features(), 1, 3, Float.NaN);
        assertThat(c.score()).isEqualTo(reloaded.predict(m)[0][0]);
        m.dispose();
      }
      reloaded.dispose();
    }
  }
}
