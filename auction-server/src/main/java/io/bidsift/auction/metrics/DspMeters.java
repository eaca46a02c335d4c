package io.bidsift.auction.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/** The meters of one DSP, tagged {@code dsp=<id>}. */
public final class DspMeters {

  public final Counter sent;
  public final Counter filtered;
  public final Counter explored;
  public final Counter overQps;
  public final Counter throttled;
  public final Counter bids;
  public final Counter noBids;
  public final Counter timeouts;
  public final Counter errors;
  public final Counter invalidBids;
  public final Counter wins;
  public final Timer latency;
  /** Bids in explored auctions. */
  public final Counter explorationBids;
  /** Bids in explored auctions from this DSP although the model scored it below its threshold. */
  public final Counter explorationBidsModelWouldSkip;

  DspMeters(MeterRegistry r, String dsp) {
    sent = counter(r, "bidsift.dsp.sent", dsp, "callouts sent");
    filtered = counter(r, "bidsift.dsp.filtered", dsp, "candidate callouts the bid filter skipped");
    explored = counter(r, "bidsift.dsp.explored", dsp, "callouts sent only because of the exploration slice");
    overQps = counter(r, "bidsift.dsp.over_qps", dsp, "callouts skipped by the DSP's QPS cap");
    throttled = counter(r, "bidsift.dsp.throttled", dsp,
        "callouts skipped because the DSP is throttled for failing (outside its probe share)");
    bids = counter(r, "bidsift.dsp.bids", dsp, "responses with at least one bid");
    noBids = counter(r, "bidsift.dsp.no_bids", dsp, "no-bid answers");
    timeouts = counter(r, "bidsift.dsp.timeouts", dsp, "callouts without an answer in time");
    errors = counter(r, "bidsift.dsp.errors", dsp, "callouts that failed (HTTP error, malformed, too large, reset)");
    invalidBids = counter(r, "bidsift.dsp.invalid_bids", dsp, "bids rejected by validation (floor, currency, blocks, ...)");
    wins = counter(r, "bidsift.dsp.wins", dsp, "imps won");
    latency = Timer.builder("bidsift.dsp.latency").tag("dsp", dsp).description("DSP response time")
        .publishPercentiles(0.5, 0.99).register(r);
    explorationBids = counter(r, "bidsift.exploration.bids", dsp, "bids in explored auctions");
    explorationBidsModelWouldSkip = counter(r, "bidsift.exploration.bids_model_would_skip", dsp,
        "bids in explored auctions from a callout the model scored below its threshold");
    Gauge.builder("bidsift.exploration.lost_bid_share", this, DspMeters::lostBidShare).tag("dsp", dsp)
        .description("live estimate of the share of this DSP's bids the filter loses: in explored auctions,"
            + " bids the model would have skipped / all bids")
        .register(r);
  }

  double lostBidShare() {
    double all = explorationBids.count();
    return all == 0 ? Double.NaN : explorationBidsModelWouldSkip.count() / all;
  }

  private static Counter counter(MeterRegistry r, String name, String dsp, String description) {
    return Counter.builder(name).tag("dsp", dsp).description(description).register(r);
  }
}
