package io.bidsift.simulator.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.bidsift.auctionlog.AuctionRecord;
import io.bidsift.auctionlog.Callout;
import io.bidsift.auctionlog.Outcome;
import io.bidsift.auctionlog.SkipReason;
import io.bidsift.exploration.ExplorationSlice;
import io.bidsift.openrtb.OpenRtbCodec;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PhaseStatsTest {

  private static final OpenRtbCodec CODEC = new OpenRtbCodec();
  private static final Instant T0 = Instant.parse("2026-11-29T10:00:00Z");

  private static AuctionRecord auction(String id, Instant ts, Callout... callouts) {
    return new AuctionRecord(ts, CODEC.parseRequest("{\"id\":\"" + id + "\",\"imp\":[{\"id\":\"1\",\"banner\":{\"w\":300,\"h\":250}}]}"),
        "v1", List.of(callouts));
  }

  private static Callout bid(String dsp, double score, double price, boolean explore) {
    return new Callout(dsp, true, explore, score, Outcome.BID, price, 30, null);
  }

  private static Callout noBid(String dsp, double score) {
    return new Callout(dsp, true, false, score, Outcome.NO_BID, null, 30, null);
  }

  private static Callout filtered(String dsp, double score) {
    return new Callout(dsp, false, false, score, Outcome.FILTERED, null, null, SkipReason.MODEL);
  }

  @Test
  void countsCalloutsBidsValueAndBidsBelowThresholdWithinThePhaseWindowOnly() {
    PhaseStats.Accumulator acc = new PhaseStats.Accumulator(T0, T0.plusSeconds(60),
        Map.of("a", 0.2, "b", 0.5), new ExplorationSlice(0));
    acc.accept(auction("r1", T0, bid("a", 0.1, 2.0, false), bid("b", 0.9, 3.0, false), noBid("c", 0.4)));
    acc.accept(auction("r2", T0.plusSeconds(10), filtered("a", 0.05), noBid("b", 0.6), filtered("c", 0.01)));
    acc.accept(auction("r3", T0.plusSeconds(60), bid("a", 0.9, 9.0, false)));
    PhaseStats s = acc.result();
    assertThat(s.auctions()).isEqualTo(2);
    assertThat(s.candidates()).isEqualTo(6);
    assertThat(s.sent()).isEqualTo(4);
    assertThat(s.saved()).isEqualTo(1 - 4.0 / 6);
    assertThat(s.bids()).isEqualTo(2);
    assertThat(s.filledAuctions()).isEqualTo(1);
    assertThat(s.bidValue()).isEqualTo(3.0);
    assertThat(s.lostAtThresholds()).isEqualTo(0.5);
  }

  @Test
  void theLiveEstimateCountsBidsOfExploredAuctionsRecomputedFromTheRequestId() {
    PhaseStats.Accumulator acc = new PhaseStats.Accumulator(T0, T0.plusSeconds(60), Map.of(), new ExplorationSlice(1.0));
    acc.accept(auction("r1", T0, bid("a", 0.1, 2.0, true), bid("b", 0.9, 3.0, false), bid("c", 0.9, 1.0, false)));
    assertThat(acc.result().lostFromExploration()).isEqualTo(1.0 / 3);
    PhaseStats.Accumulator none = new PhaseStats.Accumulator(T0, T0.plusSeconds(60), Map.of(), new ExplorationSlice(0));
    none.accept(auction("r1", T0, bid("a", 0.1, 2.0, true)));
    assertThat(none.result().lostFromExploration()).isNaN();
  }
}
