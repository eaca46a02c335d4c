package io.bidsift.predict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bidsift.predict.XgbOracle.Rows;
import io.bidsift.testsupport.FixtureBundle;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Models XGBoost4J really writes that the predictor would score wrongly, refused at load. */
class XgbPredictorRejectionTest {

  @TempDir
  Path temp;

  @Test
  void categoricalModelIsRejected() throws Exception {
    Rows rows = XgbOracle.synthetic(5, 2000, 4, 0.1);
    float[] values = rows.values().clone();
    for (int i = 0; i < values.length; i += 4) {
      values[i] = Float.isNaN(values[i]) ? Float.NaN : (float) Math.floorMod(i / 4, 6);
    }
    float[] labels = new float[rows.count()];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = values[i * 4] == 2f || values[i * 4] == 5f ? 1f : 0f;
    }
    DMatrix train = new DMatrix(values, rows.count(), 4, Float.NaN);
    train.setLabel(labels);
    train.setFeatureTypes(new String[] {"c", "q", "q", "q"});
    Booster booster = XGBoost.train(train, Map.of("objective", "binary:logistic", "tree_method", "hist",
        "max_depth", 3, "max_cat_to_onehot", 1, "nthread", 1, "verbosity", 0), 5, Map.of(), null, null);
    byte[] json = booster.toByteArray("json");
    booster.dispose();
    train.dispose();
    assertThat(new String(json, StandardCharsets.UTF_8)).as("XGBoost split the first tree on categories")
        .contains("\"split_type\":[1,");

    assertThatThrownBy(() -> XgbPredictor.fromJson(json))
        .isInstanceOf(UnsupportedModelException.class)
        .hasMessageStartingWith("Unsupported XGBoost model: it uses categorical features")
        .hasMessageEndingWith("; only numeric splits are supported");
  }

  @Test
  void multiClassSoftprobModelIsRejected() throws Exception {
    byte[] json = trained(Map.of("objective", "multi:softprob", "num_class", 3), 3);

    assertThatThrownBy(() -> XgbPredictor.fromJson(json))
        .isInstanceOf(UnsupportedModelException.class)
        .hasMessage("Unsupported XGBoost model: it uses objective multi:softprob;"
            + " only binary:logistic and reg:logistic are supported");
  }

  @Test
  void linearBoosterIsRejected() throws Exception {
    byte[] json = trained(Map.of("booster", "gblinear"), 1);

    assertThatThrownBy(() -> XgbPredictor.fromJson(json))
        .isInstanceOf(UnsupportedModelException.class)
        .hasMessage("Unsupported XGBoost model: it uses the gblinear booster; only gbtree is supported");
  }

  @Test
  void dartModelIsRejectedThoughXgboostThreeSavesItAsGbtree() throws Exception {
    byte[] json = trained(Map.of("booster", "dart", "rate_drop", 0.3, "skip_drop", 0.0), 2);

    assertThatThrownBy(() -> XgbPredictor.fromJson(json))
        .isInstanceOf(UnsupportedModelException.class)
        .hasMessage("Unsupported XGBoost model: it uses the dart booster (gradient_booster.model.weight_drop scales"
            + " each tree); only gbtree is supported");
  }

  @Test
  void truncatedModelIsRejectedAsMalformedJson() throws Exception {
    byte[] json = Files.readAllBytes(FixtureBundle.copyTo(temp.resolve("b")).resolve("model.json"));
    byte[] truncated = Arrays.copyOf(json, json.length / 2);

    assertThatThrownBy(() -> XgbPredictor.fromJson(truncated))
        .isInstanceOf(UnsupportedModelException.class)
        .hasMessageStartingWith("Malformed XGBoost model: model is not valid JSON: Unexpected end-of-input")
        .hasMessageNotContaining("\n");
  }

  @Test
  void documentThatIsNotAnObjectIsRejected() {
    assertThatThrownBy(() -> XgbPredictor.fromJson("[1,2]".getBytes()))
        .isInstanceOf(UnsupportedModelException.class)
        .hasMessage("Malformed XGBoost model: model must be a JSON object");
    assertThatThrownBy(() -> XgbPredictor.fromJson(new byte[0]))
        .isInstanceOf(UnsupportedModelException.class)
        .hasMessage("Malformed XGBoost model: model is empty");
  }

  private static byte[] trained(Map<String, Object> params, int labelClasses) throws Exception {
    Rows rows = XgbOracle.synthetic(7, 500, 5, 0.2);
    float[] labels = XgbOracle.labels(rows, 8);
    for (int i = 0; i < labels.length; i++) {
      labels[i] = labelClasses > 2 ? i % labelClasses : labels[i];
    }
    Booster booster = XgbOracle.train(rows, labels, params, 3);
    try {
      return booster.toByteArray("json");
    } finally {
      booster.dispose();
    }
  }
}
