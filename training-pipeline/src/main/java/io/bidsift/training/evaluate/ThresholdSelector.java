package io.bidsift.training.evaluate;

import io.bidsift.bundle.DspThreshold;
import io.bidsift.bundle.RecallPoint;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Chooses each DSP's threshold on the validation window: the largest threshold whose bid recall
 * there is at least the target and whose value recall (share of the sum of bid prices kept) is
 * at least the value target, plus the whole recall → threshold table so operators can move the
 * target without retraining. A DSP gets no threshold (it is always called) when validation
 * cannot support one: no callouts, fewer bids than {@code minBids}, or nothing but bids.
 *
 * <p>Why a value target too: a DSP's bid probability can fall as the price it would pay rises
 * (a price-sensitive buyer bids less on high floors, and pays more when it does), so the bids a
 * recall-only threshold drops can be its most valuable ones.
 */
public final class ThresholdSelector {

  /** Recall levels of the table; the target recall is added when it is not one of them. */
  public static final List<Double> DEFAULT_RECALL_LEVELS = List.of(
      0.50, 0.60, 0.70, 0.80, 0.85, 0.90, 0.92, 0.94, 0.95, 0.96, 0.97, 0.98, 0.99, 0.995, 1.0);

  /**
   * Fewer bids than this and the threshold for 95% recall rests on one or two bids: its recall on
   * the next day is a coin toss.
   */
  public static final int DEFAULT_MIN_BIDS = 30;

  /** The default value target: keep 98% of the bid value. */
  public static final double DEFAULT_TARGET_VALUE_RECALL = 0.98;

  private final double targetRecall;
  private final double targetValueRecall;
  private final List<Double> levels;
  private final int minBids;

  /**
   * @param targetRecall      bid recall to keep, in (0, 1]
   * @param targetValueRecall bid value to keep, in [0, 1]; 0 for no value target
   * @param recallLevels      recall levels of the table
   * @param minBids           fewest validation bids for a threshold
   */
  public ThresholdSelector(double targetRecall, double targetValueRecall, List<Double> recallLevels, int minBids) {
    if (!(targetRecall > 0 && targetRecall <= 1)) {
      throw new IllegalArgumentException("target recall must be in (0, 1], was " + targetRecall);
    }
    if (!(targetValueRecall >= 0 && targetValueRecall <= 1)) {
      throw new IllegalArgumentException("target value recall must be in [0, 1], was " + targetValueRecall);
    }
    if (minBids < 1) {
      throw new IllegalArgumentException("min bids must be at least 1, was " + minBids);
    }
    TreeSet<Double> all = new TreeSet<>(recallLevels);
    all.add(targetRecall);
    this.targetRecall = targetRecall;
    this.targetValueRecall = targetValueRecall;
    this.levels = List.copyOf(all);
    this.minBids = minBids;
  }

  /**
   * @param validation the validation window, scored
   * @param dsps       every DSP the model knows (a DSP absent from validation gets no threshold)
   * @return per DSP, sorted by name
   */
  public Map<String, DspThreshold> select(ScoredCallouts validation, Collection<String> dsps) {
    TreeSet<String> names = new TreeSet<>(dsps);
    names.addAll(validation.dsps());
    int[][] rowsByDsp = validation.rowsByDsp();
    Map<String, DspThreshold> out = new LinkedHashMap<>();
    for (String dsp : names) {
      int d = validation.dsps().indexOf(dsp);
      int[] rows = d < 0 ? new int[0] : rowsByDsp[d];
      out.put(dsp, select(dsp, validation, rows));
    }
    return out;
  }

  private DspThreshold select(String dsp, ScoredCallouts validation, int[] rows) {
    if (rows.length == 0) {
      return DspThreshold.alwaysCalled(dsp, "no callouts in the validation window");
    }
    RankedScores r = RankedScores.of(validation, rows, 1);
    if (r.bids() < minBids) {
      return DspThreshold.alwaysCalled(dsp, "too few bids in the validation window (" + r.bids() + " < " + minBids + ")");
    }
    if (r.bids() == r.rows()) {
      return DspThreshold.alwaysCalled(dsp, "every validation callout was a bid: nothing to save");
    }
    List<RecallPoint> table = new ArrayList<>(levels.size());
    for (double level : levels) {
      double t = r.thresholdForRecall(level);
      OperatingPoint p = r.pointAt(t);
      table.add(new RecallPoint(level, t, p.saved(), p.valueRecall()));
    }
    double threshold = r.thresholdForRecall(targetRecall);
    double forValue = targetValueRecall > 0 ? r.thresholdForValueRecall(targetValueRecall) : Double.NaN;
    if (!Double.isNaN(forValue)) {
      threshold = Math.min(threshold, forValue);
    }
    return new DspThreshold(dsp, threshold, table, null);
  }
}
