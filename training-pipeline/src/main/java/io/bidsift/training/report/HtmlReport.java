package io.bidsift.training.report;

import static io.bidsift.training.report.Html.count;
import static io.bidsift.training.report.Html.esc;
import static io.bidsift.training.report.Html.num;
import static io.bidsift.training.report.Html.pct;

import io.bidsift.bundle.DspThreshold;
import io.bidsift.bundle.RecallPoint;
import io.bidsift.training.evaluate.Calibration;
import io.bidsift.training.evaluate.CurvePoint;
import io.bidsift.training.evaluate.Evaluation;
import io.bidsift.training.evaluate.GroupMetrics;
import io.bidsift.training.preprocess.DayStats;
import io.bidsift.training.preprocess.LabelCounts;
import io.bidsift.training.preprocess.PreprocessStats;
import io.bidsift.training.train.RoundEval;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * {@code report.html}: one self-contained page (inline CSS and SVG, no script, nothing fetched)
 * that a data scientist reads at a glance: headline figures against the baseline, callouts
 * saved vs bid recall per DSP, calibration, training curve, feature importance, thresholds and
 * the data that went in.
 */
public final class HtmlReport {

  private static final String MODEL_COLOR = "#1f6fb4";
  private static final String BASELINE_COLOR = "#d9731a";
  private static final double CURVE_FROM = 0.80;
  private static final int TOP_FEATURES = 25;

  private static final String CSS = """
      body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;margin:24px auto;
      max-width:1280px;padding:0 16px;color:#1d2733;background:#fff}
      h1{font-size:24px;margin:0 0 4px}h2{font-size:18px;margin:32px 0 8px;border-bottom:1px solid #dde3ea;padding-bottom:4px}
      .meta{color:#5b6775;font-size:13px}.cards{display:flex;flex-wrap:wrap;gap:12px;margin:16px 0}
      .card{border:1px solid #dde3ea;border-radius:8px;padding:10px 14px;min-width:150px}
      .card .v{font-size:26px;font-weight:600}.card .l{font-size:12px;color:#5b6775}
      .good{color:#1a7f37}.bad{color:#b42318}
      table{border-collapse:collapse;font-size:13px;margin:8px 0;display:block;overflow-x:auto;max-width:100%}th,td{padding:4px 8px;border-bottom:1px solid #eef1f4;
      text-align:right;white-space:nowrap}th{background:#f5f7f9;font-weight:600}td:first-child,th:first-child{text-align:left}
      .grid{display:flex;flex-wrap:wrap;gap:8px}.note{font-size:13px;color:#3d4956;max-width:960px}
      svg{background:#fff}.ct{font-size:13px;font-weight:600;fill:#1d2733}.tk{font-size:10.5px;fill:#5b6775}
      .al{font-size:11px;fill:#3d4956}.lg{font-size:11px;fill:#1d2733}
      .grid line.grid,line.grid{stroke:#eef1f4}line.axis{stroke:#8a96a3}line.diag{stroke:#9aa5b1;stroke-dasharray:3 3}
      line.vmark{stroke:#9aa5b1;stroke-dasharray:2 3}rect.bar{fill:#1f6fb4}
      code{background:#f5f7f9;padding:1px 4px;border-radius:3px;overflow-wrap:anywhere}
      """;

  private int charts;

  private HtmlReport() {
  }

  public static String render(TrainingRun run) {
    return new HtmlReport().page(run);
  }

  private String page(TrainingRun run) {
    StringBuilder h = new StringBuilder(256 * 1024);
    h.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>BidSift model ")
        .append(esc(run.bundleVersion())).append("</title><style>").append(CSS).append("</style></head><body>");
    header(h, run);
    headline(h, run);
    savedVsRecall(h, run);
    dspTable(h, run);
    calibrationAndTraining(h, run);
    importance(h, run);
    recallTables(h, run);
    if (run.exploreModel() != null) {
      explore(h, run);
    }
    data(h, run);
    notes(h, run);
    timings(h, run);
    h.append("</body></html>\n");
    return h.toString();
  }

  private static void header(StringBuilder h, TrainingRun run) {
    h.append("<h1>BidSift model <code>").append(esc(run.bundleVersion())).append("</code></h1>");
    h.append("<div class=\"meta\">created ").append(esc(run.created().truncatedTo(ChronoUnit.SECONDS).toString()))
        .append(" · logs <code>").append(esc(run.logs())).append("</code> · trained on ")
        .append(esc(run.trainingWindow().from().toString())).append(" to ")
        .append(esc(run.trainingWindow().to().toString())).append(" · validation ")
        .append(esc(run.validationDays())).append(" · test ").append(esc(run.testDays()))
        .append(" · target bid recall ").append(pct(run.targetRecall()))
        .append(run.targetValueRecall() > 0 ? ", value recall " + pct(run.targetValueRecall()) : "").append("</div>");
  }

