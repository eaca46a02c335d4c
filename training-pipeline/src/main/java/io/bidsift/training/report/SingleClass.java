package io.bidsift.training.report;

/**
 * A DSP whose labelled callouts in one split are all of one class: the model still scores it
 * (the DSP is a feature), but figures that need both classes (AUC, recall) are undefined there.
 *
 * @param dsp     DSP id
 * @param split   train, valid or test
 * @param rows    labelled callouts in the split
 * @param allBids true when every callout was a bid, false when none was
 */
public record SingleClass(String dsp, String split, long rows, boolean allBids) {

  public String describe() {
    return dsp + " in " + split + ": " + (allBids ? "all " + rows + " callouts were bids" : "no bid in " + rows + " callouts");
  }
}
