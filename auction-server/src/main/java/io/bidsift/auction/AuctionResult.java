package io.bidsift.auction;

import io.bidsift.openrtb.BidResponse;

/**
 * What an auction answers: a response when at least one valid bid won, else null (HTTP 204).
 */
public record AuctionResult(BidResponse response) {

  public static final AuctionResult NO_BID = new AuctionResult(null);
}