  private static void headline(StringBuilder h, TrainingRun run) {
    GroupMetrics m = run.model().overall();
    GroupMetrics b = run.baseline().overall();
    double lift = run.liftPercentagePoints();
    h.append("<div class=\"cards\">");
    card(h, pct(m.point().saved()), "callouts saved (test)", null);
    card(h, pct(m.point().bidRecall()), "bid recall", null);
    card(h, pct(m.point().valueRecall()), "value recall (bid prices kept)", null);
    card(h, pct(b.point().saved()), "baseline saved, at bid recall " + pct(b.point().bidRecall()), null);
    card(h, Html.pp(lift), "lift over baseline", lift > 0 ? "good" : "bad");
    card(h, num(m.rocAuc(), 4), "ROC-AUC (baseline " + num(b.rocAuc(), 3) + ")", null);
    card(h, num(m.prAuc(), 4), "PR-AUC (baseline " + num(b.prAuc(), 3) + ")", null);
    card(h, num(m.logLoss(), 4), "log-loss (baseline " + num(b.logLoss(), 3) + ")", null);
    card(h, num(m.calibration().ece(), 4), "calibration error (ECE)", null);
    h.append("</div>");
    h.append("<p class=\"note\">On the held-out test split (").append(esc(run.testDays())).append(", ")
        .append(count(m.callouts())).append(" labelled callouts, bid rate ").append(pct(m.bidRate()))
        .append("). Each DSP's threshold was chosen on the validation split as the largest score keeping at least ")
        .append(pct(run.targetRecall())).append(" of its bids")
        .append(run.targetValueRecall() > 0 ? " and " + pct(run.targetValueRecall()) + " of their value (bid prices)" : "")
        .append(" there, then applied unchanged to test; a DSP without a threshold is always called. The baseline is ")
        .append(esc(MetricsJson.BASELINE_DESCRIPTION)).append(".</p>");
  }

  private static void card(StringBuilder h, String value, String label, String cls) {
    h.append("<div class=\"card\"><div class=\"v").append(cls == null ? "" : " " + cls).append("\">").append(esc(value))
        .append("</div><div class=\"l\">").append(esc(label)).append("</div></div>");
  }

  private void savedVsRecall(StringBuilder h, TrainingRun run) {
    h.append("<h2>Callouts saved vs bid recall</h2><p class=\"note\">Lines: the share of callouts skipped when each "
        + "DSP keeps the given share of its test bids (thresholds fitted on test itself: what any threshold could "
        + "do). Dots: the operating point of the thresholds chosen on validation (filled: model, hollow: baseline). "
        + "Higher is better.</p>");
    h.append("<div class=\"grid\">");
    h.append(recallChart("All DSPs", run.model().overall(), run.baseline().overall(), 560, 340, true));
    for (Map.Entry<String, GroupMetrics> d : run.model().byDsp().entrySet()) {
      GroupMetrics b = run.baseline().byDsp().get(d.getKey());
      h.append(recallChart(d.getKey(), d.getValue(), b, 300, 220, false));
    }
    h.append("</div>");
  }

  private String recallChart(String title, GroupMetrics model, GroupMetrics baseline, int w, int ht, boolean legend) {
    LineChart c = new LineChart("c" + (charts++), w, ht, title, "bid recall", "callouts saved", CURVE_FROM, 1.0, 0, 1)
        .percentAxes(true, true).emptyNote("no bids in the test split");
    c.series("model", MODEL_COLOR, false, curve(model.curve()));
    if (baseline != null) {
      c.series("baseline", BASELINE_COLOR, true, curve(baseline.curve()));
    }
    if (legend) {
      c.legend();
    }
    c.marker(MODEL_COLOR, false, model.point().bidRecall(), model.point().saved(),
        "model: saved " + pct(model.point().saved()) + " at recall " + pct(model.point().bidRecall()));
    if (baseline != null) {
      c.marker(BASELINE_COLOR, true, baseline.point().bidRecall(), baseline.point().saved(),
          "baseline: saved " + pct(baseline.point().saved()) + " at recall " + pct(baseline.point().bidRecall()));
    }
    return c.render();
  }

