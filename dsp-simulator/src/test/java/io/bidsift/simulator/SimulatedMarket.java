package io.bidsift.simulator;

import io.bidsift.openrtb.BidRequest;
import io.bidsift.simulator.behaviour.MarketBehaviour;
import io.bidsift.simulator.market.MarketLoader;
import io.bidsift.simulator.market.MarketModel;
import io.bidsift.simulator.market.PublisherCatalog;
import io.bidsift.simulator.traffic.AuctionSlot;
import io.bidsift.simulator.traffic.RequestGenerator;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** The built-in market with its traffic and calibrated DSPs, built once per test class (calibration takes a second). */
public final class SimulatedMarket {

  public final MarketModel market;
  public final RequestGenerator traffic;
  public final MarketBehaviour behaviour;

  public SimulatedMarket() {
    this(MarketLoader.defaultMarket());
  }

  public SimulatedMarket(MarketModel market) {
    this.market = market;
    this.traffic = new RequestGenerator(market, PublisherCatalog.build(market));
    this.behaviour = MarketBehaviour.calibrate(market, traffic);
  }

  /** A generated auction. */
  public record Auction(AuctionSlot slot, BidRequest request) {
    public Instant time() {
      return slot.time();
    }
  }

  /** {@code n} auctions spread over {@code days} days from {@code start}, each from its own seed. */
  public List<Auction> auctions(int n, LocalDate start, int days, long seed) {
    List<Auction> out = new ArrayList<>(n);
    SplittableRandom seeds = new SplittableRandom(seed);
    for (int i = 0; i < n; i++) {
      SplittableRandom r = seeds.split();
      AuctionSlot slot = traffic.slotOnDay(start.plusDays(i % days), r);
      out.add(new Auction(slot, traffic.request(slot, r)));
    }
    return out;
  }
}
