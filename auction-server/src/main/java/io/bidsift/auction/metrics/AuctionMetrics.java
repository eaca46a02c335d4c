package io.bidsift.auction.metrics;

import io.bidsift.auction.config.DspConfig;
import io.bidsift.auctionlog.Callout;
import io.bidsift.auctionlog.Outcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The auction server's meters (Micrometer; {@code /actuator/prometheus} shows them with
 * {@code _total} / {@code _seconds} suffixes). Built once; per-DSP meters are created up front
 * for every configured DSP so the hot path only looks them up.
 */
public final class AuctionMetrics {

  private final MeterRegistry registry;
  private final Map<String, DspMeters> dsps = new HashMap<>();
  private final Counter filled;
  private final Counter unfilled;
  private final Counter revenue;
  private final Counter candidates;
  private final Counter filteredCandidates;
  private final Counter internalErrors;
  private final Timer auctionLatency;
  private final Timer overhead;
  private final Timer filterLatency;
  private final Map<String, Counter> rejected = new ConcurrentHashMap<>();
  private final Map<String, Counter> filterResults = new ConcurrentHashMap<>();
  /** By outcome and explore flag: [outcome.ordinal()][explore ? 1 : 0]. */
  private final Counter[][] callouts;

  public AuctionMetrics(MeterRegistry registry, List<DspConfig> dspConfigs) {
    this.registry = registry;
    for (DspConfig dsp : dspConfigs) {
      dsps.put(dsp.id(), new DspMeters(registry, dsp.id()));
    }
    filled = Counter.builder("bidsift.auctions").tag("filled", "true").description("auctions run")
        .register(registry);
    unfilled = Counter.builder("bidsift.auctions").tag("filled", "false").description("auctions run")
        .register(registry);
    revenue = Counter.builder("bidsift.revenue").baseUnit("usd")
        .description("sum of clearing prices / 1000 (CPM to per-impression), USD").register(registry);
    candidates = Counter.builder("bidsift.candidates")
        .description("candidate callouts (DSPs that passed static pretargeting)").register(registry);
    filteredCandidates = Counter.builder("bidsift.candidates.filtered")
        .description("candidate callouts the bid filter skipped").register(registry);
    internalErrors = Counter.builder("bidsift.internal_errors")
        .description("auctions our own code failed on (answered 204, never 5xx)").register(registry);
    auctionLatency = Timer.builder("bidsift.auction.latency").description("request in to response out")
        .publishPercentiles(0.5, 0.99).publishPercentileHistogram().register(registry);
    overhead = Timer.builder("bidsift.auction.overhead")
        .description("auction latency minus the wait for the slowest DSP callout")
        .publishPercentiles(0.5, 0.99).publishPercentileHistogram().register(registry);
    filterLatency = Timer.builder("bidsift.filter.latency").description("bid-filter call, fail-open included")
        .publishPercentiles(0.5, 0.99).register(registry);
    callouts = new Counter[Outcome.values().length][2];
    for (Outcome outcome : Outcome.values()) {
      for (int explore = 0; explore < 2; explore++) {
        callouts[outcome.ordinal()][explore] = Counter.builder("bidsift.auction.callouts")
            .tag("outcome", outcome.wire()).tag("explore", Boolean.toString(explore == 1))
            .description("candidate callouts as the auction log records them; the deployment's dashboard and"
                + " rollback alarm estimate bids lost from these")
            .register(registry);
      }
    }
    Gauge.builder("bidsift.fill_rate", this, AuctionMetrics::fillRate)
        .description("share of auctions with at least one winning bid").register(registry);
    Gauge.builder("bidsift.filter_rate", this, AuctionMetrics::filterRate)
        .description("share of candidate callouts the bid filter skipped").register(registry);
  }

  /** Counts the callouts of one logged auction. */
  public void logged(List<Callout> logged) {
    for (Callout c : logged) {
      callouts[c.outcome().ordinal()][c.explore() ? 1 : 0].increment();
    }
  }

  public DspMeters dsp(String id) {
    return dsps.get(id);
  }

  public void auction(boolean wasFilled, double revenueCpm, long latencyNanos, long overheadNanos) {
    (wasFilled ? filled : unfilled).increment();
    if (revenueCpm > 0) {
      revenue.increment(revenueCpm / 1000);
    }
    auctionLatency.record(latencyNanos, TimeUnit.NANOSECONDS);
    overhead.record(Math.max(0, overheadNanos), TimeUnit.NANOSECONDS);
  }

  public void candidates(int all, int filteredByModel) {
    candidates.increment(all);
    filteredCandidates.increment(filteredByModel);
  }

  /** @param result {@code ok}, or the fail-open reason ({@code timeout}, {@code http_500}, {@code circuit_open}, ...) */
  public void filterCall(String result, long nanos) {
    filterResults.computeIfAbsent(result, r -> Counter.builder("bidsift.filter.calls").tag("result", r)
        .description("bid-filter calls by result; anything but ok failed open").register(registry)).increment();
    filterLatency.record(nanos, TimeUnit.NANOSECONDS);
  }

  /** @param reason {@code invalid} (400) or {@code too_large} (413) */
  public void rejected(String reason) {
    rejected.computeIfAbsent(reason, r -> Counter.builder("bidsift.requests.rejected").tag("reason", r)
        .description("requests refused before any auction").register(registry)).increment();
  }

  public void internalError() {
    internalErrors.increment();
  }

  double fillRate() {
    double all = filled.count() + unfilled.count();
    return all == 0 ? Double.NaN : filled.count() / all;
  }

  double filterRate() {
    double all = candidates.count();
    return all == 0 ? Double.NaN : filteredCandidates.count() / all;
  }
}