  private static List<double[]> curve(List<CurvePoint> points) {
    List<double[]> out = new ArrayList<>();
    for (CurvePoint p : points) {
      if (p.recall() >= CURVE_FROM - 1e-9) {
        out.add(new double[] {p.bidRecall(), p.saved()});
      }
    }
    return out;
  }

  private static void dspTable(StringBuilder h, TrainingRun run) {
    h.append("<h2>Per DSP (test split)</h2><table><tr><th>DSP</th><th>callouts</th><th>bid rate</th>"
        + "<th>threshold</th><th>saved</th><th>baseline saved</th><th>lift</th><th>bid recall</th>"
        + "<th>baseline recall</th><th>value recall</th><th>ROC-AUC</th><th>PR-AUC</th><th>log-loss</th></tr>");
    for (Map.Entry<String, GroupMetrics> d : run.model().byDsp().entrySet()) {
      row(h, d.getKey(), d.getValue(), run.baseline().byDsp().get(d.getKey()), true);
    }
    row(h, "all DSPs", run.model().overall(), run.baseline().overall(), false);
    h.append("</table>");
  }

  private static void row(StringBuilder h, String name, GroupMetrics m, GroupMetrics b, boolean showThreshold) {
    double lift = b == null ? Double.NaN : 100 * (m.point().saved() - b.point().saved());
    h.append("<tr><td>").append(esc(name)).append("</td><td>").append(count(m.callouts())).append("</td><td>")
        .append(pct(m.bidRate())).append("</td><td>")
        .append(showThreshold ? esc(Html.threshold(m.point().threshold())) : "per DSP").append("</td><td>")
        .append(pct(m.point().saved())).append("</td><td>").append(b == null ? "–" : pct(b.point().saved()))
        .append("</td><td>").append(Html.pp(lift)).append("</td><td>").append(pct(m.point().bidRecall()))
        .append("</td><td>").append(b == null ? "–" : pct(b.point().bidRecall())).append("</td><td>")
        .append(pct(m.point().valueRecall())).append("</td><td>").append(num(m.rocAuc(), 4)).append("</td><td>")
        .append(num(m.prAuc(), 4)).append("</td><td>").append(num(m.logLoss(), 4)).append("</td></tr>");
  }

  private void calibrationAndTraining(StringBuilder h, TrainingRun run) {
    h.append("<h2>Calibration and training</h2><div class=\"grid\">");
    Calibration model = run.model().overall().calibration();
    Calibration baseline = run.baseline().overall().calibration();
    double max = 0;
    for (Calibration c : List.of(model, baseline)) {
      for (Calibration.Bin b : c.bins()) {
        max = Math.max(max, Math.max(b.meanPredicted(), b.observed()));
      }
    }
    max = Math.min(1.0, max * 1.05);
    LineChart cal = new LineChart("c" + (charts++), 400, 320, "Calibration (test, equal-count bins)",
        "mean predicted P(bid)", "observed bid rate", 0, max, 0, max).percentAxes(true, true).diagonal().legendLeft();
    cal.series("model (ECE " + num(model.ece(), 4) + ")", MODEL_COLOR, false, bins(model));
    cal.series("baseline (ECE " + num(baseline.ece(), 4) + ")", BASELINE_COLOR, true, bins(baseline));
    for (Calibration.Bin b : model.bins()) {
      cal.marker(MODEL_COLOR, false, b.meanPredicted(), b.observed(),
          count(b.rows()) + " callouts: predicted " + pct(b.meanPredicted()) + ", observed " + pct(b.observed()));
    }
    h.append(cal.render());

    List<double[]> logLoss = new ArrayList<>();
    List<double[]> aucPr = new ArrayList<>();
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (RoundEval r : run.curve()) {
      logLoss.add(new double[] {r.round() + 1, r.logLoss()});
      aucPr.add(new double[] {r.round() + 1, r.aucPr()});
      lo = Math.min(lo, r.logLoss());
      hi = Math.max(hi, r.logLoss());
    }
    double pad = (hi - lo) * 0.05 + 1e-6;
    LineChart train = new LineChart("c" + (charts++), 400, 320,
        "Validation log-loss per round (kept: " + run.rounds() + ")", "boosting round", "log-loss", 1,
        Math.max(2, run.curve().size()), lo - pad, hi + pad);
    train.series("valid logloss", MODEL_COLOR, false, logLoss).vertical(run.rounds());
    h.append(train.render());
    double aLo = Double.POSITIVE_INFINITY;
    double aHi = Double.NEGATIVE_INFINITY;
    for (double[] p : aucPr) {
      if (Double.isFinite(p[1])) {
        aLo = Math.min(aLo, p[1]);
        aHi = Math.max(aHi, p[1]);
      }
    }
    if (Double.isFinite(aLo)) {
      double aPad = (aHi - aLo) * 0.05 + 1e-6;
      LineChart auc = new LineChart("c" + (charts++), 400, 320, "Validation PR-AUC per round", "boosting round",
          "PR-AUC", 1, Math.max(2, run.curve().size()), aLo - aPad, aHi + aPad);
      auc.series("valid aucpr", MODEL_COLOR, false, aucPr).vertical(run.rounds());
      h.append(auc.render());
    }
    h.append("</div>");
  }

