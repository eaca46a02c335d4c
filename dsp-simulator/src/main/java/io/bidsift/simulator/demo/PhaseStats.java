package io.bidsift.simulator.demo;

import io.bidsift.auctionlog.AuctionRecord;
import io.bidsift.auctionlog.Callout;
import io.bidsift.auctionlog.Outcome;
import io.bidsift.exploration.ExplorationSlice;
import java.time.Instant;
import java.util.Map;

/**
 * What the auction logs say about one phase of the demo (auctions whose {@code ts} falls in
 * [from, to)).
 *
 * @param auctions          auctions logged
 * @param candidates        candidate callouts (DSPs that passed static targeting)
 * @param sent              callouts sent
 * @param bids              callouts answered with a bid
 * @param filledAuctions    auctions with at least one bid
 * @param bidValue          sum over auctions of the highest bid price (CPM): the first-price revenue proxy
 * @param bidsBelowThreshold bids whose score was under the DSP's threshold: the bids the filter loses
 *                          (exact in shadow mode, where every DSP was called anyway)
 * @param exploredBids      bids in explored auctions
 * @param exploredLostBids  of those, bids from DSPs called only for exploration
 */
public record PhaseStats(long auctions, long candidates, long sent, long bids, long filledAuctions, double bidValue,
    long bidsBelowThreshold, long exploredBids, long exploredLostBids) {

  public double calloutsPerAuction() {
    return auctions == 0 ? Double.NaN : (double) sent / auctions;
  }

  public double candidatesPerAuction() {
    return auctions == 0 ? Double.NaN : (double) candidates / auctions;
  }

  public double saved() {
    return candidates == 0 ? Double.NaN : 1 - (double) sent / candidates;
  }

  public double fillRate() {
    return auctions == 0 ? Double.NaN : (double) filledAuctions / auctions;
  }

  public double bidValuePerThousand() {
    return auctions == 0 ? Double.NaN : bidValue / auctions * 1000;
  }

  /** Share of bids the filter would lose at its thresholds, counted on the bids of this phase. */
  public double lostAtThresholds() {
    return bids == 0 ? Double.NaN : (double) bidsBelowThreshold / bids;
  }

  /** The live estimate from the exploration slice: explored-only bids over all bids in explored auctions. */
  public double lostFromExploration() {
    return exploredBids == 0 ? Double.NaN : (double) exploredLostBids / exploredBids;
  }

  /** Accumulates the records of one phase. Not thread-safe. */
  public static final class Accumulator {

    private final Instant from;
    private final Instant to;
    private final Map<String, Double> thresholds;
    private final ExplorationSlice slice;
    private long auctions;
    private long candidates;
    private long sent;
    private long bids;
    private long filled;
    private double bidValue;
    private long belowThreshold;
    private long exploredBids;
    private long exploredLost;

    /**
     * @param thresholds per DSP; a DSP without one is always called
     * @param slice      the filter's exploration slice, recomputed from each request id
     */
    public Accumulator(Instant from, Instant to, Map<String, Double> thresholds, ExplorationSlice slice) {
      this.from = from;
      this.to = to;
      this.thresholds = thresholds;
      this.slice = slice;
    }

    public void accept(AuctionRecord record) {
      if (record.ts().isBefore(from) || !record.ts().isBefore(to)) {
        return;
      }
      auctions++;
      double best = 0;
      boolean anyBid = false;
      boolean explored = slice.contains(record.request().id());
      for (Callout c : record.callouts()) {
        candidates++;
        if (!c.sent()) {
          continue;
        }
        sent++;
        if (c.outcome() != Outcome.BID) {
          continue;
        }
        bids++;
        anyBid = true;
        if (c.price() != null) {
          best = Math.max(best, c.price());
        }
        Double threshold = thresholds.get(c.dsp());
        if (threshold != null && c.score() != null && c.score() < threshold) {
          belowThreshold++;
        }
        if (explored) {
          exploredBids++;
          exploredLost += c.explore() ? 1 : 0;
        }
      }
      filled += anyBid ? 1 : 0;
      bidValue += best;
    }

    public PhaseStats result() {
      return new PhaseStats(auctions, candidates, sent, bids, filled, bidValue, belowThreshold, exploredBids,
          exploredLost);
    }
  }
}
