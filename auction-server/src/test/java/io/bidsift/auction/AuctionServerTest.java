package io.bidsift.auction;

import static org.assertj.core.api.Assertions.assertThat;

import io.bidsift.auction.config.AuctionServerSettings;
import io.bidsift.auctionlog.AuctionRecord;
import io.bidsift.auctionlog.Callout;
import io.bidsift.auctionlog.Outcome;
import io.bidsift.json.JsonObject;
import io.bidsift.openrtb.Bid;
import io.bidsift.openrtb.BidRequest;
import io.bidsift.openrtb.BidResponse;
import io.bidsift.simulator.behaviour.CalloutRandom;
import io.bidsift.simulator.behaviour.DspBehaviour;
import io.bidsift.simulator.behaviour.DspDecision;
import io.bidsift.simulator.behaviour.ImpBid;
import io.bidsift.testsupport.OpenRtbCorpus;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The auction server over HTTP against the real simulated DSP fleet, without a bid filter. */
class AuctionServerTest {

  /** Generous, so no DSP of a valid request is near the deadline and the outcome can be recomputed. */
  private static final int TMAX = 1500;
  /** DSPs decided slower than this are left out of the oracle (they may or may not make it). */
  private static final int SURELY_IN_TIME_MS = 900;

  @TempDir
  static Path logs;
  private static SimulatedFleet fleet;
  private static RunningServer server;
  private static final List<String> auctionedIds = new ArrayList<>();

  @BeforeAll
  static void start() throws InterruptedException {
    fleet = new SimulatedFleet();
    server = new RunningServer(AuctionServerSettings.defaults(fleet.dsps(), null, logs));
  }

  @AfterAll
  static void stop() {
    server.close();
    fleet.close();
  }

  @Test
  void eachImpGoesToTheHighestValidBidAtItsPriceWithThePriceMacroSubstituted() {
    int checked = 0;
    int filled = 0;
    List<BidRequest> requests = SimulatedFleet.requests(60, 7).stream().map(r -> Requests.with(r, TMAX, null, 1))
        .filter(r -> expectedWinningPrices(r) != null).toList();
    List<HttpResponse<String>> answers = server.postAll(requests);
    for (int i = 0; i < requests.size(); i++) {
      BidRequest request = requests.get(i);
      Map<String, Double> expected = expectedWinningPrices(request);
      HttpResponse<String> answer = answers.get(i);
      auctionedIds.add(request.id());
      checked++;
      if (expected.isEmpty()) {
        assertThat(answer.statusCode()).as("nobody bid on %s", request.id()).isEqualTo(204);
        continue;
      }
      filled++;
      assertThat(answer.statusCode()).isEqualTo(200);
      BidResponse response = RunningServer.CODEC.parseResponse(answer.body().getBytes(StandardCharsets.UTF_8));
      assertThat(response.id()).isEqualTo(request.id());
      Map<String, Double> won = new HashMap<>();
      response.seatbid().forEach(seat -> seat.bid().forEach(bid -> {
        won.put(bid.impid(), bid.price());
        assertThat(bid.burl()).doesNotContain("${AUCTION_PRICE}").contains("price=" + plain(bid.price()));
      }));
      assertThat(won).isEqualTo(expected);
    }
    assertThat(checked).isGreaterThan(30);
    assertThat(filled).isGreaterThan(10);
  }

