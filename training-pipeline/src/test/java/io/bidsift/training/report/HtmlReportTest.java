package io.bidsift.training.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.bidsift.json.JsonNull;
import io.bidsift.json.JsonObject;
import io.bidsift.bundle.DspThreshold;
import io.bidsift.bundle.JsonTrees;
import io.bidsift.bundle.RecallPoint;
import io.bidsift.bundle.TrainingWindow;
import io.bidsift.training.evaluate.Evaluation;
import io.bidsift.training.evaluate.Evaluator;
import io.bidsift.training.evaluate.ScoredCallouts;
import io.bidsift.training.preprocess.DayStats;
import io.bidsift.training.preprocess.LabelCounts;
import io.bidsift.training.preprocess.PreprocessStats;
import io.bidsift.training.preprocess.Split;
import io.bidsift.training.train.Hyperparameters;
import io.bidsift.training.train.RoundEval;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class HtmlReportTest {

  /** Two DSPs, one with a name that needs escaping, and "mute" that never bids. */
  private static final List<String> DSPS = List.of("<dsp&a>", "mute");

  private static ScoredCallouts callouts(long seed, boolean model) {
    Random r = new Random(seed);
    int n = 2000;
    int[] dsp = new int[n];
    boolean[] bid = new boolean[n];
    double[] price = new double[n];
    double[] score = new double[n];
    for (int i = 0; i < n; i++) {
      dsp[i] = i % 2;
      double p = r.nextDouble() * 0.4;
      bid[i] = dsp[i] == 0 && r.nextDouble() < p;
      price[i] = bid[i] ? 1 + r.nextDouble() : Double.NaN;
      score[i] = model ? p : Math.round(p * 5) / 5.0;
    }
    return new ScoredCallouts(DSPS, dsp, bid, price, score, new boolean[n]);
  }

  static TrainingRun run() {
    Map<String, Double> thresholds = new HashMap<>();
    thresholds.put("<dsp&a>", 0.05);
    thresholds.put("mute", null);
    Evaluation model = new Evaluator(10).evaluate(callouts(1, true), thresholds);
    Evaluation baseline = new Evaluator(10).evaluate(callouts(1, false), thresholds);
    Map<String, DspThreshold> dsps = new LinkedHashMap<>();
    dsps.put("<dsp&a>", new DspThreshold("<dsp&a>", 0.05, List.of(new RecallPoint(0.95, 0.05, 0.3, 0.97)), null));
    dsps.put("mute", DspThreshold.alwaysCalled("mute", "too few bids in the validation window (0 < 30)"));
    LabelCounts c = new LabelCounts(1000, 100, 0, 0);
    PreprocessStats stats = new PreprocessStats("/logs", 3, 1003, 3, List.of("f:1: <not json>"), 1000,
        Map.of("bid", 100L, "no_bid", 900L), 1000, List.of(new DayStats("2026-11-20", Split.TRAIN, c)),
        Map.of("train", c), Map.of("<dsp&a>", Map.of("train", c)), Map.of("publisher", 10L), 20, 1, 61,
        List.of());
    return new TrainingRun("20261129T000000Z-abcdef", Instant.parse("2026-11-29T00:00:00Z"), "/logs", 0.95, 0.98,
        new TrainingWindow(LocalDate.parse("2026-11-20"), LocalDate.parse("2026-11-21")), "2026-11-22", "2026-11-23",
        stats, Hyperparameters.defaults(), 2, List.of(new RoundEval(0, 0.3, 0.5), new RoundEval(1, 0.25, 0.55),
        new RoundEval(2, 0.26, 0.54)), Map.of("min_floor", 3.0, "dsp", 1.0), dsps, thresholds, model, baseline, null,
        null, List.of(new SingleClass("mute", "train", 1000, false)), List.of(new StageTime("train", 2.0, 3.5, 1000)));
  }

  @Test
  void reportIsOneSelfContainedPageWithAChartPerDsp() {
    String html = HtmlReport.render(run());

    assertThat(html).startsWith("<!DOCTYPE html>").endsWith("</html>\n");
    assertThat(html.replace("http://www.w3.org/2000/svg", "")).doesNotContain("http://", "https://", "<script",
        "<link", "@import", "src=");
    Matcher svg = Pattern.compile("<svg ").matcher(html);
    int charts = 0;
    while (svg.find()) {
      charts++;
    }
    // Saved vs recall: all DSPs + 2; calibration, log-loss, PR-AUC; feature importance.
    assertThat(charts).isEqualTo(3 + 3 + 1);
    assertThat(html).contains("mute has no threshold and is always called: too few bids")
        .contains("single class: mute in train: no bid in 1000 callouts");
  }

  @Test
  void textFromTheDataIsEscaped() {
    String html = HtmlReport.render(run());

    assertThat(html).contains("&lt;dsp&amp;a&gt;").doesNotContain("<dsp&a>").contains("&lt;not json&gt;");
  }

  @Test
  void metricsJsonHasTheLiftAndWritesUndefinedFiguresAsNull() {
    TrainingRun run = run();
    JsonObject m = JsonTrees.parseObject(JsonTrees.toBytes(MetricsJson.of(run), true));

    JsonObject summary = JsonTrees.requireObject(m, "summary");
    double saved = run.model().overall().point().saved();
    double baseline = run.baseline().overall().point().saved();
    assertThat(JsonTrees.requireNumber(summary, "lift_pp")).isCloseTo(100 * (saved - baseline), within(1e-9));
    JsonObject mute = JsonTrees.requireObject(JsonTrees.requireObject(JsonTrees.requireObject(m, "model"), "dsps"),
        "mute");
    assertThat(mute.get("roc_auc")).isEqualTo(JsonNull.INSTANCE);
    assertThat(mute.get("threshold")).isEqualTo(JsonNull.INSTANCE);
    assertThat(JsonTrees.requireNumber(mute, "callouts_saved")).isZero();
    assertThat(JsonTrees.requireArray(m, "dsps_without_threshold").elements()).hasSize(1);
    assertThat(JsonTrees.requireNumber(JsonTrees.requireObject(m, "data"), "malformed_lines")).isEqualTo(3);
  }

  @Test
  void axisTicksAreRoundNumbersCoveringTheRange() {
    assertThat(LineChart.ticks(0.8, 1.0)).containsExactly(0.8, 0.85, 0.9, 0.95, 1.0);
    assertThat(LineChart.ticks(0, 0.62)).containsExactly(0.0, 0.2, 0.4, 0.6);
    assertThat(LineChart.ticks(1, 208)).containsExactly(50.0, 100.0, 150.0, 200.0);
  }
}
