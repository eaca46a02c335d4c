package io.bidsift.training.evaluate;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The figures of one scorer on one set of callouts, over all DSPs and per DSP.
 *
 * @param overall all callouts; its operating point applies each DSP's own threshold
 * @param byDsp   per DSP, in DSP order
 */
public record Evaluation(GroupMetrics overall, Map<String, GroupMetrics> byDsp) {

  public Evaluation {
    byDsp = Collections.unmodifiableMap(new LinkedHashMap<>(byDsp));
  }
}
