package io.bidsift.simulator.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bidsift.auctionlog.Outcome;
import io.bidsift.json.JsonInputException;
import io.bidsift.openrtb.BidRequest;
import io.bidsift.openrtb.BidResponse;
import io.bidsift.openrtb.BidResponseValidator;
import io.bidsift.openrtb.OpenRtbCodec;
import io.bidsift.simulator.SimulatedMarket;
import io.bidsift.simulator.behaviour.CalloutRandom;
import io.bidsift.simulator.behaviour.DspBehaviour;
import io.bidsift.simulator.behaviour.DspDecision;
import io.bidsift.simulator.traffic.PublisherRequests;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The live fleet over real HTTP on loopback, against the behaviour model computed directly. */
class DspFleetTest {

  private static final long SEED = 20261129L;
  /** Fixed so the fleet decides at the same market time as the direct computation. */
  private static final Instant NOW = Instant.parse("2026-11-04T14:30:00Z");

  private static SimulatedMarket sim;
  private static DspFleet fleet;
  private static ExecutorService executor;
  private static HttpClient client;
  private static List<BidRequest> requests;
  private static final OpenRtbCodec CODEC = new OpenRtbCodec();

  @BeforeAll
  static void startFleet() throws InterruptedException {
    sim = new SimulatedMarket();
    fleet = new DspFleet(sim.behaviour, "127.0.0.1", 0, SEED, Clock.fixed(NOW, ZoneOffset.UTC), Map.of());
    executor = Executors.newFixedThreadPool(2);
    client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(executor).build();
    requests = PublisherRequests.generate(sim.traffic, NOW, 500, SEED);
  }

  @AfterAll
  static void stopFleet() {
    fleet.close();
    executor.shutdownNow();
  }

  @Test
  void fleetDecidesExactlyAsTheBehaviourModelForEveryRequestAndDsp() throws Exception {
    Semaphore inFlight = new Semaphore(200);
    List<CompletableFuture<Void>> calls = new ArrayList<>();
    List<String> mismatches = java.util.Collections.synchronizedList(new ArrayList<>());
    Map<Outcome, Integer> seen = new TreeMap<>();
    List<DspBehaviour> dsps = sim.behaviour.dsps();
    // Each request to two DSPs in turn: every DSP sees 2 * 500 / |dsps| requests, and the suite stays fast.
    for (int i = 0; i < requests.size(); i++) {
      BidRequest request = requests.get(i);
      for (DspBehaviour dsp : List.of(dsps.get(i % dsps.size()), dsps.get((i + 1) % dsps.size()))) {
        DspDecision expected = decide(dsp, request);
        seen.merge(expected.outcome(), 1, Integer::sum);
        inFlight.acquire();
        calls.add(client.sendAsync(post(dsp.id(), CODEC.writeRequest(request)), HttpResponse.BodyHandlers.ofByteArray())
            .handle((response, failure) -> {
              inFlight.release();
              int status = failure == null ? response.statusCode() : -1;
              if (status != expectedStatus(expected.outcome())) {
                mismatches.add(dsp.id() + "/" + request.id() + ": " + expected.outcome() + " but HTTP " + status);
              } else if (status == 200) {
                BidResponse parsed = CODEC.parseResponse(response.body());
                if (!parsed.equals(dsp.respond(request, expected))) {
                  mismatches.add(dsp.id() + "/" + request.id() + ": a different bid response");
                }
              }
              return null;
            }));
      }
    }
    CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).join();

