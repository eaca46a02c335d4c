package io.bidsift.auction.clearing;

import io.bidsift.openrtb.Bid;
import io.bidsift.openrtb.Deal;
import io.bidsift.openrtb.Imp;
import java.math.BigDecimal;
import java.util.List;

/**
 * Clears the auction of one imp among the DSPs' valid bids (at most one per DSP, its highest).
 *
 * <ul>
 *   <li>The highest price wins; a tie goes to the DSP configured first.</li>
 *   <li>First price ({@code at} 1, the default): the winner pays its bid.</li>
 *   <li>Second price ({@code at} 2): the winner pays {@code max(second-highest bid, floor) + 0.01},
 *       capped at its own bid. With a single bid the "second bid" is 0, so a lone bidder pays the
 *       floor plus a cent (or 0.01 with no floor). The floor is the one that applied to the winning
 *       bid: its deal's when it names a deal that has one, else the imp's.</li>
 * </ul>
 * Prices are computed in decimal, so 1.10 + 0.01 is 1.11 and not 1.1100000000000001.
 */
public final class ImpAuction {

  private static final BigDecimal INCREMENT = new BigDecimal("0.01");

  private ImpAuction() {
  }

  /** The winner, or null when there are no bids. */
  public static ImpWinner clear(Imp imp, List<CandidateBid> bids, int at) {
    if (bids.isEmpty()) {
      return null;
    }
    CandidateBid best = null;
    CandidateBid second = null;
    for (CandidateBid b : bids) {
      if (best == null || beats(b, best)) {
        second = best;
        best = b;
      } else if (second == null || beats(b, second)) {
        second = b;
      }
    }
    if (at != 2) {
      return new ImpWinner(best, best.price());
    }
    BigDecimal winning = BigDecimal.valueOf(best.price());
    BigDecimal runnerUp = second == null ? BigDecimal.ZERO : BigDecimal.valueOf(second.price());
    BigDecimal floor = BigDecimal.valueOf(floorFor(imp, best.bid()));
    BigDecimal clearing = runnerUp.max(floor).add(INCREMENT).min(winning);
    return new ImpWinner(best, clearing.doubleValue());
  }

  /** The floor that applied to this bid: its deal's when it names a deal with a floor, else the imp's; 0 for none. */
  static double floorFor(Imp imp, Bid bid) {
    if (bid.dealid() != null && imp.pmp() != null && imp.pmp().deals() != null) {
      for (Deal deal : imp.pmp().deals()) {
        if (bid.dealid().equals(deal.id()) && deal.bidfloor() != null) {
          return deal.bidfloor();
        }
      }
    }
    return imp.bidfloor() == null ? 0 : imp.bidfloor();
  }

  private static boolean beats(CandidateBid a, CandidateBid b) {
    return a.price() > b.price() || (a.price() == b.price() && a.order() < b.order());
  }
}
