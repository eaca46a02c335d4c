package io.bidsift.filter.decide;

import static org.assertj.core.api.Assertions.assertThat;

import io.bidsift.auctionlog.Outcome;
import io.bidsift.exploration.ExplorationSlice;
import io.bidsift.filter.Fixtures;
import io.bidsift.filter.model.ServingModel;
import io.bidsift.openrtb.BidRequest;
import io.bidsift.openrtb.OpenRtbCodec;
import io.bidsift.openrtb.OpenRtbUpconverter;
import io.bidsift.simulator.behaviour.CalloutRandom;
import io.bidsift.simulator.behaviour.DspBehaviour;
import io.bidsift.simulator.behaviour.MarketBehaviour;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuctionFilterTest {

  private static ServingModel model;

  @BeforeAll
  static void load(@TempDir Path tmp) {
    model = Fixtures.model(tmp);
  }

  private static AuctionFilter filter(ServingModel served, double explorationRate, boolean shadow, RecallTarget target) {
    return new AuctionFilter(() -> served, new OperatingPoint(target, shadow), new ExplorationSlice(explorationRate),
        new OpenRtbUpconverter(new OpenRtbCodec()), FilterMetrics.NONE, Clock.systemUTC());
  }

  @Test
  void savesMostCalloutsWhileKeepingTheMarketsBidsOnFreshTraffic() {
    // Oracle: the simulated market itself decides whether each DSP bids, exactly as its live fleet would.
    MarketBehaviour market = Fixtures.market();
    AuctionFilter filter = filter(model, 0, false, null);
    long callouts = 0;
    long called = 0;
    long bids = 0;
    long bidsKept = 0;
    for (BidRequest request : Fixtures.requests(3_000, 99)) {
      FilterResult result = filter.decide(request, null, Fixtures.NOON);
      for (Decision d : result.decisions()) {
        DspBehaviour dsp = market.dsp(d.dsp());
        boolean bid = dsp.decide(request, Fixtures.NOON, CalloutRandom.forCallout(99, request.id(), d.dsp())).outcome()
            == Outcome.BID;
        callouts++;
        called += d.call() ? 1 : 0;
        bids += bid ? 1 : 0;
        bidsKept += bid && d.call() ? 1 : 0;
      }
    }
    double saved = 1 - (double) called / callouts;
    double recall = (double) bidsKept / bids;
    assertThat(bids).isGreaterThan(500);
    // The fixture model saved 50.5% at 97.3% recall on its held-out day; fresh traffic at noon is close.
    assertThat(saved).isGreaterThan(0.35);
    assertThat(recall).isGreaterThan(0.90);
  }

  @Test
  void everyKnownDspIsScoredInTheOrderAskedAndCalledExactlyWhenItsScoreReachesItsThreshold() {
    AuctionFilter filter = filter(model, 0, false, null);
    List<String> asked = List.of("dsp-flux", "dsp-atlas", "dsp-spotlight");
    int skipped = 0;
    for (BidRequest request : Fixtures.requests(300, 5)) {
      FilterResult result = filter.decide(request, asked, Fixtures.NOON);
      assertThat(result.model()).isEqualTo(model.version());
      assertThat(result.decisions()).extracting(Decision::dsp).containsExactlyElementsOf(asked);
      for (Decision d : result.decisions()) {
        assertThat(d.score()).isBetween(0f, 1f);
        assertThat(d.threshold()).isEqualTo(model.manifest().threshold(d.dsp()));
        assertThat(d.call()).isEqualTo(d.score() >= d.threshold());
        assertThat(d.explore()).isFalse();
        skipped += d.call() ? 0 : 1;
      }
    }
    assertThat(skipped).as("the thresholds filter something").isGreaterThan(100);
  }

  @Test
  void withoutDspsEveryDspTheModelKnowsIsDecided() {
    FilterResult result = filter(model, 0, false, null).decide(Fixtures.requests(1, 1).get(0), null, null);
    assertThat(result.decisions()).extracting(Decision::dsp).containsExactlyElementsOf(model.dsps());
    assertThat(model.dsps()).hasSize(13);
  }

  @Test
  void aDspTheModelNeverSawIsCalledUnscored() {
    FilterResult result = filter(model, 0, false, null)
        .decide(Fixtures.requests(1, 2).get(0), List.of("dsp-newcomer", "dsp-atlas"), Fixtures.NOON);
    Decision unknown = result.decisions().get(0);
    assertThat(unknown.call()).isTrue();
    assertThat(unknown.score()).isNull();
    assertThat(unknown.threshold()).isNull();
    assertThat(result.decisions().get(1).score()).isNotNull();
  }

  @Test
  void withoutAModelEveryDspIsCalledUnscoredAndNoVersionIsClaimed() {
    FilterResult result = filter(null, 0, false, null)
        .decide(Fixtures.requests(1, 3).get(0), List.of("dsp-atlas", "dsp-flux"), Fixtures.NOON);
    assertThat(result.model()).isNull();
    assertThat(result.decisions()).allSatisfy(d -> {
      assertThat(d.call()).isTrue();
      assertThat(d.score()).isNull();
    });
  }

  @Test
  void anAuctionInTheExplorationSliceCallsEveryDspAndMarksOnlyThoseTheModelWouldSkip() {
    AuctionFilter exploring = filter(model, 1.0, false, null);
    int explored = 0;
    for (BidRequest request : Fixtures.requests(100, 7)) {
      FilterResult result = exploring.decide(request, null, Fixtures.NOON);
      assertThat(result.exploration()).isTrue();
      for (Decision d : result.decisions()) {
        assertThat(d.call()).isTrue();
        boolean modelWouldCall = d.threshold() == null || d.score() >= d.threshold();
        assertThat(d.explore()).isEqualTo(!modelWouldCall);
        explored += d.explore() ? 1 : 0;
      }
    }
    assertThat(explored).isGreaterThan(100);
  }

  @Test
  void theExplorationSliceIsTheConfiguredShareOfAuctions() {
    AuctionFilter filter = filter(model, 0.05, false, null);
    long inSlice = Fixtures.requests(4_000, 11).stream()
        .filter(r -> filter.decide(r, List.of("dsp-atlas"), Fixtures.NOON).exploration()).count();
    // 5% of 4000 = 200, sd ~ 13.8
    assertThat(inSlice).isBetween(140L, 260L);
  }

  @Test
  void shadowModeCallsEveryDspButReportsWhatTheModelDecided() {
    AuctionFilter shadow = filter(model, 0, true, null);
    AuctionFilter live = filter(model, 0, false, null);
    for (BidRequest request : Fixtures.requests(200, 13)) {
      FilterResult s = shadow.decide(request, null, Fixtures.NOON);
      FilterResult l = live.decide(request, null, Fixtures.NOON);
      assertThat(s.shadow()).isTrue();
      for (int i = 0; i < s.decisions().size(); i++) {
        assertThat(s.decisions().get(i).call()).isTrue();
        assertThat(s.decisions().get(i).modelCall()).isEqualTo(l.decisions().get(i).call());
        assertThat(s.decisions().get(i).score()).isEqualTo(l.decisions().get(i).score());
      }
    }
  }

  @Test
  void theAuctionTimeFromTsDrivesTheTimeFeatures() {
    AuctionFilter filter = filter(model, 0, false, null);
    int changed = 0;
    for (BidRequest request : Fixtures.requests(200, 17)) {
      List<Decision> noon = filter.decide(request, null, Fixtures.NOON).decisions();
      List<Decision> night = filter.decide(request, null, Fixtures.NOON.plus(Duration.ofHours(12))).decisions();
      List<Decision> again = filter.decide(request, null, Fixtures.NOON).decisions();
      for (int i = 0; i < noon.size(); i++) {
        assertThat(again.get(i).score()).isEqualTo(noon.get(i).score());
        changed += noon.get(i).score().equals(night.get(i).score()) ? 0 : 1;
      }
    }
    assertThat(changed).as("scores that moved with the time of day").isGreaterThan(100);
  }

  @Test
  void aHigherTargetRecallFromTheRecallTableCallsMoreDsps() {
    List<BidRequest> requests = Fixtures.requests(500, 19);
    long atBundle = calls(filter(model, 0, false, null), requests);
    long at99 = calls(filter(model, 0, false, new RecallTarget(0.99, 0)), requests);
    long at80 = calls(filter(model, 0, false, new RecallTarget(0.80, 0)), requests);
    assertThat(at99).isGreaterThan(atBundle);
    assertThat(at80).isLessThan(atBundle);
  }

  private static long calls(AuctionFilter filter, List<BidRequest> requests) {
    return requests.stream().flatMap(r -> filter.decide(r, null, Fixtures.NOON).decisions().stream())
        .filter(Decision::call).count();
  }
}
