package io.bidsift.auction.clearing;

import io.bidsift.openrtb.Bid;

/**
 * A DSP's best valid bid for one imp.
 *
 * @param dsp   DSP id
 * @param order the DSP's position in the configuration: breaks price ties, so results are repeatable
 */
public record CandidateBid(String dsp, int order, Bid bid) {

  public double price() {
    return bid.price();
  }
}
