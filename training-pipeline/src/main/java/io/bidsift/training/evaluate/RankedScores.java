package io.bidsift.training.evaluate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One set of callouts ranked by score, highest first, ties collapsed: for every distinct score
 * s, how many callouts, bids and how much bid value score at least s. Every threshold question
 * (which threshold keeps 95% of the bids, what does threshold t save) is then a binary search.
 */
final class RankedScores {

  private static final double EPSILON = 1e-15;
  /** Guards ceil(recall × bids) against binary fractions: 0.95 × 100 is 95.00000000000001. */
  private static final double RECALL_SLACK = 1e-9;

  private final double[] distinct;
  private final long[] cumRows;
  private final long[] cumBids;
  private final double[] cumValue;
  private final long rows;
  private final long bids;
  private final double value;
  private final double logLossSum;
  private final Calibration calibration;

  private RankedScores(double[] distinct, long[] cumRows, long[] cumBids, double[] cumValue, double logLossSum,
                       Calibration calibration) {
    this.distinct = distinct;
    this.cumRows = cumRows;
    this.cumBids = cumBids;
    this.cumValue = cumValue;
    int last = distinct.length - 1;
    this.rows = last < 0 ? 0 : cumRows[last];
    this.bids = last < 0 ? 0 : cumBids[last];
    this.value = last < 0 ? 0 : cumValue[last];
    this.logLossSum = logLossSum;
    this.calibration = calibration;
  }

  static RankedScores of(ScoredCallouts c, int[] rows, int calibrationBins) {
    int[] order = DescendingOrder.of(c.scoreColumn(), rows);
    int n = order.length;
    double[] distinct = new double[n];
    long[] cumRows = new long[n];
    long[] cumBids = new long[n];
    double[] cumValue = new double[n];
    int k = -1;
    long r = 0;
    long b = 0;
    double v = 0;
    double logLoss = 0;
    for (int row : order) {
      double s = c.score(row);
      if (k < 0 || s != distinct[k]) {
        k++;
        distinct[k] = s;
      }
      r++;
      if (c.bid(row)) {
        b++;
        v += c.value(row);
      }
      cumRows[k] = r;
      cumBids[k] = b;
      cumValue[k] = v;
      double p = Math.min(Math.max(s, EPSILON), 1 - EPSILON);
      logLoss -= c.bid(row) ? Math.log(p) : Math.log1p(-p);
    }
    int m = k + 1;
    return new RankedScores(Arrays.copyOf(distinct, m), Arrays.copyOf(cumRows, m), Arrays.copyOf(cumBids, m),
        Arrays.copyOf(cumValue, m), logLoss, calibration(c, order, calibrationBins));
  }

  long rows() {
    return rows;
  }

  long bids() {
    return bids;
  }

  /**
   * The largest threshold that keeps at least {@code recall} of the bids, or NaN without bids.
   * Ties at the threshold are all kept, so the recall reached can be higher.
   */
  double thresholdForRecall(double recall) {
    if (bids == 0) {
      return Double.NaN;
    }
    long need = Math.max(1, (long) Math.ceil(recall * bids - RECALL_SLACK));
    int lo = 0;
    int hi = distinct.length - 1;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (cumBids[mid] >= need) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return distinct[lo];
  }

  /**
   * The largest threshold that keeps at least {@code valueRecall} of the bid value (sum of bid
   * prices), or NaN without bid value.
   */
  double thresholdForValueRecall(double valueRecall) {
    if (!(value > 0)) {
      return Double.NaN;
    }
    double need = valueRecall * value * (1 - RECALL_SLACK);
    int lo = 0;
    int hi = distinct.length - 1;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (cumValue[mid] >= need) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return distinct[lo];
  }

  /** What sending every callout with score &gt;= threshold does; a null threshold sends all. */
  OperatingPoint pointAt(Double threshold) {
    if (threshold == null) {
      return new OperatingPoint(null, rows, rows, bids, bids, value, value);
    }
    int k = lastAtLeast(threshold);
    if (k < 0) {
      return new OperatingPoint(threshold, rows, 0, bids, 0, value, 0.0);
    }
    return new OperatingPoint(threshold, rows, cumRows[k], bids, cumBids[k], value, cumValue[k]);
  }

  /** Index of the lowest distinct score &gt;= t, -1 when none is. */
  private int lastAtLeast(double t) {
    int lo = 0;
    int hi = distinct.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (distinct[mid] >= t) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo - 1;
  }

  /** Area under the ROC curve, ties counted as half (trapezoids); NaN with a single class. */
  double rocAuc() {
    long negatives = rows - bids;
    if (bids == 0 || negatives == 0) {
      return Double.NaN;
    }
    double area = 0;
    long tp = 0;
    long fp = 0;
    for (int k = 0; k < distinct.length; k++) {
      long tpk = cumBids[k];
      long fpk = cumRows[k] - cumBids[k];
      area += (fpk - fp) * (tp + (tpk - tp) / 2.0);
      tp = tpk;
      fp = fpk;
    }
    return area / ((double) bids * negatives);
  }

  /** Average precision: sum over distinct thresholds of (recall gained) × precision; NaN without bids. */
  double averagePrecision() {
    if (bids == 0) {
      return Double.NaN;
    }
    double ap = 0;
    long prevBids = 0;
    for (int k = 0; k < distinct.length; k++) {
      long gained = cumBids[k] - prevBids;
      if (gained > 0) {
        ap += (double) gained / bids * ((double) cumBids[k] / cumRows[k]);
      }
      prevBids = cumBids[k];
    }
    return ap;
  }

  double logLoss() {
    return rows == 0 ? Double.NaN : logLossSum / rows;
  }

  Calibration calibration() {
    return calibration;
  }

  /** Callouts saved at each recall, thresholds chosen on this data. */
  List<CurvePoint> curve(double[] recalls) {
    List<CurvePoint> points = new ArrayList<>(recalls.length);
    if (bids == 0) {
      return points;
    }
    for (double r : recalls) {
      OperatingPoint p = pointAt(thresholdForRecall(r));
      points.add(new CurvePoint(r, p.bidRecall(), p.saved(), p.valueRecall()));
    }
    return points;
  }

  private static Calibration calibration(ScoredCallouts c, int[] descending, int bins) {
    int n = descending.length;
    int count = Math.min(bins, n);
    List<Calibration.Bin> out = new ArrayList<>(count);
    double ece = 0;
    for (int b = 0; b < count; b++) {
      // Bin b over the ascending order is a slice from the end of the descending one.
      int from = n - (int) ((long) (b + 1) * n / count);
      int to = n - (int) ((long) b * n / count);
      double sum = 0;
      long positives = 0;
      double min = Double.POSITIVE_INFINITY;
      double max = Double.NEGATIVE_INFINITY;
      for (int i = from; i < to; i++) {
        double s = c.score(descending[i]);
        sum += s;
        min = Math.min(min, s);
        max = Math.max(max, s);
        if (c.bid(descending[i])) {
          positives++;
        }
      }
      int size = to - from;
      double predicted = sum / size;
      double observed = (double) positives / size;
      out.add(new Calibration.Bin(size, predicted, observed, min, max));
      ece += (double) size / n * Math.abs(predicted - observed);
    }
    return new Calibration(out, n == 0 ? Double.NaN : ece);
  }
}
