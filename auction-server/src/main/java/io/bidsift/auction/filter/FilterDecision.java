package io.bidsift.auction.filter;

/**
 * The bid filter's decision for one DSP (contracts.md §3).
 *
 * @param score     P(bid), null when the model does not know the DSP
 * @param threshold the DSP's threshold, null when unknown
 * @param call      whether to call the DSP
 * @param explore   the auction is in the exploration slice
 */
public record FilterDecision(String dsp, Double score, Double threshold, boolean call, boolean explore) {

  /** Called only because of the exploration slice: the model alone would have filtered it. */
  public boolean calledOnlyToExplore() {
    return call && explore && score != null && threshold != null && score < threshold;
  }

  /** The model alone would have skipped this DSP (exploration aside). */
  public boolean modelWouldSkip() {
    return score != null && threshold != null && score < threshold;
  }
}
