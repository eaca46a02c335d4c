package io.bidsift.simulator.behaviour;

import io.bidsift.simulator.market.DspConfig;
import io.bidsift.simulator.market.Drift;
import io.bidsift.simulator.market.MarketModel;
import io.bidsift.simulator.market.PublisherCatalog;
import io.bidsift.simulator.traffic.RequestGenerator;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every DSP of a market, calibrated to its target bid rate. Build it once (calibration draws
 * 20,000 requests, well under a second) and share it: it is immutable and thread-safe.
 */
public final class MarketBehaviour {

  private final List<DspBehaviour> dsps;
  private final Map<String, DspBehaviour> byId;

  private MarketBehaviour(List<DspBehaviour> dsps) {
    this.dsps = List.copyOf(dsps);
    Map<String, DspBehaviour> index = new LinkedHashMap<>();
    dsps.forEach(d -> index.put(d.id(), d));
    this.byId = index;
  }

  /**
   * Calibrates every DSP (and every drift profile) of the market.
   *
   * @throws io.bidsift.simulator.market.MarketFileException when a DSP's target bid rate is out of reach
   */
  public static MarketBehaviour calibrate(MarketModel market) {
    return calibrate(market, new RequestGenerator(market, PublisherCatalog.build(market)));
  }

  /** As {@link #calibrate(MarketModel)}, reusing a request generator already built for the market. */
  public static MarketBehaviour calibrate(MarketModel market, RequestGenerator traffic) {
    Calibrator calibrator = new Calibrator(market, traffic);
    List<DspBehaviour> out = new ArrayList<>();
    for (int i = 0; i < market.dsps().size(); i++) {
      DspConfig base = market.dsps().get(i);
      String path = "dsps[" + i + "]";
      List<DspBehaviour.Phase> phases = new ArrayList<>();
      phases.add(new DspBehaviour.Phase(Instant.MIN, calibrate(calibrator, market, base, path)));
      for (int j = 0; j < base.drift().size(); j++) {
        Drift d = base.drift().get(j);
        phases.add(new DspBehaviour.Phase(d.from().atStartOfDay().toInstant(ZoneOffset.UTC),
            calibrate(calibrator, market, d.profile(), path + ".drift[" + j + "].changes")));
      }
      out.add(new DspBehaviour(base.id(), phases));
    }
    return new MarketBehaviour(out);
  }

  private static DspProfile calibrate(Calibrator calibrator, MarketModel market, DspConfig config, String path) {
    return calibrator.calibrate(DspProfile.uncalibrated(config, market), config.targetBidRate(), path);
  }

  /** The DSPs in market-file order. */
  public List<DspBehaviour> dsps() {
    return dsps;
  }

  /** The DSP with this id, or null. */
  public DspBehaviour dsp(String id) {
    return byId.get(id);
  }
}
