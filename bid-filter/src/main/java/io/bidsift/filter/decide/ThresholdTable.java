package io.bidsift.filter.decide;

import io.bidsift.bundle.DspThreshold;
import io.bidsift.bundle.RecallPoint;
import java.util.HashMap;
import java.util.Map;

/**
 * Each DSP's threshold for one model at one operating point. Built once per (model, target) and
 * shared by every request, so the hot path does one map lookup per DSP.
 */
public final class ThresholdTable {

  private final Map<String, Double> thresholds;

  private ThresholdTable(Map<String, Double> thresholds) {
    this.thresholds = thresholds;
  }

  /**
   * @param target null to use the thresholds the bundle was built with; otherwise each DSP's
   *     recall table is read for the largest threshold that keeps at least the target bid recall
   *     and, when asked, the target value recall on validation (the table's last row when none
   *     does). A DSP without a threshold in the bundle stays always called.
   */
  public static ThresholdTable of(Map<String, DspThreshold> dsps, RecallTarget target) {
    Map<String, Double> out = new HashMap<>();
    for (DspThreshold d : dsps.values()) {
      if (d.threshold() == null) {
        continue;
      }
      out.put(d.dsp(), target == null ? d.threshold() : fromTable(d, target));
    }
    return new ThresholdTable(Map.copyOf(out));
  }

  private static double fromTable(DspThreshold d, RecallTarget target) {
    if (d.recallTable().isEmpty()) {
      return d.threshold();
    }
    for (RecallPoint p : d.recallTable()) {
      boolean valueKept = target.valueRecall() == 0 || Double.isNaN(p.valueRecall()) || p.valueRecall() >= target.valueRecall();
      if (p.recall() >= target.bidRecall() && valueKept) {
        return p.threshold();
      }
    }
    return d.recallTable().get(d.recallTable().size() - 1).threshold();
  }

  /** The DSP's threshold, or null when it is always called. */
  public Double threshold(String dsp) {
    return thresholds.get(dsp);
  }

  public Map<String, Double> asMap() {
    return thresholds;
  }
}
