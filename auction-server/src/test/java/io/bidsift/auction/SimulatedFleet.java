package io.bidsift.auction;

import io.bidsift.auction.config.DspConfig;
import io.bidsift.auction.config.DspConfigLoader;
import io.bidsift.openrtb.BidRequest;
import io.bidsift.simulator.behaviour.MarketBehaviour;
import io.bidsift.simulator.fleet.DspFleet;
import io.bidsift.simulator.market.MarketLoader;
import io.bidsift.simulator.market.MarketModel;
import io.bidsift.simulator.market.PublisherCatalog;
import io.bidsift.simulator.traffic.PublisherRequests;
import io.bidsift.simulator.traffic.RequestGenerator;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/** The real simulated DSP fleet (dsp-simulator) on a free loopback port, with the market behind it. */
final class SimulatedFleet implements AutoCloseable {

  static final long SEED = 20261129L;
  /** The fleet decides at this fixed time, so its decisions can be recomputed by a test. */
  static final Instant NOW = Instant.parse("2026-11-04T14:30:00Z");

  private static MarketBehaviour behaviour;
  private static RequestGenerator traffic;

  final DspFleet fleet;

  SimulatedFleet() throws InterruptedException {
    init();
    fleet = new DspFleet(behaviour, "127.0.0.1", 0, SEED, Clock.fixed(NOW, ZoneOffset.UTC), Map.of());
  }

  /** Calibration takes a second or two: once per test JVM. */
  private static synchronized void init() {
    if (behaviour == null) {
      MarketModel market = MarketLoader.defaultMarket();
      traffic = new RequestGenerator(market, PublisherCatalog.build(market));
      behaviour = MarketBehaviour.calibrate(market, traffic);
    }
  }

  static MarketBehaviour behaviour() {
    init();
    return behaviour;
  }

  URI baseUrl() {
    return URI.create("http://127.0.0.1:" + fleet.port());
  }

  /** The built-in configuration (every fleet DSP), pointed at this fleet. */
  List<DspConfig> dsps() {
    return DspConfigLoader.loadDefault(baseUrl());
  }

  static List<BidRequest> requests(int count, long seed) {
    init();
    return PublisherRequests.generate(traffic, NOW, count, seed);
  }

  @Override
  public void close() {
    fleet.close();
  }
}
