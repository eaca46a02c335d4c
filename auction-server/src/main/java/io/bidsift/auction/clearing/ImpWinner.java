package io.bidsift.auction.clearing;

/**
 * The winner of one imp.
 *
 * @param bid   the winning DSP's bid
 * @param price what the winner pays (USD CPM): its bid in a first-price auction, the clearing price
 *              in a second-price one
 */
public record ImpWinner(CandidateBid bid, double price) {
}
