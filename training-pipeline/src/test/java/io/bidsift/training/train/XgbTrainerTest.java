package io.bidsift.training.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.bidsift.json.JsonObject;
import io.bidsift.bundle.JsonTrees;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class XgbTrainerTest {

  private static final List<String> NAMES = List.of("x0", "x1", "noise");

  /** P(bid) = sigmoid(2 x0 - x1 - 1); x1 missing one time in five. */
  static FeatureRows rows(long seed, int n) {
    Random r = new Random(seed);
    float[] f = new float[n * 3];
    boolean[] bid = new boolean[n];
    double[] price = new double[n];
    for (int i = 0; i < n; i++) {
      float x0 = (float) r.nextGaussian();
      float x1 = r.nextInt(5) == 0 ? Float.NaN : (float) r.nextGaussian();
      f[i * 3] = x0;
      f[i * 3 + 1] = x1;
      f[i * 3 + 2] = (float) r.nextGaussian();
      double z = 2 * x0 - (Float.isNaN(x1) ? 0 : x1) - 1;
      bid[i] = r.nextDouble() < 1 / (1 + Math.exp(-z));
      price[i] = bid[i] ? 1.0 : Double.NaN;
    }
    return new FeatureRows(List.of("dsp-a"), 3, f, new int[n], bid, price, new boolean[n], new double[n]);
  }

  private static Hyperparameters fast(int rounds, int patience) {
    return Hyperparameters.defaults().overriddenBy(JsonTrees.parseObject(String.format(
        "{\"eta\":0.5,\"max_depth\":6,\"min_child_weight\":0,\"num_round\":%d,\"early_stopping_rounds\":%d,"
            + "\"nthread\":1}", rounds, patience).getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void earlyStoppingKeepsExactlyTheTreesOfTheBestValidationRound() {
    try (TrainedModel m = new XgbTrainer().train(rows(1, 2000), rows(2, 1000), NAMES, fast(200, 5),
        Progress.silent())) {
      int best = 0;
      for (RoundEval e : m.curve()) {
        if (e.logLoss() < m.curve().get(best).logLoss()) {
          best = e.round();
        }
      }
      assertThat(m.curve().size()).as("stopped early").isLessThan(200);
      assertThat(m.curve().size()).isEqualTo(best + 1 + 5);
      assertThat(m.rounds()).isEqualTo(best + 1);
      JsonObject model = JsonTrees.parseObject(m.json());
      JsonObject gbtree = JsonTrees.requireObject(JsonTrees.requireObject(JsonTrees.requireObject(
          model, "learner"), "gradient_booster"), "model");
      assertThat(JsonTrees.requireArray(gbtree, "trees").elements()).hasSize(best + 1);
    }
  }

  @Test
  void modelLearnsTheRuleAndNamesItsFeatures() {
    FeatureRows test = rows(3, 2000);
    try (TrainedModel m = new XgbTrainer().train(rows(1, 4000), rows(2, 1000), NAMES, fast(50, 10),
        Progress.silent())) {
      double[] p = m.predict(test);
      double loss = 0;
      for (int i = 0; i < p.length; i++) {
        loss -= test.bid(i) ? Math.log(p[i]) : Math.log(1 - p[i]);
      }
      // A constant prediction scores about 0.65 here.
      assertThat(loss / p.length).isLessThan(0.55);
      assertThat(m.totalGain(NAMES).keySet().iterator().next()).isEqualTo("x0");
      assertThat(m.xgboostVersion()).startsWith("3.");
    }
  }

  @Test
  void sameDataAndSeedGiveTheSameModel() {
    try (TrainedModel a = new XgbTrainer().train(rows(1, 2000), rows(2, 500), NAMES, fast(20, 5), Progress.silent());
         TrainedModel b = new XgbTrainer().train(rows(1, 2000), rows(2, 500), NAMES, fast(20, 5), Progress.silent())) {
      assertThat(new String(a.json(), StandardCharsets.UTF_8)).isEqualTo(new String(b.json(), StandardCharsets.UTF_8));
    }
  }

  @Test
  void trainingWindowWithASingleClassFailsWithAReason() {
    FeatureRows all = rows(1, 500);
    boolean[] none = new boolean[500];
    FeatureRows noBids = new FeatureRows(all.dsps(), 3, new float[1500], new int[500], none, new double[500],
        new boolean[500], new double[500]);

    assertThatThrownBy(() -> new XgbTrainer().train(noBids, rows(2, 100), NAMES, fast(5, 5), Progress.silent()))
        .isInstanceOf(TrainingException.class)
        .hasMessageContaining("single class")
        .hasMessageContaining("no bid");
  }

  @Test
  void evalLineIsParsedByMetricName() {
    RoundEval e = XgbTrainer.parse(7, "[7]\tvalid-logloss:0.25\tvalid-aucpr:0.5");

    assertThat(e.logLoss()).isCloseTo(0.25, within(1e-12));
    assertThat(e.aucPr()).isCloseTo(0.5, within(1e-12));
  }
}
