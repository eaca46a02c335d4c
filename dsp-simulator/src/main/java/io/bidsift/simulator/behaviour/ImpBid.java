package io.bidsift.simulator.behaviour;

import io.bidsift.simulator.market.AdFormat;

/**
 * A DSP's bid on one imp.
 *
 * @param impIndex index of the imp in the request
 * @param impId    the imp's id
 * @param format   the format it bids for
 * @param w        creative width (banners), else null
 * @param h        creative height (banners), else null
 * @param price    USD CPM, at least the imp's floor and at most the DSP's valuation
 */
public record ImpBid(int impIndex, String impId, AdFormat format, Integer w, Integer h, double price) {
}
