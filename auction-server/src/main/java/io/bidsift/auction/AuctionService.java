package io.bidsift.auction;

import io.bidsift.auction.clearing.CandidateBid;
import io.bidsift.auction.clearing.ImpAuction;
import io.bidsift.auction.clearing.ImpWinner;
import io.bidsift.auction.clearing.PriceMacros;
import io.bidsift.auction.config.AuctionServerSettings;
import io.bidsift.auction.config.DspConfig;
import io.bidsift.auction.fanout.CalloutBodies;
import io.bidsift.auction.fanout.DspAnswer;
import io.bidsift.auction.fanout.DspClient;
import io.bidsift.auction.fanout.OpenRtb25Downconverter;
import io.bidsift.auction.filter.BidFilterClient;
import io.bidsift.auction.filter.FilterDecision;
import io.bidsift.auction.filter.FilterVerdict;
import io.bidsift.auction.health.DspHealth;
import io.bidsift.auction.health.DspHealthGate;
import io.bidsift.auction.log.AsyncAuctionLog;
import io.bidsift.auction.metrics.AuctionMetrics;
import io.bidsift.auction.metrics.DspMeters;
import io.bidsift.auction.qps.QpsGovernor;
import io.bidsift.auctionlog.AuctionRecord;
import io.bidsift.auctionlog.Callout;
import io.bidsift.auctionlog.Outcome;
import io.bidsift.openrtb.Bid;
import io.bidsift.openrtb.BidRequest;
import io.bidsift.openrtb.BidResponse;
import io.bidsift.openrtb.BidResponseValidator;
import io.bidsift.openrtb.BidVerdict;
import io.bidsift.openrtb.Imp;
import io.bidsift.openrtb.OpenRtbCodec;
import io.bidsift.openrtb.SeatBid;
import io.bidsift.signals.RequestSignals;
import io.bidsift.signals.SignalExtractor;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import reactor.core.publisher.Mono;

/**
 * Runs one auction on a valid, up-converted request: static pretargeting, the bid filter, the DSP
 * health throttle, QPS caps, the fan-out within tmax, bid validation, the auction per imp, the
 * response, the log record and the metrics. See docs/auction-server.md for the flow and its rules.
 */
public final class AuctionService {

  private static final String DEFAULT_CURRENCY = "USD";

  private final List<DspConfig> dsps;
  private final AuctionServerSettings settings;
  private final OpenRtbCodec codec;
  private final OpenRtb25Downconverter downconverter;
  private final SignalExtractor signals = new SignalExtractor();
  private final BidResponseValidator validator = new BidResponseValidator();
  private final BidFilterClient filter;
  private final DspHealth health;
  private final QpsGovernor qps;
  private final DspClient dspClient;
  private final AsyncAuctionLog log;
  private final AuctionMetrics metrics;

  /** @param filter null when the server runs without a bid filter */
  public AuctionService(AuctionServerSettings settings, OpenRtbCodec codec, BidFilterClient filter, DspHealth health,
                        QpsGovernor qps, DspClient dspClient, AsyncAuctionLog log, AuctionMetrics metrics) {
    this.settings = settings;
    this.dsps = settings.dsps();
    this.codec = codec;
    this.downconverter = new OpenRtb25Downconverter(codec.requestJson());
    this.filter = filter;
    this.health = health;
    this.qps = qps;
    this.dspClient = dspClient;
    this.log = log;
    this.metrics = metrics;
  }

  /**
   * @param request    valid and up-converted
   * @param ts         the auction's start, for the log and the filter
   * @param startNanos when the request arrived ({@link System#nanoTime()}), the origin of its tmax
   */
  public Mono<AuctionResult> run(BidRequest request, Instant ts, long startNanos) {
    RequestSignals requestSignals = signals.extract(request, ts);
    List<DspConfig> candidates = new ArrayList<>(dsps.size());
    List<Integer> orders = new ArrayList<>(dsps.size());
    for (int i = 0; i < dsps.size(); i++) {
      DspConfig dsp = dsps.get(i);
      if (dsp.enabled() && dsp.pretargeting().matches(requestSignals)) {
        candidates.add(dsp);
        orders.add(i);
      }
    }
    int tmax = request.tmax() == null || request.tmax() <= 0 ? settings.defaultTmaxMs()
        : Math.min(request.tmax(), settings.maxTmaxMs());
    long deadline = startNanos + TimeUnit.MILLISECONDS.toNanos(Math.max(0, tmax - settings.safetyMarginMs()));
    Mono<FilterVerdict> verdict;
    if (candidates.isEmpty() || filter == null) {
      verdict = Mono.just(FilterVerdict.failOpen(candidates.isEmpty() ? "no_candidates" : "disabled"));
    } else {
      long filterStart = System.nanoTime();
      verdict = filter.filter(codec.writeRequest(request), ids(candidates), ts)
          .doOnNext(v -> metrics.filterCall(v.failedOpen() ? v.failure() : "ok", System.nanoTime() - filterStart));
    }
    return verdict.flatMap(v -> fanOut(request, ts, startNanos, deadline, candidates, orders, v));
  }

