package io.bidsift.training.evaluate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Computes every figure of {@link GroupMetrics} for a set of scored callouts, given the per-DSP
 * thresholds to apply. A DSP without a threshold (or unknown to the thresholds) is always called.
 */
public final class Evaluator {

  public static final int DEFAULT_CALIBRATION_BINS = 20;

  /** Recall levels of the saved-vs-recall curves: 0.50 to 1.00 by 0.01, with 0.995. */
  private static final double[] CURVE_RECALLS = curveRecalls();

  private final int calibrationBins;

  public Evaluator(int calibrationBins) {
    if (calibrationBins < 1) {
      throw new IllegalArgumentException("calibration needs at least one bin");
    }
    this.calibrationBins = calibrationBins;
  }

  public Evaluation evaluate(ScoredCallouts data, Map<String, Double> thresholds) {
    int[][] rowsByDsp = data.rowsByDsp();
    Map<String, GroupMetrics> byDsp = new LinkedHashMap<>();
    List<RankedScores> ranked = new ArrayList<>();
    List<Boolean> thresholded = new ArrayList<>();
    OperatingPoint total = OperatingPoint.empty();
    for (int d = 0; d < rowsByDsp.length; d++) {
      if (rowsByDsp[d].length == 0) {
        continue;
      }
      String dsp = data.dsps().get(d);
      RankedScores r = RankedScores.of(data, rowsByDsp[d], calibrationBins);
      Double threshold = thresholds.get(dsp);
      OperatingPoint point = r.pointAt(threshold);
      byDsp.put(dsp, metrics(r, point, r.curve(CURVE_RECALLS)));
      ranked.add(r);
      thresholded.add(threshold != null);
      total = total.plus(point);
    }
    RankedScores all = RankedScores.of(data, data.allRows(), calibrationBins);
    return new Evaluation(metrics(all, total, overallCurve(ranked, thresholded)), byDsp);
  }

  private static GroupMetrics metrics(RankedScores r, OperatingPoint point, List<CurvePoint> curve) {
    return new GroupMetrics(point, r.rocAuc(), r.averagePrecision(), r.logLoss(), r.calibration(), curve);
  }

  /**
   * Over all DSPs, at each recall level every thresholded DSP keeps that share of its own bids
   * and the others are always called: how the bid filter runs at that target.
   */
  private static List<CurvePoint> overallCurve(List<RankedScores> ranked, List<Boolean> thresholded) {
    List<CurvePoint> points = new ArrayList<>(CURVE_RECALLS.length);
    for (double recall : CURVE_RECALLS) {
      OperatingPoint sum = OperatingPoint.empty();
      for (int i = 0; i < ranked.size(); i++) {
        RankedScores r = ranked.get(i);
        double t = thresholded.get(i) ? r.thresholdForRecall(recall) : Double.NaN;
        sum = sum.plus(r.pointAt(Double.isNaN(t) ? null : t));
      }
      if (sum.bids() > 0) {
        points.add(new CurvePoint(recall, sum.bidRecall(), sum.saved(), sum.valueRecall()));
      }
    }
    return points;
  }

  private static double[] curveRecalls() {
    List<Double> levels = new ArrayList<>();
    for (int i = 50; i <= 99; i++) {
      levels.add(i / 100.0);
    }
    levels.add(0.995);
    levels.add(1.0);
    double[] out = new double[levels.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = levels.get(i);
    }
    return out;
  }
}