    assertThat(seen).containsKeys(Outcome.BID, Outcome.NO_BID);
    assertThat(mismatches).isEmpty();
  }

  @Test
  void bidAnswers200WithAValidBidResponse() throws Exception {
    Pick bid = pick(Outcome.BID);

    HttpResponse<byte[]> response = client.send(post(bid.dsp.id(), CODEC.writeRequest(bid.request)),
        HttpResponse.BodyHandlers.ofByteArray());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
    BidResponse parsed = CODEC.parseResponse(response.body());
    assertThat(parsed.id()).isEqualTo(bid.request.id());
    assertThat(parsed.seatbid()).isNotEmpty();
    assertThat(new BidResponseValidator().validate(bid.request, parsed)).isEmpty();
  }

  @Test
  void noBidAnswers204WithoutBody() throws Exception {
    Pick noBid = pick(Outcome.NO_BID);

    HttpResponse<byte[]> response = client.send(post(noBid.dsp.id(), CODEC.writeRequest(noBid.request)),
        HttpResponse.BodyHandlers.ofByteArray());

    assertThat(response.statusCode()).isEqualTo(204);
    assertThat(response.body()).isEmpty();
  }

  @Test
  void badJsonIsRefusedWith400NeverA5xx() throws Exception {
    String dsp = sim.behaviour.dsps().get(0).id();
    for (String body : List.of("{not json", "", "[]", "{\"id\":\"x\",\"imp\":\"not an array\"}",
        "{\"id\":\"x\",\"imp\":[{\"id\":\"1\",\"banner\":{\"w\":\"wide\"}}]}")) {
      HttpResponse<String> response = client.send(post(dsp, body.getBytes()), HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).as("body %s", body).isEqualTo(400);
    }
  }

  @Test
  void unknownDspAndUnknownPathAre404AndHealthIs200() throws Exception {
    assertThat(client.send(post("dsp-nobody", CODEC.writeRequest(requests.get(0))),
        HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(404);
    assertThat(client.send(HttpRequest.newBuilder(uri("/nothing")).GET().build(),
        HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(404);
    assertThat(client.send(HttpRequest.newBuilder(uri("/health")).GET().build(),
        HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
  }

  @Test
  void oversizedRequestIsRefusedWith413() throws Exception {
    byte[] huge = new byte[DspFleet.MAX_REQUEST_BYTES + 1];
    java.util.Arrays.fill(huge, (byte) ' ');

    HttpResponse<Void> response = client.send(post(sim.behaviour.dsps().get(0).id(), huge),
        HttpResponse.BodyHandlers.discarding());

    assertThat(response.statusCode()).isEqualTo(413);
  }

  @Test
  void faultSwitchRefusesUnknownModesAndDsps() throws Exception {
    String dsp = sim.behaviour.dsps().get(0).id();
    assertThat(setFault(dsp, "explode")).isEqualTo(400);
    assertThat(setFault("dsp-nobody", "slow")).isEqualTo(404);
    assertThat(fleet.faults().get(dsp)).isEqualTo(FaultMode.NONE);
  }

  @Test
  void slowFaultAnswersOnlyAfterTmax() throws Exception {
    Pick any = pick(Outcome.NO_BID);
    withFault(any.dsp.id(), "slow", () -> {
      int tmax = any.request.tmax();
      HttpRequest request = HttpRequest.newBuilder(auctionUri(any.dsp.id())).timeout(Duration.ofMillis(tmax))
          .POST(HttpRequest.BodyPublishers.ofByteArray(CODEC.writeRequest(any.request))).build();
      assertThatThrownBy(() -> client.send(request, HttpResponse.BodyHandlers.discarding()))
          .isInstanceOf(HttpTimeoutException.class);
    });
  }

  @Test
  void http500FaultAnswers500EvenWhenTheDspWouldBid() throws Exception {
    Pick bid = pick(Outcome.BID);
    withFault(bid.dsp.id(), "http500", () ->
        assertThat(client.send(post(bid.dsp.id(), CODEC.writeRequest(bid.request)),
            HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(500));
  }

  @Test
  void malformedFaultAnswers200WithABodyTheCodecRejects() throws Exception {
    Pick bid = pick(Outcome.BID);
    withFault(bid.dsp.id(), "malformed", () -> {
      HttpResponse<byte[]> response = client.send(post(bid.dsp.id(), CODEC.writeRequest(bid.request)),
          HttpResponse.BodyHandlers.ofByteArray());
      assertThat(response.statusCode()).isEqualTo(200);
      assertThatThrownBy(() -> CODEC.parseResponse(response.body())).isInstanceOf(JsonInputException.class);
    });
  }

  @Test
  void oversizedFaultAnswersWithATwoMebibyteBody() throws Exception {
    Pick bid = pick(Outcome.BID);
    withFault(bid.dsp.id(), "oversized", () -> {
      HttpResponse<byte[]> response = client.send(post(bid.dsp.id(), CODEC.writeRequest(bid.request)),
          HttpResponse.BodyHandlers.ofByteArray());
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.body()).hasSize(FleetResponses.OVERSIZED_BYTES);
      assertThat(response.headers().firstValueAsLong("content-length")).hasValue(FleetResponses.OVERSIZED_BYTES);
    });
  }

  @Test
  void resetFaultGivesTheCallerAConnectionError() throws Exception {
    Pick bid = pick(Outcome.BID);
    withFault(bid.dsp.id(), "reset", () ->
        assertThatThrownBy(() -> client.send(post(bid.dsp.id(), CODEC.writeRequest(bid.request)),
            HttpResponse.BodyHandlers.discarding())).isInstanceOf(IOException.class));
    // Back to normal once switched off.
    assertThat(client.send(post(bid.dsp.id(), CODEC.writeRequest(bid.request)),
        HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(200);
  }

  private record Pick(DspBehaviour dsp, BidRequest request) {
  }

  private static Pick pick(Outcome outcome) {
    for (BidRequest r : requests) {
      for (DspBehaviour d : sim.behaviour.dsps()) {
        if (decide(d, r).outcome() == outcome) {
          return new Pick(d, r);
        }
      }
    }
    throw new AssertionError("no " + outcome + " among the generated requests");
  }

  private static DspDecision decide(DspBehaviour dsp, BidRequest request) {
    return dsp.decide(request, NOW, CalloutRandom.forCallout(SEED, request.id(), dsp.id()));
  }

  private static int expectedStatus(Outcome outcome) {
    return switch (outcome) {
      case BID -> 200;
      case ERROR -> 500;
      default -> 204;
    };
  }

  private interface Check {
    void run() throws Exception;
  }

  private static void withFault(String dsp, String mode, Check check) throws Exception {
    assertThat(setFault(dsp, mode)).isEqualTo(200);
    try {
      check.run();
    } finally {
      assertThat(setFault(dsp, "none")).isEqualTo(200);
    }
  }

  private static int setFault(String dsp, String mode) throws Exception {
    return client.send(HttpRequest.newBuilder(uri("/admin/dsp/" + dsp + "/fault"))
        .PUT(HttpRequest.BodyPublishers.ofString(mode)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  private static HttpRequest post(String dsp, byte[] body) {
    return HttpRequest.newBuilder(auctionUri(dsp)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
  }

  private static URI auctionUri(String dsp) {
    return uri("/dsp/" + dsp + "/openrtb2/auction");
  }

  private static URI uri(String path) {
    return URI.create("http://127.0.0.1:" + fleet.port() + path);
  }
}