  @Test
  void secondPriceAuctionChargesTheRunnerUpPlusACentCappedAtTheWinningBid() {
    int checked = 0;
    List<BidRequest> requests = SimulatedFleet.requests(60, 8).stream().map(r -> Requests.with(r, TMAX, null, 2))
        .filter(r -> bidsPerImp(r) != null && !bidsPerImp(r).isEmpty()).toList();
    List<HttpResponse<String>> answers = server.postAll(requests);
    for (int i = 0; i < requests.size(); i++) {
      BidRequest request = requests.get(i);
      Map<String, List<Double>> bidsPerImp = bidsPerImp(request);
      HttpResponse<String> answer = answers.get(i);
      auctionedIds.add(request.id());
      assertThat(answer.statusCode()).isEqualTo(200);
      BidResponse response = RunningServer.CODEC.parseResponse(answer.body().getBytes(StandardCharsets.UTF_8));
      for (var seat : response.seatbid()) {
        for (Bid bid : seat.bid()) {
          List<Double> prices = bidsPerImp.get(bid.impid());
          Double impFloor = request.imp().stream().filter(imp -> imp.id().equals(bid.impid())).findFirst()
              .orElseThrow().bidfloor();
          double floor = impFloor == null ? 0 : impFloor;
          double second = prices.size() > 1 ? prices.get(1) : 0;
          double clearing = Math.min(prices.get(0), Math.round((Math.max(second, floor) + 0.01) * 10000) / 10000.0);
          assertThat(bid.price()).isCloseTo(clearing, org.assertj.core.data.Offset.offset(1e-9));
          assertThat(bid.burl()).contains("price=" + plain(bid.price()));
          checked++;
        }
      }
    }
    assertThat(checked).isGreaterThan(5);
  }

  @Test
  void answers204WhenNobodyBids() {
    BidRequest request = Requests.withFloor(Requests.with(SimulatedFleet.requests(1, 9).get(0), TMAX, null, 1), 999);
    HttpResponse<String> answer = server.post(request);
    auctionedIds.add(request.id());
    assertThat(answer.statusCode()).isEqualTo(204);
    assertThat(answer.body()).isEmpty();
  }

  @Test
  void testModeExplainsEveryDspsFate() {
    int explained = 0;
    List<BidRequest> requests = SimulatedFleet.requests(20, 10).stream().map(r -> Requests.with(r, TMAX, 1, 1))
        .toList();
    List<HttpResponse<String>> answers = server.postAll(requests);
    for (int i = 0; i < requests.size(); i++) {
      BidRequest request = requests.get(i);
      HttpResponse<String> answer = answers.get(i);
      auctionedIds.add(request.id());
      if (answer.statusCode() != 200) {
        continue;
      }
      BidResponse response = RunningServer.CODEC.parseResponse(answer.body().getBytes(StandardCharsets.UTF_8));
      JsonObject dsps = response.ext().object("bidsift").object("dsps");
      assertThat(dsps.members().keySet()).containsExactlyInAnyOrderElementsOf(fleet.fleet.dspIds());
      String winner = response.seatbid().get(0).seat();
      assertThat(dsps.object(winner).string("fate")).isEqualTo("won");
      assertThat(dsps.members().values()).allSatisfy(v -> assertThat(((JsonObject) v).string("fate"))
          .isIn(Arrays.stream(DspFate.values()).map(DspFate::wire).toList()));
      explained++;
    }
    assertThat(explained).isPositive();
  }

  @Test
  void invalidRequestsGet400ListingEveryProblem() throws Exception {
    for (Path file : OpenRtbCorpus.invalid()) {
      HttpResponse<String> answer = server.post(OpenRtbCorpus.read(file));
      assertThat(answer.statusCode()).as(file.getFileName().toString()).isEqualTo(400);
      assertThat(answer.body()).as(file.getFileName().toString()).startsWith("{\"errors\":[\"request");
    }
    HttpResponse<String> several = server.post(
        "{\"id\":\"r\",\"imp\":[{\"id\":\"1\",\"banner\":{\"w\":-1,\"h\":-2}}],\"at\":7}".getBytes(StandardCharsets.UTF_8));
    assertThat(several.statusCode()).isEqualTo(400);
    assertThat(several.body()).contains("request.imp[0].banner.w", "request.imp[0].banner.h", "request.at",
        "request.site");
    for (String garbage : List.of("", "nope", "[1,2]", "{\"id\":", "{\"imp\":{}}", "[".repeat(10_000))) {
      assertThat(server.post(garbage.getBytes(StandardCharsets.UTF_8)).statusCode()).as(garbage).isEqualTo(400);
    }
  }

