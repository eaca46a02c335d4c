package io.bidsift.training.train;

import static org.assertj.core.api.Assertions.assertThat;

import io.bidsift.json.JsonObject;
import io.bidsift.training.EvaluateCommand;
import io.bidsift.training.TrainCommand;
import io.bidsift.bundle.BundleFiles;
import io.bidsift.bundle.BundleManifest;
import io.bidsift.bundle.BundleReader;
import io.bidsift.bundle.CanaryFile;
import io.bidsift.bundle.CanaryRow;
import io.bidsift.bundle.JsonTrees;
import io.bidsift.bundle.VerifiedBundle;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code ./bidsift train} on a small synthetic market, Spark local[2], then {@code evaluate} on its bundle. */
class TrainPipelineEndToEndTest {

  private static final int GARBAGE_LINES = 6;

  @TempDir
  static Path tmp;

  static Path logs;
  static Path out;
  static int exit;
  static String stdout;
  static String stderr;

  @BeforeAll
  static void train() throws Exception {
    logs = tmp.resolve("logs");
    out = tmp.resolve("out");
    new SyntheticMarket(11).write(logs, 5, 1500);
    SyntheticMarket.writeGarbage(logs, GARBAGE_LINES);
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    exit = new CommandLine(new TrainCommand(new PrintStream(o, true, StandardCharsets.UTF_8),
        new PrintStream(e, true, StandardCharsets.UTF_8)))
        .setErr(new java.io.PrintWriter(e, true, StandardCharsets.UTF_8))
        .execute("--logs", logs.toString(), "--out", out.toString(), "--master", "local[2]");
    stdout = o.toString(StandardCharsets.UTF_8);
    stderr = e.toString(StandardCharsets.UTF_8);
  }

  private static JsonObject metrics() throws Exception {
    return JsonTrees.parseObject(Files.readAllBytes(out.resolve("metrics.json")));
  }

  private static double number(JsonObject o, String... path) {
    JsonObject cur = o;
    for (int i = 0; i < path.length - 1; i++) {
      cur = JsonTrees.requireObject(cur, path[i]);
    }
    return JsonTrees.requireNumber(cur, path[path.length - 1]);
  }

  @Test
  void trainWritesAVerifiedBundleMetricsAndReport() throws Exception {
    assertThat(exit).as(stderr).isZero();
    assertThat(stdout).contains("callouts saved").contains("bundle ");
    assertThat(stderr).contains("preprocess:").contains("train: ").contains("rows/s");

    VerifiedBundle bundle = new BundleReader().read(out.resolve("bundle"));
    BundleManifest m = bundle.manifest();
    assertThat(m.files()).containsKeys(BundleFiles.MODEL, BundleFiles.ENCODINGS, BundleFiles.CANARY,
        BundleFiles.BASELINE);
    assertThat(m.version()).matches("\\d{8}T\\d{6}Z-[0-9a-f]{6}");
    assertThat(m.trainingWindow().from()).hasToString("2026-11-21");
    assertThat(m.trainingWindow().to()).hasToString("2026-11-22");
    assertThat(m.featureNames()).hasSize(m.featureNames().size()).contains("dsp", "publisher_format_rate");
    assertThat(m.dsps()).containsOnlyKeys(List.of(SyntheticMarket.DSPS));
    assertThat(metrics().string("bundle_version")).isEqualTo(m.version());

    String html = Files.readString(out.resolve("report.html"));
    assertThat(html).contains("<svg").contains("Callouts saved vs bid recall").contains("Calibration")
        .contains("Feature importance").contains("dsp-video");
    assertThat(html.replace("http://www.w3.org/2000/svg", "")).doesNotContain("http://").doesNotContain("https://")
        .doesNotContain("<script");
  }

  @Test
  void modelBeatsChanceByAMarginAtTheTargetRecall() throws Exception {
    JsonObject s = JsonTrees.requireObject(metrics(), "summary");

    // Chance: ROC-AUC 0.5, and a random filter keeping a share r of the bids skips 1 - r of the callouts.
    assertThat(number(s, "roc_auc")).isGreaterThan(0.9);
    assertThat(number(s, "bid_recall")).isGreaterThan(0.9);
    assertThat(number(s, "value_recall")).isGreaterThan(0.9);
    assertThat(number(s, "callouts_saved")).isGreaterThan(0.15)
        .isGreaterThan(5 * (1 - number(s, "bid_recall")));
  }

  @Test
  void dspsWithTooFewBidsOrASingleClassAreAlwaysCalledAndListed() throws Exception {
    BundleManifest m = new BundleReader().read(out.resolve("bundle")).manifest();

    assertThat(m.threshold("dsp-rare")).isNull();
    assertThat(m.dsps().get("dsp-rare").reason()).contains("too few bids");
    assertThat(m.threshold("dsp-mute")).isNull();
    assertThat(m.threshold("dsp-pub")).isNotNull();
    assertThat(m.dsps().get("dsp-pub").recallTable()).isNotEmpty();
    String json = new String(JsonTrees.toBytes(metrics(), false), StandardCharsets.UTF_8);
    assertThat(json).contains("\"dsps_without_threshold\":[{\"dsp\":\"dsp-mute\"")
        .contains("{\"dsp\":\"dsp-mute\",\"split\":\"train\",\"callouts\":");
  }

