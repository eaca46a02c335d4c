package io.bidsift.predict;

import static org.assertj.core.api.Assertions.assertThat;

import io.bidsift.bundle.CanaryFile;
import io.bidsift.bundle.CanaryRow;
import io.bidsift.testsupport.FixtureBundle;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The parity bar of the training issue: the real bundle's canary rows, scored as XGBoost scored them. */
class XgbPredictorCanaryTest {

  @TempDir
  Path temp;

  @Test
  void fixtureBundleCanaryRowsScoreWithinOneMillionthOfXgboost() throws IOException {
    Path bundle = FixtureBundle.copyTo(temp.resolve("bundle"));
    XgbPredictor predictor = XgbPredictor.fromJson(Files.readAllBytes(bundle.resolve("model.json")));
    List<CanaryRow> rows = CanaryFile.read(Files.readAllBytes(bundle.resolve("canary.jsonl")));

    assertThat(predictor.featureCount()).isEqualTo(61);
    assertThat(predictor.treeCount()).isEqualTo(53);
    assertThat(rows).hasSize(200);
    for (CanaryRow row : rows) {
      assertThat(predictor.predict(row.features()))
          .as("canary row of %s", row.dsp())
          .isCloseTo(row.score(), org.assertj.core.api.Assertions.within(1e-6f));
    }
  }
}