  @Test
  void bodiesOverTheLimitGet413() {
    byte[] huge = ("{\"id\":\"" + "x".repeat(600 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8);
    assertThat(server.post(huge).statusCode()).isEqualTo(413);
  }

  @Test
  void metricsAndHealthAreExposed() throws Exception {
    server.post(Requests.with(SimulatedFleet.requests(1, 11).get(0), TMAX, null, 1));
    String prometheus = server.get("/actuator/prometheus");
    assertThat(prometheus).contains("bidsift_dsp_sent_total{dsp=\"dsp-atlas\"}", "bidsift_auction_latency_seconds",
        "bidsift_fill_rate", "bidsift_filter_rate", "bidsift_revenue_usd_total",
        "bidsift_exploration_lost_bid_share{dsp=\"dsp-atlas\"}", "bidsift_auction_log_dropped_total",
        "bidsift_auction_callouts_total{explore=\"false\",outcome=\"no_bid\"}",
        "bidsift_dsp_throttled_total{dsp=\"dsp-atlas\"} 0.0",
        "bidsift_dsp_health{dsp=\"dsp-atlas\",state=\"closed\"} 1.0",
        "resilience4j_circuitbreaker_state{name=\"dsp-atlas\",role=\"dsp_health\",state=\"closed\"} 1.0");
    assertThat(server.get("/actuator/health")).contains("UP");
  }

  /** After the server closed: every auction of this class logged exactly once, with a callout per DSP. */
  @AfterAll
  static void everyAuctionIsLoggedExactlyOnce() {
    server.close();
    List<AuctionRecord> records = RunningServer.readLogs(logs);
    Map<String, Long> perId = records.stream().collect(Collectors.groupingBy(r -> r.request().id(),
        Collectors.counting()));
    assertThat(perId.keySet()).containsAll(auctionedIds);
    assertThat(perId.values()).allMatch(n -> n == 1);
    for (AuctionRecord r : records) {
      assertThat(r.model()).isNull();
      assertThat(r.callouts()).extracting(Callout::dsp).containsExactlyElementsOf(fleet.fleet.dspIds());
      assertThat(r.callouts()).allSatisfy(c -> {
        assertThat(c.sent()).isTrue();
        assertThat(c.explore()).isFalse();
        assertThat(c.latencyMs()).isNotNull();
        assertThat(c.price() != null).isEqualTo(c.outcome() == Outcome.BID);
      });
    }
  }

  /** The winning price per imp id, recomputed from the behaviour model; null when a DSP is too close to call. */
  private static Map<String, Double> expectedWinningPrices(BidRequest request) {
    Map<String, List<Double>> bids = bidsPerImp(request);
    if (bids == null) {
      return null;
    }
    Map<String, Double> best = new HashMap<>();
    bids.forEach((imp, prices) -> best.put(imp, prices.get(0)));
    return best;
  }

  /** Every in-time bid price per imp id, highest first; null when some DSP's timing is uncertain. */
  private static Map<String, List<Double>> bidsPerImp(BidRequest request) {
    Map<String, List<Double>> bids = new HashMap<>();
    for (DspBehaviour dsp : SimulatedFleet.behaviour().dsps()) {
      DspDecision d = dsp.decide(request, SimulatedFleet.NOW,
          CalloutRandom.forCallout(SimulatedFleet.SEED, request.id(), dsp.id()));
      if (d.latencyMs() > SURELY_IN_TIME_MS && d.latencyMs() < TMAX + 500) {
        return null;
      }
      if (d.outcome() == Outcome.BID && d.latencyMs() <= SURELY_IN_TIME_MS) {
        for (ImpBid b : d.bids()) {
          bids.computeIfAbsent(b.impId(), i -> new ArrayList<>()).add(b.price());
        }
      }
    }
    bids.values().forEach(l -> l.sort(java.util.Comparator.reverseOrder()));
    return bids;
  }

  private static String plain(double price) {
    return java.math.BigDecimal.valueOf(price).stripTrailingZeros().toPlainString();
  }
}
