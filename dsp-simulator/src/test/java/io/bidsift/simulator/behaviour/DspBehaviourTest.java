package io.bidsift.simulator.behaviour;

import static org.assertj.core.api.Assertions.assertThat;

import io.bidsift.auctionlog.Outcome;
import io.bidsift.openrtb.BidRequest;
import io.bidsift.openrtb.BidResponse;
import io.bidsift.openrtb.BidResponseValidator;
import io.bidsift.simulator.SimulatedMarket;
import io.bidsift.simulator.SimulatedMarket.Auction;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Each factor of the behaviour model, switched on and off on the same request. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DspBehaviourTest {

  private final SimulatedMarket sim = new SimulatedMarket();
  private final List<Auction> auctions = sim.auctions(5_000, LocalDate.of(2026, 11, 2), 1, 11);

  @Test
  void sameSeedGivesTheSameDecisionAndAnotherSeedMayNot() {
    DspBehaviour atlas = sim.behaviour.dsp("dsp-atlas");
    Set<DspDecision> distinct = new HashSet<>();
    for (Auction a : auctions.subList(0, 200)) {
      DspDecision first = atlas.decide(a.request(), a.time(), CalloutRandom.forCallout(42, a.request().id(), "dsp-atlas"));
      DspDecision again = atlas.decide(a.request(), a.time(), CalloutRandom.forCallout(42, a.request().id(), "dsp-atlas"));
      assertThat(again).isEqualTo(first);
      distinct.add(first);
    }
    assertThat(distinct).hasSizeGreaterThan(150);
  }

  @Test
  void retargeterNeverBidsWithoutAUserId() {
    DspBehaviour recall = sim.behaviour.dsp("dsp-recall");
    Auction identified = find(a -> recall.bidProbability(context(a)) > 0.1);
    BidRequest anonymous = RequestEdits.anonymous(identified.request());

    assertThat(BidContext.of(anonymous, identified.time()).identified()).isFalse();
    assertThat(recall.bidProbability(BidContext.of(anonymous, identified.time()))).isZero();
    assertNeverBids(recall, anonymous, identified.time());
  }

  @Test
  void contentCategoriesShiftTheRetargeterAndBlockedOnesStopEveryone() {
    DspBehaviour recall = sim.behaviour.dsp("dsp-recall");
    Auction a = find(x -> recall.bidProbability(context(x)) > 0.02);
    double shopping = recall.bidProbability(BidContext.of(RequestEdits.withCategories(a.request(), List.of("IAB22")), a.time()));
    double news = recall.bidProbability(BidContext.of(RequestEdits.withCategories(a.request(), List.of("IAB12")), a.time()));

    // +1.2 against -0.5 log-odds (+0.7 more on desktops), shrunk a little by the noise.
    assertThat(Math.log(odds(shopping) / odds(news))).isGreaterThan(1.4);
    BidRequest adult = RequestEdits.withCategories(a.request(), List.of("IAB26-2"));
    for (DspBehaviour dsp : sim.behaviour.dsps()) {
      assertThat(dsp.bidProbability(BidContext.of(adult, a.time()))).as(dsp.id()).isZero();
    }
  }

  @Test
  void regionalDspNeedsConsentWhereGdprApplies() {
    DspBehaviour eurobid = sim.behaviour.dsp("dsp-eurobid");
    Auction consented = find(a -> eurobid.bidProbability(context(a)) > 0.1);
    BidRequest withoutConsent = RequestEdits.withConsent(consented.request(), null);

    assertThat(consented.request().regs().gdpr()).isEqualTo(1);
    assertThat(eurobid.bidProbability(BidContext.of(withoutConsent, consented.time()))).isZero();
    assertNeverBids(eurobid, withoutConsent, consented.time());
    // A soft no_consent effect lowers, but does not zero, a generalist's probability.
    DspBehaviour atlas = sim.behaviour.dsp("dsp-atlas");
    double with = atlas.bidProbability(context(consented));
    double without = atlas.bidProbability(BidContext.of(withoutConsent, consented.time()));
    assertThat(without).isPositive().isLessThan(with * 0.6);
  }

  @Test
  void floorAboveTheValuationMeansNoBidAndBelowItMeansPriceSensitivity() {
    for (DspBehaviour dsp : sim.behaviour.dsps()) {
      Auction a = find(x -> dsp.bidProbability(context(x)) > 0.01);
      double value = dsp.valuation(context(a), 0);
      BidRequest above = RequestEdits.withFloor(a.request(), Math.ceil(value * 101) / 100);
      BidRequest farBelow = RequestEdits.withFloor(a.request(), Math.round(value * 10) / 100.0);
      BidRequest justBelow = RequestEdits.withFloor(a.request(), Math.floor(value * 90) / 100);

      assertThat(dsp.bidProbability(BidContext.of(above, a.time()))).as(dsp.id()).isZero();
      assertNeverBids(dsp, above, a.time());
      double pFar = dsp.bidProbability(BidContext.of(farBelow, a.time()));
      double pNear = dsp.bidProbability(BidContext.of(justBelow, a.time()));
      if (dsp.config(a.time()).effects().priceSensitivity() > 0) {
        assertThat(pFar).as(dsp.id()).isGreaterThan(pNear);
      }
    }
  }

  @Test
  void bargainHunterIsTheMostPriceSensitive() {
    DspBehaviour bargain = sim.behaviour.dsp("dsp-bargain");
    Auction a = find(x -> bargain.bidProbability(context(x)) > 0.02);
    double value = bargain.valuation(context(a), 0);
    double low = bargain.bidProbability(BidContext.of(RequestEdits.withFloor(a.request(), value / 10), a.time()));
    double high = bargain.bidProbability(BidContext.of(RequestEdits.withFloor(a.request(), value * 0.9), a.time()));

    // 2.0 × (ln 10 − ln 1.11) ≈ 4.4 log-odds between the two floors.
    assertThat(odds(low) / odds(high)).isGreaterThan(30);
  }

  @Test
  void publisherAffinityIsFixedPerPublisherAndDiffersAcrossPublishers() {
    DspBehaviour atlas = sim.behaviour.dsp("dsp-atlas");
    Auction a = find(x -> atlas.bidProbability(context(x)) > 0.1);
    Set<Double> probabilities = new HashSet<>();
    for (int p = 0; p < 20; p++) {
      BidRequest other = RequestEdits.withPublisherId(a.request(), "pub-x" + p);
      double first = atlas.bidProbability(BidContext.of(other, a.time()));
      assertThat(atlas.bidProbability(BidContext.of(other, a.time()))).isEqualTo(first);
      probabilities.add(first);
    }
    assertThat(probabilities).hasSize(20);
    assertThat(probabilities.stream().mapToDouble(Double::doubleValue).max().orElseThrow())
        .isGreaterThan(1.5 * probabilities.stream().mapToDouble(Double::doubleValue).min().orElseThrow());
  }

  @Test
  void pacingFollowsTheLocalHour() {
    DspBehaviour primetime = sim.behaviour.dsp("dsp-primetime");
    Auction a = find(x -> primetime.bidProbability(context(x)) > 0.01);
    int localNow = context(a).localHour();
    // Move the same request to local 20:00 (peak) and to local 08:00 (trough).
    Instant peak = a.time().plus(Duration.ofHours(Math.floorMod(20 - localNow, 24)));
    Instant trough = a.time().plus(Duration.ofHours(Math.floorMod(8 - localNow, 24)));
    double pPeak = primetime.bidProbability(BidContext.of(a.request(), peak));
    double pTrough = primetime.bidProbability(BidContext.of(a.request(), trough));

    assertThat(BidContext.of(a.request(), peak).localHour()).isEqualTo(20);
    // amplitude 1.5: 3 log-odds between peak and trough (shrunk a little by the noise).
    assertThat(Math.log(odds(pPeak) / odds(pTrough))).isBetween(2.5, 3.0);
  }

  @Test
  void driftChangesBehaviourFromItsDateOn() {
    DspBehaviour nativa = sim.behaviour.dsp("dsp-nativa");
    Auction video = find(x -> x.request().imp().get(0).video() != null && nativa.bidProbability(context(x)) > 0);
    Instant before = Instant.parse("2026-11-05T20:00:00Z");
    Instant after = Instant.parse("2026-11-06T20:00:00Z");

    double pBefore = nativa.bidProbability(BidContext.of(video.request(), before));
    double pAfter = nativa.bidProbability(BidContext.of(video.request(), after));
    assertThat(pAfter).isGreaterThan(5 * pBefore);
    assertThat(nativa.config(after).effects().formats()).isNotEqualTo(nativa.config(before).effects().formats());
  }

  @Test
  void everyDecisionGivesAValidResponseWithPricesBetweenFloorAndValuation() {
    BidResponseValidator validator = new BidResponseValidator();
    int bids = 0;
    for (Auction a : auctions) {
      BidContext c = context(a);
      for (DspBehaviour dsp : sim.behaviour.dsps()) {
        DspDecision d = dsp.decide(c, CalloutRandom.forCallout(3, a.request().id(), dsp.id()));
        BidResponse response = dsp.respond(a.request(), d);
        assertThat(validator.validate(a.request(), response)).as("%s on %s", dsp.id(), a.request().id()).isEmpty();
        assertThat(response.id()).isEqualTo(a.request().id());
        if (d.outcome() != Outcome.BID) {
          assertThat(response.seatbid()).isNull();
          continue;
        }
        bids++;
        assertThat(response.seatbid().get(0).bid()).hasSameSizeAs(d.bids());
        for (ImpBid b : d.bids()) {
          assertThat(b.price()).isGreaterThanOrEqualTo(c.floor(b.impIndex())).isLessThanOrEqualTo(dsp.valuation(c, b.impIndex()))
              .isPositive();
        }
        assertThat(d.bids().get(0).impIndex()).isZero();
        assertThat(d.latencyMs()).isLessThan(c.tmaxMs());
      }
    }
    assertThat(bids).isGreaterThan(3_000);
  }

  @Test
  void timeoutsAreSlowerThanTmaxAndErrorsFollowTheConfiguredRate() {
    DspBehaviour flux = sim.behaviour.dsp("dsp-flux");
    int errors = 0;
    int timeouts = 0;
    for (Auction a : auctions) {
      BidContext c = context(a);
      DspDecision d = flux.decide(c, CalloutRandom.forCallout(5, a.request().id(), flux.id()));
      if (d.outcome() == Outcome.TIMEOUT) {
        timeouts++;
        assertThat(d.latencyMs()).isGreaterThanOrEqualTo(c.tmaxMs());
      } else if (d.outcome() == Outcome.ERROR) {
        errors++;
      } else {
        assertThat(d.latencyMs()).isLessThan(c.tmaxMs());
      }
    }
    double errorRate = flux.config(auctions.get(0).time()).errorRate();
    assertThat(errors / (double) auctions.size()).isCloseTo(errorRate, org.assertj.core.data.Offset.offset(0.006));
    // Hangs (3%) plus the slow tail of a 150 ms median with sigma 0.6 against tmax 300..1000 ms.
    assertThat(timeouts / (double) auctions.size()).isBetween(0.035, 0.10);
  }

  @Test
  void priceStaysWithinFloorAndValuationAtTheEdges() {
    assertThat(DspBehaviour.price(1.0, 1.0, 0.5)).isEqualTo(1.0);
    assertThat(DspBehaviour.price(0, 0.004, 0.99)).isPositive().isLessThanOrEqualTo(0.004);
    assertThat(DspBehaviour.price(0.29, 0.30, 0.0)).isBetween(0.29, 0.30);
    for (int i = 0; i < 1000; i++) {
      double floor = i / 100.0;
      double value = floor + i / 1000.0;
      double u = (i % 10) / 10.0;
      assertThat(DspBehaviour.price(floor, value, u)).isBetween(floor, value);
    }
  }

  private void assertNeverBids(DspBehaviour dsp, BidRequest request, Instant time) {
    BidContext c = BidContext.of(request, time);
    for (int seed = 0; seed < 300; seed++) {
      assertThat(dsp.decide(c, new SplittableRandom(seed)).outcome()).isNotEqualTo(Outcome.BID);
    }
  }

  private Auction find(Predicate<Auction> p) {
    return auctions.stream().filter(p).findFirst().orElseThrow(() -> new AssertionError("no generated auction fits"));
  }

  private static BidContext context(Auction a) {
    return BidContext.of(a.request(), a.time());
  }

  private static double odds(double p) {
    return p / (1 - p);
  }
}