  private static List<double[]> bins(Calibration c) {
    List<double[]> out = new ArrayList<>();
    for (Calibration.Bin b : c.bins()) {
      out.add(new double[] {b.meanPredicted(), b.observed()});
    }
    return out;
  }

  private static void importance(StringBuilder h, TrainingRun run) {
    double total = 0;
    for (double g : run.featureGain().values()) {
      total += g;
    }
    Map<String, Double> top = new LinkedHashMap<>();
    for (Map.Entry<String, Double> e : run.featureGain().entrySet()) {
      if (top.size() == TOP_FEATURES) {
        break;
      }
      top.put(e.getKey(), total > 0 ? e.getValue() / total : 0);
    }
    h.append("<h2>Feature importance</h2><p class=\"note\">Share of the total gain (loss reduction) of all splits on "
        + "the feature, top ").append(top.size()).append(" of ").append(run.featureGain().size())
        .append(" features used.</p>");
    h.append(BarChart.render("Total gain share", top, 760));
  }

  private static void recallTables(StringBuilder h, TrainingRun run) {
    TreeSet<Double> levels = new TreeSet<>();
    for (DspThreshold t : run.thresholds().values()) {
      for (RecallPoint p : t.recallTable()) {
        levels.add(p.recall());
      }
    }
    h.append("<h2>Recall → threshold tables (validation)</h2><p class=\"note\">What the bundle keeps per DSP so "
        + "operators can move the target without retraining: each cell is the share of callouts the threshold "
        + "for that bid recall skipped on validation (hover for the threshold). The target column is in bold.</p>");
    h.append("<table><tr><th>DSP</th>");
    for (double l : levels) {
      h.append("<th>").append(l == run.targetRecall() ? "<b>" + pct(l) + "</b>" : pct(l)).append("</th>");
    }
    h.append("</tr>");
    for (DspThreshold t : run.thresholds().values()) {
      h.append("<tr><td>").append(esc(t.dsp())).append("</td>");
      if (t.threshold() == null) {
        h.append("<td colspan=\"").append(levels.size()).append("\" style=\"text-align:left\">always called: ")
            .append(esc(t.reason())).append("</td></tr>");
        continue;
      }
      for (double l : levels) {
        RecallPoint p = null;
        for (RecallPoint q : t.recallTable()) {
          if (q.recall() == l) {
            p = q;
          }
        }
        h.append("<td");
        if (p != null) {
          h.append(" title=\"threshold ").append(esc(Html.threshold(p.threshold()))).append(", value recall ")
              .append(pct(p.valueRecall())).append("\"");
        }
        h.append(">").append(p == null ? "–" : (l == run.targetRecall() ? "<b>" + pct(p.saved()) + "</b>"
            : pct(p.saved()))).append("</td>");
      }
      h.append("</tr>");
    }
    h.append("</table>");
  }

  private static void explore(StringBuilder h, TrainingRun run) {
    h.append("<h2>Exploration slice only (test)</h2><p class=\"note\">Callouts sent only because the auction was "
        + "in the exploration slice: the one sample a filtering model in production did not select, so the "
        + "unbiased check of its figures.</p>");
    Evaluation m = run.exploreModel();
    Evaluation b = run.exploreBaseline();
    h.append("<table><tr><th>DSP</th><th>callouts</th><th>bid rate</th><th>threshold</th><th>saved</th>"
        + "<th>baseline saved</th><th>lift</th><th>bid recall</th><th>baseline recall</th><th>value recall</th>"
        + "<th>ROC-AUC</th><th>PR-AUC</th><th>log-loss</th></tr>");
    for (Map.Entry<String, GroupMetrics> d : m.byDsp().entrySet()) {
      row(h, d.getKey(), d.getValue(), b.byDsp().get(d.getKey()), true);
    }
    row(h, "all DSPs", m.overall(), b.overall(), false);
    h.append("</table>");
  }

