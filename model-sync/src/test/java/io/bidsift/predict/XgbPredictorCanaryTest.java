package io.bidsift.predict;

import static org.assertj.core.api.Assertions.assertThat;

import io.bidsift.bundle.CanaryFile;
import io.bidsift.bundle.CanaryRow;
import io.bidsift.testsupport.FixtureBundle;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.lang.management.ManagementFactory;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fixture bundle's real model: its canary rows scored as XGBoost scored them (the parity bar of
 * the training issue), without allocating.
 */
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

  @Test
  void scoringAllocatesNothing() throws IOException {
    Path bundle = FixtureBundle.copyTo(temp.resolve("bundle"));
    XgbPredictor predictor = XgbPredictor.fromJson(Files.readAllBytes(bundle.resolve("model.json")));
    float[][] rows = CanaryFile.read(Files.readAllBytes(bundle.resolve("canary.jsonl"))).stream()
        .map(CanaryRow::features).toArray(float[][]::new);
    var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    float sum = 0;
    for (int i = 0; i < 20_000; i++) {
      sum += predictor.predict(rows[i % rows.length]);
    }

    long before = threads.getCurrentThreadAllocatedBytes();
    for (int i = 0; i < 20_000; i++) {
      sum += predictor.predict(rows[i % rows.length]);
    }
    long allocated = threads.getCurrentThreadAllocatedBytes() - before;

    assertThat(sum).isPositive();
    // Any allocation per prediction would be at least 16 bytes x 20,000 = 320 KB. A few bytes once
    // (the JIT swapping a compiled loop in mid-run) are not the predictor's and happen now and then.
    assertThat(allocated).as("bytes allocated by 20,000 predictions").isLessThan(1024);
  }
}