  private Mono<AuctionResult> fanOut(BidRequest request, Instant ts, long startNanos, long deadline,
                                     List<DspConfig> candidates, List<Integer> orders, FilterVerdict verdict) {
    List<CalloutState> states = new ArrayList<>(candidates.size());
    List<Send> sends = new ArrayList<>(candidates.size());
    CalloutBodies bodies = new CalloutBodies(request, codec, downconverter);
    int filteredByModel = 0;
    for (int i = 0; i < candidates.size(); i++) {
      DspConfig dsp = candidates.get(i);
      FilterDecision decision = verdict.decision(dsp.id());
      CalloutState state = new CalloutState(dsp, orders.get(i), decision);
      states.add(state);
      DspMeters meters = metrics.dsp(dsp.id());
      if (decision != null && !decision.call()) {
        state.fate = DspFate.FILTERED;
        meters.filtered.increment();
        filteredByModel++;
        continue;
      }
      // Before the QPS cap, so the callouts a throttled DSP is not sent spend none of its QPS.
      DspHealthGate gate = health.gate(dsp.id());
      state.health = gate.admit();
      if (state.health != DspHealthGate.Admission.CALL && isTest(request)) {
        state.failureRate = gate.failureRate();
      }
      if (state.health == DspHealthGate.Admission.THROTTLED) {
        state.fate = DspFate.THROTTLED;
        meters.throttled.increment();
        continue;
      }
      if (!qps.tryAdmit(dsp.id(), state.score())) {
        state.fate = DspFate.OVER_QPS;
        meters.overQps.increment();
        continue;
      }
      long budgetMs = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()) - dsp.tmaxDeductionMs();
      if (budgetMs <= 0) {
        state.fate = DspFate.NO_TIME;
        continue;
      }
      state.sent = true;
      meters.sent.increment();
      if (state.explored()) {
        meters.explored.increment();
      }
      sends.add(new Send(state, bodies.body(dsp, (int) budgetMs), Duration.ofMillis(budgetMs)));
    }
    metrics.candidates(candidates.size(), filteredByModel);
    long fanOutStart = System.nanoTime();
    // A plain countdown rather than a merge of Monos: the last answer settles the auction. Answers may
    // arrive on other threads; each is written before its countdown step, the settling thread reads
    // them after the last step (AtomicInteger's ordering).
    return Mono.create(sink -> {
      Runnable settleOnce = () -> {
        try {
          sink.success(settle(request, ts, startNanos, fanOutStart, states, verdict));
        } catch (RuntimeException e) {
          sink.error(e);
        }
      };
      if (sends.isEmpty()) {
        settleOnce.run();
        return;
      }
      AtomicInteger pending = new AtomicInteger(sends.size());
      for (Send send : sends) {
        dspClient.call(send.state().dsp, send.body(), send.budget(), answer -> {
          send.state().answer = answer;
          if (pending.decrementAndGet() == 0) {
            settleOnce.run();
          }
        });
      }
    });
  }

  /** A callout decided on, sent once the auction's result is subscribed to. */
  private record Send(CalloutState state, byte[] body, Duration budget) {
  }

  private AuctionResult settle(BidRequest request, Instant ts, long startNanos, long fanOutStart,
                               List<CalloutState> states, FilterVerdict verdict) {
    String currency = request.cur() == null || request.cur().isEmpty() ? DEFAULT_CURRENCY : request.cur().get(0);
    Map<String, List<CandidateBid>> bidsByImp = new HashMap<>();
    int slowestMs = 0;
    for (CalloutState state : states) {
      if (!state.sent) {
        continue;
      }
      slowestMs = Math.max(slowestMs, state.answer.latencyMs());
      collectBids(request, currency, state, bidsByImp);
    }
    Map<String, List<Bid>> seats = new LinkedHashMap<>();
    Map<String, CalloutState> byDsp = new HashMap<>();
    for (CalloutState s : states) {
      byDsp.put(s.dsp.id(), s);
    }
    double revenueCpm = 0;
    int at = request.at() == null ? 1 : request.at();
    for (Imp imp : request.imp()) {
      ImpWinner winner = ImpAuction.clear(imp, bidsByImp.getOrDefault(imp.id(), List.of()), at);
      if (winner == null) {
        continue;
      }
      String dsp = winner.bid().dsp();
      seats.computeIfAbsent(dsp, d -> new ArrayList<>(1)).add(PriceMacros.settle(winner.bid().bid(), winner.price()));
      byDsp.get(dsp).fate = DspFate.WON;
      metrics.dsp(dsp).wins.increment();
      revenueCpm += winner.price();
    }
    for (CalloutState s : states) {
      if (s.fate == null) {
        s.fate = fateOfLoser(s);
      }
      if (s.sent) {
        recordAnswerMetrics(s);
        DspAnswer.Status status = s.answer.status();
        health.gate(s.dsp.id()).record(status == DspAnswer.Status.ERROR || status == DspAnswer.Status.TIMEOUT);
      }
    }
    BidResponse response = null;
    if (!seats.isEmpty()) {
      List<SeatBid> seatBids = new ArrayList<>(seats.size());
      seats.forEach((dsp, bids) -> seatBids.add(new SeatBid(bids, dsp, null, null, null)));
      response = new BidResponse(request.id(), seatBids, null, currency, null, null,
          isTest(request) ? TestModeExplanation.of(verdict, states, dsps) : null, null);
    }
    List<Callout> callouts = new ArrayList<>(states.size());
    for (CalloutState s : states) {
      callouts.add(s.toCallout());
    }
    log.submit(new AuctionRecord(ts, request, verdict.model(), callouts));
    metrics.logged(callouts);
    long now = System.nanoTime();
    long overhead = (now - startNanos) - (slowestMs > 0 ? Math.min(now - fanOutStart,
        TimeUnit.MILLISECONDS.toNanos(slowestMs)) : 0);
    metrics.auction(response != null, revenueCpm, now - startNanos, overhead);
    return new AuctionResult(response);
  }

  private void collectBids(BidRequest request, String currency, CalloutState state,
                           Map<String, List<CandidateBid>> bidsByImp) {
    DspAnswer answer = state.answer;
    if (answer.status() != DspAnswer.Status.RESPONDED) {
      return;
    }
    BidResponse response = answer.response();
    String responseCurrency = response.cur() == null ? DEFAULT_CURRENCY : response.cur();
    boolean auctionCurrency = responseCurrency.equalsIgnoreCase(currency);
    Map<String, Bid> bestPerImp = new HashMap<>(2);
    for (BidVerdict v : validator.verdicts(request, response)) {
      Bid bid = v.bid();
      if (bid.price() != null && Double.isFinite(bid.price())
          && (state.bidPrice == null || bid.price() > state.bidPrice)) {
        state.bidPrice = bid.price();
      }
      if (!v.valid()) {
        state.problems.addAll(v.problems());
        state.invalidBids++;
        continue;
      }
      if (!auctionCurrency) {
        state.invalidBids++;
        state.problems.add("response.cur \"" + responseCurrency + "\" is not the auction currency " + currency);
        continue;
      }
      Bid best = bestPerImp.get(bid.impid());
      if (best == null || bid.price() > best.price()) {
        bestPerImp.put(bid.impid(), bid);
      }
    }
    state.hadValidBid = !bestPerImp.isEmpty();
    bestPerImp.forEach((imp, bid) -> bidsByImp.computeIfAbsent(imp, i -> new ArrayList<>(4))
        .add(new CandidateBid(state.dsp.id(), state.order, bid)));
  }

  private static DspFate fateOfLoser(CalloutState s) {
    return switch (s.answer.status()) {
      case TIMEOUT -> DspFate.TIMED_OUT;
      case ERROR -> DspFate.ERROR;
      case NO_BID -> DspFate.NO_BID;
      case RESPONDED -> {
        if (s.hadValidBid) {
          yield DspFate.LOST;
        }
        if (s.bidPrice == null) {
          yield DspFate.NO_BID;
        }
        yield allBelowFloor(s.problems) ? DspFate.BELOW_FLOOR : DspFate.INVALID_BID;
      }
    };
  }

  private static boolean allBelowFloor(List<String> problems) {
    if (problems.isEmpty()) {
      return false;
    }
    for (String p : problems) {
      if (!p.contains(".bidfloor ")) {
        return false;
      }
    }
    return true;
  }

  private void recordAnswerMetrics(CalloutState s) {
    DspMeters m = metrics.dsp(s.dsp.id());
    m.latency.record(s.answer.latencyMs(), TimeUnit.MILLISECONDS);
    switch (s.outcome()) {
      case BID -> m.bids.increment();
      case NO_BID -> m.noBids.increment();
      case TIMEOUT -> m.timeouts.increment();
      case ERROR -> m.errors.increment();
      default -> { }
    }
    if (s.invalidBids > 0) {
      m.invalidBids.increment(s.invalidBids);
    }
    if (s.outcome() == Outcome.BID && s.decision != null && s.decision.explore()) {
      m.explorationBids.increment();
      if (s.decision.modelWouldSkip()) {
        m.explorationBidsModelWouldSkip.increment();
      }
    }
  }

  private static boolean isTest(BidRequest request) {
    return request.test() != null && request.test() == 1;
  }

  private static List<String> ids(List<DspConfig> candidates) {
    List<String> ids = new ArrayList<>(candidates.size());
    for (DspConfig d : candidates) {
      ids.add(d.id());
    }
    return ids;
  }
}
