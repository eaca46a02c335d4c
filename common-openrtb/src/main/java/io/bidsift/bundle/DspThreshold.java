package io.bidsift.bundle;

import java.util.List;
import java.util.Objects;

/**
 * How the bid filter treats one DSP.
 *
 * @param dsp         DSP id
 * @param threshold   call the DSP when score &gt;= threshold; null means always call it
 * @param recallTable recall → threshold on validation, ascending by recall; empty when the DSP
 *                    has no threshold
 * @param reason      why there is no threshold; null when there is one
 */
public record DspThreshold(String dsp, Double threshold, List<RecallPoint> recallTable, String reason) {

  public DspThreshold {
    Objects.requireNonNull(dsp, "dsp");
    recallTable = List.copyOf(recallTable);
    if ((threshold == null) == (reason == null)) {
      throw new IllegalArgumentException("a DSP has either a threshold or a reason for having none: " + dsp);
    }
  }

  public static DspThreshold alwaysCalled(String dsp, String reason) {
    return new DspThreshold(dsp, null, List.of(), reason);
  }
}
