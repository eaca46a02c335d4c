package io.bidsift.simulator.generate;

import io.bidsift.auctionlog.AuctionRecord;
import io.bidsift.auctionlog.Callout;
import io.bidsift.auctionlog.Outcome;
import io.bidsift.openrtb.BidRequest;
import io.bidsift.simulator.behaviour.BidContext;
import io.bidsift.simulator.behaviour.CalloutRandom;
import io.bidsift.simulator.behaviour.DspBehaviour;
import io.bidsift.simulator.behaviour.DspDecision;
import io.bidsift.simulator.behaviour.MarketBehaviour;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs one auction against every DSP of the market, as an exchange without a traffic filter
 * would: each DSP is a candidate and is called ({@code sent} true, not scored), so the log is
 * the history before any filter. Thread-safe.
 */
public final class AuctionSimulator {

  private final MarketBehaviour behaviour;
  private final long seed;

  /** @param seed seeds every callout's random source together with the request and DSP ids */
  public AuctionSimulator(MarketBehaviour behaviour, long seed) {
    this.behaviour = behaviour;
    this.seed = seed;
  }

  /** Every DSP's decision on the request, in market order. */
  public List<DspDecision> decisions(BidContext context) {
    List<DspBehaviour> dsps = behaviour.dsps();
    List<DspDecision> out = new ArrayList<>(dsps.size());
    String requestId = context.request().id();
    for (DspBehaviour dsp : dsps) {
      out.add(dsp.decide(context, CalloutRandom.forCallout(seed, requestId, dsp.id())));
    }
    return out;
  }

  public AuctionRecord simulate(Instant time, BidRequest request) {
    BidContext context = BidContext.of(request, time);
    List<DspDecision> decisions = decisions(context);
    List<Callout> callouts = new ArrayList<>(decisions.size());
    for (DspDecision d : decisions) {
      callouts.add(callout(d, context.tmaxMs()));
    }
    return new AuctionRecord(time, request, null, callouts);
  }

  /** The exchange stops waiting at tmax, so a timeout is logged with the tmax as its latency. */
  static Callout callout(DspDecision d, int tmaxMs) {
    int latency = d.outcome() == Outcome.TIMEOUT ? tmaxMs : d.latencyMs();
    return new Callout(d.dspId(), true, false, null, d.outcome(), d.price(), latency, null);
  }
}