  @Test
  void malformedLinesAreSkippedAndCounted() throws Exception {
    assertThat(number(metrics(), "data", "malformed_lines")).isEqualTo(GARBAGE_LINES);
    assertThat(Files.readString(out.resolve("report.html"))).contains("malformed lines (skipped)");
  }

  @Test
  void canaryScoresEqualXgboostPredictionsOfTheSavedModelReloaded() throws Exception {
    VerifiedBundle bundle = new BundleReader().read(out.resolve("bundle"));
    List<CanaryRow> canary = CanaryFile.read(bundle.file(BundleFiles.CANARY));
    int width = bundle.manifest().featureNames().size();

    assertThat(canary).hasSizeGreaterThanOrEqualTo(150);
    assertThat(canary).extracting(CanaryRow::dsp).contains(SyntheticMarket.DSPS);
    assertThat(canary).anyMatch(c -> {
      for (float f : c.features()) {
        if (Float.isNaN(f)) {
          return true;
        }
      }
      return false;
    });
    Booster booster = XGBoost.loadModel(Files.readAllBytes(out.resolve("bundle").resolve(BundleFiles.MODEL)));
    try {
      for (CanaryRow c : canary) {
        DMatrix row = new DMatrix(c.features(), 1, width, Float.NaN);
        assertThat((double) booster.predict(row)[0][0]).isCloseTo(c.score(), org.assertj.core.data.Offset.offset(1e-7));
        row.dispose();
      }
    } finally {
      booster.dispose();
    }
  }

  @Test
  void evaluateScoresLogsWithTheBundleAtItsThresholds() throws Exception {
    Path evalOut = tmp.resolve("evaluation.json");
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();

    int code = new CommandLine(new EvaluateCommand(new PrintStream(o, true, StandardCharsets.UTF_8),
        new PrintStream(e, true, StandardCharsets.UTF_8)))
        .execute("--model", out.resolve("bundle").toString(), "--logs", logs.resolve("dt=2026-11-24").toString(),
            "--out", evalOut.toString());

    assertThat(code).as(e.toString(StandardCharsets.UTF_8)).isZero();
    JsonObject json = JsonTrees.parseObject(Files.readAllBytes(evalOut));
    assertThat(JsonTrees.parseObject(o.toByteArray())).isEqualTo(json);
    assertThat(json.string("bundle_version")).isEqualTo(metrics().string("bundle_version"));
    // The test day again, every labelled callout of it, each DSP at the bundle's own threshold.
    assertThat(number(json, "summary", "callouts")).isEqualTo(number(metrics(), "summary", "callouts"));
    BundleManifest m = new BundleReader().read(out.resolve("bundle")).manifest();
    JsonObject dsps = JsonTrees.requireObject(JsonTrees.requireObject(json, "model"), "dsps");
    for (String dsp : List.of("dsp-pub", "dsp-video", "dsp-app")) {
      assertThat(JsonTrees.requireNumber(JsonTrees.requireObject(dsps, dsp), "threshold")).isEqualTo(m.threshold(dsp));
    }
    assertThat(JsonTrees.requireObject(dsps, "dsp-mute").get("threshold")).isEqualTo(io.bidsift.json.JsonNull.INSTANCE);
    assertThat(number(json, "summary", "callouts_saved")).isBetween(0.0, 1.0);
    assertThat(number(json, "summary", "baseline_callouts_saved")).isBetween(0.0, 1.0);
  }

  @Test
  void evaluateRefusesATamperedBundleWithOneLine() throws Exception {
    Path copy = tmp.resolve("tampered");
    Files.createDirectories(copy);
    try (var files = Files.list(out.resolve("bundle"))) {
      for (Path f : files.toList()) {
        Files.copy(f, copy.resolve(f.getFileName()));
      }
    }
    Files.writeString(copy.resolve(BundleFiles.ENCODINGS), "{}");
    ByteArrayOutputStream e = new ByteArrayOutputStream();

    int code = new CommandLine(new EvaluateCommand(new PrintStream(new ByteArrayOutputStream(), true,
        StandardCharsets.UTF_8), new PrintStream(e, true, StandardCharsets.UTF_8)))
        .execute("--model", copy.toString(), "--logs", logs.toString(), "--out", tmp.resolve("x.json").toString());

    assertThat(code).isEqualTo(1);
    assertThat(e.toString(StandardCharsets.UTF_8).trim()).startsWith("bidsift: ").contains("encodings.json")
        .doesNotContain("\n");
  }
}
