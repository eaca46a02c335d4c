package io.bidsift.auction.filter;

import java.util.Map;

/**
 * The bid filter's answer for one auction, or the fail-open stand-in when there was none.
 *
 * @param model     model version that scored the auction; null when none did
 * @param decisions per DSP id; a candidate without a decision is called (never filter the unknown)
 * @param failure   why the filter was not used (timeout, error, circuit_open, ...); null when it was
 */
public record FilterVerdict(String model, Map<String, FilterDecision> decisions, String failure) {

  public FilterVerdict {
    decisions = Map.copyOf(decisions);
  }

  /** Call every candidate: the filter is off, down, slow or made no sense. */
  public static FilterVerdict failOpen(String reason) {
    return new FilterVerdict(null, Map.of(), reason);
  }

  public FilterDecision decision(String dsp) {
    return decisions.get(dsp);
  }

  public boolean failedOpen() {
    return failure != null;
  }
}
