package io.bidsift.simulator.behaviour;

import static org.assertj.core.api.Assertions.assertThat;

import io.bidsift.auctionlog.Outcome;
import io.bidsift.simulator.SimulatedMarket;
import io.bidsift.simulator.SimulatedMarket.Auction;
import io.bidsift.simulator.market.AdFormat;
import io.bidsift.simulator.market.Channel;
import io.bidsift.simulator.market.DeviceClass;
import io.bidsift.simulator.market.DspConfig;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The documented structure of the market, checked on 50,000 generated auctions (a week, so the
 * drift date is inside): every DSP near its target bid rate, and every behaviour factor visibly
 * changing bid rates in the data a model will learn from.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MarketStatisticsTest {

  private static final int AUCTIONS = 50_000;
  private static final Set<String> EU_DSP_COUNTRIES = Set.of("GBR", "DEU", "FRA", "ITA", "ESP", "NLD", "POL");

  private final SimulatedMarket sim = new SimulatedMarket();
  private final List<Row> rows = new ArrayList<>(AUCTIONS);

  /** One auction with its context and every DSP's decision, in market order. */
  private record Row(BidContext context, List<DspDecision> decisions) {
    DspDecision of(int dsp) {
      return decisions.get(dsp);
    }
  }

  MarketStatisticsTest() {
    for (Auction a : sim.auctions(AUCTIONS, LocalDate.of(2026, 11, 2), 7, 2026)) {
      BidContext c = BidContext.of(a.request(), a.time());
      List<DspDecision> decisions = new ArrayList<>();
      for (DspBehaviour dsp : sim.behaviour.dsps()) {
        decisions.add(dsp.decide(c, CalloutRandom.forCallout(42, a.request().id(), dsp.id())));
      }
      rows.add(new Row(c, decisions));
    }
  }

  @Test
  void everyDspBidsAtItsTargetRateBetweenOneAndThirtyPercent() {
    for (int k = 0; k < sim.market.dsps().size(); k++) {
      DspConfig dsp = sim.market.dsps().get(k);
      double rate = bidRate(k, r -> true);
      assertThat(rate).as(dsp.id()).isCloseTo(dsp.targetBidRate(),
          org.assertj.core.data.Offset.offset(0.1 * dsp.targetBidRate() + 0.002));
      assertThat(rate).as(dsp.id()).isBetween(0.01, 0.30);
    }
  }

  @Test
  void videoSpecialistBidsOnVideoAndNativeSpecialistOnNative() {
    int vidora = index("dsp-vidora");
    assertThat(bidRate(vidora, r -> r.context().format() == AdFormat.VIDEO))
        .isGreaterThan(8 * bidRate(vidora, r -> r.context().format() == AdFormat.BANNER));
    int nativa = index("dsp-nativa");
    assertThat(bidRate(nativa, r -> r.context().format() == AdFormat.NATIVE))
        .isGreaterThan(4 * bidRate(nativa, r -> r.context().format() == AdFormat.BANNER));
  }

  @Test
  void retargeterOnlyBidsOnIdentifiedUsers() {
    int recall = index("dsp-recall");
    assertThat(bids(recall, r -> !r.context().identified())).isZero();
    assertThat(count(r -> !r.context().identified())).isGreaterThan(AUCTIONS / 10);
    assertThat(bidRate(recall, r -> r.context().identified())).isGreaterThan(sim.market.dsps().get(recall).targetBidRate());
  }

  @Test
  void regionalDspBidsOnlyInItsCountriesAndWithConsent() {
    int eurobid = index("dsp-eurobid");
    assertThat(bids(eurobid, r -> !EU_DSP_COUNTRIES.contains(r.context().country()))).isZero();
    assertThat(bids(eurobid, r -> r.context().gdprWithoutConsent())).isZero();
    assertThat(count(r -> EU_DSP_COUNTRIES.contains(r.context().country()) && r.context().gdprWithoutConsent())).isGreaterThan(500);
    assertThat(bidRate(eurobid, r -> EU_DSP_COUNTRIES.contains(r.context().country()) && !r.context().gdprWithoutConsent()))
        .isGreaterThan(0.2);
  }

  @Test
  void consentMattersToGeneralistsToo() {
    int atlas = index("dsp-atlas");
    assertThat(bidRate(atlas, r -> r.context().gdprWithoutConsent()))
        .isLessThan(0.6 * bidRate(atlas, r -> Boolean.TRUE.equals(r.context().signals().gdprApplies()) && !r.context().gdprWithoutConsent()));
  }

  @Test
  void countryDeviceAndEnvironmentChangeBidRates() {
    int atlas = index("dsp-atlas");
    assertThat(bidRate(atlas, r -> "USA".equals(r.context().country())))
        .isGreaterThan(1.5 * bidRate(atlas, r -> "IND".equals(r.context().country())));
    int streamline = index("dsp-streamline");
    assertThat(bidRate(streamline, r -> r.context().deviceClass() == DeviceClass.CTV))
        .isGreaterThan(4 * bidRate(streamline, r -> r.context().deviceClass() == DeviceClass.PHONE));
    assertThat(bids(streamline, r -> r.context().channel() == Channel.SITE)).isZero();
    int pacifica = index("dsp-pacifica");
    // +0.8 against -0.4 log-odds.
    assertThat(bidRate(pacifica, r -> "JPN".equals(r.context().country())))
        .isGreaterThan(1.5 * bidRate(pacifica, r -> "IND".equals(r.context().country())));
  }

  @Test
  void nicheDspBidsOnlyOnUsVideoInMobileApps() {
    int spotlight = index("dsp-spotlight");
    assertThat(bids(spotlight, r -> true)).isGreaterThan(100);
    assertThat(bids(spotlight, r -> !("USA".equals(r.context().country()) && r.context().format() == AdFormat.VIDEO
        && r.context().channel() == Channel.APP
        && (r.context().deviceClass() == DeviceClass.PHONE || r.context().deviceClass() == DeviceClass.TABLET)))).isZero();
  }

  @Test
  void userIdRaisesBidRatesOfDspsThatValueIt() {
    int mobiq = index("dsp-mobiq");
    // +1 log-odds; identified and anonymous traffic also differ in country and publisher mix.
    assertThat(bidRate(mobiq, r -> r.context().identified()))
        .isGreaterThan(1.5 * bidRate(mobiq, r -> !r.context().identified()));
  }

  @Test
  void pacingMakesEveningsBusierThanNights() {
    int primetime = index("dsp-primetime");
    assertThat(bidRate(primetime, r -> r.context().localHour() >= 19 && r.context().localHour() <= 21))
        .isGreaterThan(4 * bidRate(primetime, r -> r.context().localHour() >= 7 && r.context().localHour() <= 9));
  }

  @Test
  void noDspEverBidsAboveItsValuationOrBelowTheFloor() {
    for (Row r : rows) {
      for (int k = 0; k < r.decisions().size(); k++) {
        DspDecision d = r.of(k);
        DspBehaviour dsp = sim.behaviour.dsps().get(k);
        double value = dsp.valuation(r.context(), 0);
        if (r.context().floor(0) > value) {
          assertThat(d.outcome()).isNotEqualTo(Outcome.BID);
          assertThat(d.probability()).isZero();
        }
        for (ImpBid b : d.bids()) {
          assertThat(b.price()).isBetween(r.context().floor(b.impIndex()), dsp.valuation(r.context(), b.impIndex()));
        }
      }
    }
    // The bargain hunter values little: floors rule it out of a large share of the market.
    int bargain = index("dsp-bargain");
    assertThat(count(r -> r.context().floor(0) > sim.behaviour.dsps().get(bargain).valuation(r.context(), 0)))
        .isGreaterThan(AUCTIONS / 5);
  }

  @Test
  void hardRulesHoldInTheData() {
    for (int k = 0; k < sim.market.dsps().size(); k++) {
      DspConfig dsp = sim.market.dsps().get(k);
      assertThat(bids(k, r -> r.context().coppa())).as(dsp.id()).isZero();
      assertThat(bids(k, r -> r.context().categories().stream().anyMatch(
          c -> dsp.blockedCategories().contains(c) || dsp.blockedCategories().contains(BidContext.topLevel(c)))))
          .as(dsp.id()).isZero();
    }
    assertThat(count(r -> r.context().coppa())).isGreaterThan(100);
  }

  @Test
  void driftMakesTheNativeSpecialistBuyVideoFromItsDate() {
    int nativa = index("dsp-nativa");
    Instant drift = Instant.parse("2026-11-06T00:00:00Z");
    double before = bidRate(nativa, r -> r.context().format() == AdFormat.VIDEO && r.context().time().isBefore(drift));
    double after = bidRate(nativa, r -> r.context().format() == AdFormat.VIDEO && !r.context().time().isBefore(drift));
    assertThat(after).isGreaterThan(5 * before);
  }

  @Test
  void latenciesFollowEachDspsDistribution() {
    for (int k = 0; k < sim.market.dsps().size(); k++) {
      DspConfig dsp = sim.market.dsps().get(k);
      int dspIndex = k;
      int[] latencies = rows.stream().map(r -> r.of(dspIndex))
          .filter(d -> d.outcome() == Outcome.BID || d.outcome() == Outcome.NO_BID).mapToInt(DspDecision::latencyMs).toArray();
      Arrays.sort(latencies);
      double median = latencies[latencies.length / 2];
      // Answered callouts only: the slow tail beyond tmax is cut off, which pulls the median down a little.
      assertThat(median).as(dsp.id()).isBetween(dsp.latency().medianMs() * 0.85, dsp.latency().medianMs() * 1.1);
      double errors = rows.stream().filter(r -> r.of(dspIndex).outcome() == Outcome.ERROR).count() / (double) AUCTIONS;
      assertThat(errors).as(dsp.id()).isCloseTo(dsp.errorRate(), org.assertj.core.data.Offset.offset(0.002 + dsp.errorRate() * 0.2));
    }
  }

  private int index(String id) {
    for (int k = 0; k < sim.market.dsps().size(); k++) {
      if (sim.market.dsps().get(k).id().equals(id)) {
        return k;
      }
    }
    throw new AssertionError("no DSP " + id);
  }

  /** Bids among answered callouts of the rows matching {@code p}. */
  private double bidRate(int dsp, Predicate<Row> p) {
    long answered = 0;
    long bids = 0;
    for (Row r : rows) {
      if (p.test(r)) {
        Outcome o = r.of(dsp).outcome();
        answered += o == Outcome.BID || o == Outcome.NO_BID ? 1 : 0;
        bids += o == Outcome.BID ? 1 : 0;
      }
    }
    assertThat(answered).as("answered callouts behind a bid rate").isGreaterThan(200);
    return (double) bids / answered;
  }

  private long bids(int dsp, Predicate<Row> p) {
    return rows.stream().filter(p).filter(r -> r.of(dsp).outcome() == Outcome.BID).count();
  }

  private long count(Predicate<Row> p) {
    return rows.stream().filter(p).count();
  }
}
