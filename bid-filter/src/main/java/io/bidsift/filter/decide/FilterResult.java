package io.bidsift.filter.decide;

import java.util.List;

/**
 * The filter's answer for one auction.
 *
 * @param model       version of the model that scored it, null when none did
 * @param exploration the auction is in the exploration slice
 * @param shadow      the filter runs in shadow mode: every DSP is called whatever the scores
 * @param decisions   one per DSP asked about, in the order asked
 */
public record FilterResult(String model, boolean exploration, boolean shadow, List<Decision> decisions) {

  public FilterResult {
    decisions = List.copyOf(decisions);
  }

  /** Every DSP called, nothing scored: the answer when no model can be trusted. */
  public static FilterResult failOpen(List<String> dsps, boolean exploration, boolean shadow) {
    return new FilterResult(null, exploration, shadow,
        dsps.stream().map(d -> new Decision(d, null, null, true, false, true)).toList());
  }
}
