package io.bidsift.filter.decide;

/**
 * What the filter says about one DSP of one auction (contracts.md §3).
 *
 * @param dsp       the DSP id as asked
 * @param score     P(bid), null when not scored (no model, or a DSP the model never saw)
 * @param threshold the DSP's threshold, null when it is always called
 * @param call      whether to send the request to the DSP
 * @param explore   called only because the auction is in the exploration slice
 * @param modelCall what the model decided (score over threshold, or exploration); differs from
 *                  {@code call} only in shadow mode, where everyone is called
 */
public record Decision(String dsp, Float score, Double threshold, boolean call, boolean explore, boolean modelCall) {
}