  private static void data(StringBuilder h, TrainingRun run) {
    PreprocessStats s = run.data();
    h.append("<h2>Data</h2><table><tr><th>input</th><td>").append(esc(s.input())).append("</td></tr>")
        .append("<tr><th>log files</th><td>").append(count(s.files())).append("</td></tr>")
        .append("<tr><th>lines</th><td>").append(count(s.lines())).append("</td></tr>")
        .append("<tr><th>malformed lines (skipped)</th><td>").append(count(s.malformedLines())).append("</td></tr>")
        .append("<tr><th>auctions</th><td>").append(count(s.auctions())).append("</td></tr>")
        .append("<tr><th>labelled callouts (sent, bid or no_bid)</th><td>").append(count(s.labelledRows()))
        .append("</td></tr><tr><th>callouts by outcome</th><td>");
    List<String> outcomes = new ArrayList<>();
    s.calloutsByOutcome().forEach((o, n) -> outcomes.add(o + " " + count(n)));
    h.append(esc(String.join(", ", outcomes))).append("</td></tr></table>");
    if (!s.sampleErrors().isEmpty()) {
      h.append("<p class=\"note\">Sample malformed lines:</p><ul class=\"note\">");
      for (String e : s.sampleErrors()) {
        h.append("<li><code>").append(esc(e)).append("</code></li>");
      }
      h.append("</ul>");
    }
    h.append("<table><tr><th>day</th><th>split</th><th>callouts</th><th>bids</th><th>bid rate</th>"
        + "<th>explore callouts</th></tr>");
    for (DayStats d : s.days()) {
      LabelCounts c = d.counts();
      h.append("<tr><td>").append(esc(d.day())).append("</td><td>").append(esc(d.split().wireName()))
          .append("</td><td>").append(count(c.rows())).append("</td><td>").append(count(c.bids())).append("</td><td>")
          .append(pct(c.bidRate())).append("</td><td>").append(count(c.exploreRows())).append("</td></tr>");
    }
    h.append("</table>");
    List<String> splits = List.of("train", "valid", "test");
    h.append("<table><tr><th>DSP</th>");
    for (String sp : splits) {
      h.append("<th>").append(sp).append(" callouts</th><th>").append(sp).append(" bid rate</th>");
    }
    h.append("<th>explore callouts</th></tr>");
    for (Map.Entry<String, Map<String, LabelCounts>> d : s.dsps().entrySet()) {
      h.append("<tr><td>").append(esc(d.getKey())).append("</td>");
      long explore = 0;
      for (String sp : splits) {
        LabelCounts c = d.getValue().getOrDefault(sp, LabelCounts.ZERO);
        explore += c.exploreRows();
        h.append("<td>").append(count(c.rows())).append("</td><td>").append(pct(c.bidRate())).append("</td>");
      }
      h.append("<td>").append(count(explore)).append("</td></tr>");
    }
    h.append("</table>");
  }

  private static void notes(StringBuilder h, TrainingRun run) {
    List<String> items = new ArrayList<>();
    for (DspThreshold t : run.thresholds().values()) {
      if (t.threshold() == null) {
        items.add(t.dsp() + " has no threshold and is always called: " + t.reason());
      }
    }
    for (SingleClass s : run.singleClass()) {
      items.add("single class: " + s.describe());
    }
    h.append("<h2>Notes</h2>");
    if (items.isEmpty()) {
      h.append("<p class=\"note\">Every DSP has a threshold; no DSP has a single class in any split.</p>");
      return;
    }
    h.append("<ul class=\"note\">");
    for (String i : items) {
      h.append("<li>").append(esc(i)).append("</li>");
    }
    h.append("</ul>");
  }

  private static void timings(StringBuilder h, TrainingRun run) {
    h.append("<h2>Run</h2><table><tr><th>stage</th><th>seconds</th><th>CPU seconds</th><th>rows</th><th>rows/s</th></tr>");
    for (StageTime t : run.timings()) {
      h.append("<tr><td>").append(esc(t.stage())).append("</td><td>").append(num(t.seconds(), 1)).append("</td><td>")
          .append(num(t.cpuSeconds(), 1)).append("</td><td>")
          .append(count(t.rows())).append("</td><td>")
          .append(Double.isNaN(t.rowsPerSecond()) ? "–" : count(Math.round(t.rowsPerSecond()))).append("</td></tr>");
    }
    h.append("</table><p class=\"note\">Hyperparameters: <code>")
        .append(esc(new String(io.bidsift.bundle.JsonTrees.toBytes(run.hyperparameters().toJson(), false),
            java.nio.charset.StandardCharsets.UTF_8)))
        .append("</code>; objective binary:logistic, tree method hist, early stopping on validation log-loss.</p>");
  }
}
