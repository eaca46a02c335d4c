package io.bidsift.auction;

import static org.assertj.core.api.Assertions.assertThat;

import io.bidsift.auction.config.AuctionServerSettings;
import io.bidsift.auction.config.DspHealthSettings;
import io.bidsift.auctionlog.Callout;
import io.bidsift.auctionlog.SkipReason;
import io.bidsift.json.JsonNumber;
import io.bidsift.json.JsonObject;
import io.bidsift.openrtb.BidRequest;
import io.bidsift.openrtb.BidResponse;
import io.bidsift.simulator.fleet.FaultMode;
import io.bidsift.testsupport.fuzz.PrometheusText;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The DSP health throttle against the real simulated fleet over HTTP: one fleet DSP answers 500 to every
 * call, the twelve others are healthy. A small window, a 20% probe share and a 200 ms re-evaluation keep
 * the test short; the rules are the production ones.
 */
class DspHealthThrottleTest {

  private static final String FAILING = "dsp-atlas";
  private static final DspHealthSettings HEALTH = new DspHealthSettings(50, 10, 20, 0.2, Duration.ofMillis(200));
  /** Generous, so that no healthy DSP times out on a busy machine. */
  private static final int TMAX = 1000;

  @TempDir
  Path logs;

  private long seed = 40;

  @Test
  void aDspFailingEveryCallIsThrottledToItsProbeShareWhileHealthyOnesKeepFullTrafficAndItRecovers() throws Exception {
    try (SimulatedFleet fleet = new SimulatedFleet()) {
      fleet.fleet.faults().set(FAILING, FaultMode.HTTP500);
      try (RunningServer server = new RunningServer(AuctionServerSettings.defaults(fleet.dsps(), null, logs)
          .withHealth(HEALTH))) {
        // 10 calls judge it; auctions go 6 at a time, so the 10th failure is in by the 12th auction.
        int auctions = 0;
        while (!throttled(server)) {
          assertThat(auctions).as("auctions before " + FAILING + " is throttled").isLessThan(18);
          auctions += auction(server, 6).size();
        }

        Map<String, Double> sentBefore = counters(server, "bidsift_dsp_sent_total", fleet);
        Map<String, Double> throttledBefore = counters(server, "bidsift_dsp_throttled_total", fleet);
        List<HttpResponse<String>> answers = auction(server, 60);
        Map<String, Double> sent = minus(counters(server, "bidsift_dsp_sent_total", fleet), sentBefore);
        Map<String, Double> throttled = minus(counters(server, "bidsift_dsp_throttled_total", fleet), throttledBefore);
        assertThat(sent.get(FAILING)).as("probes: 20% of 60 candidate auctions").isBetween(11.0, 13.0);
        assertThat(throttled.get(FAILING)).isEqualTo(60 - sent.get(FAILING));
        for (String dsp : fleet.fleet.dspIds()) {
          if (!dsp.equals(FAILING)) {
            assertThat(sent.get(dsp)).as(dsp + " sent").isEqualTo(60.0);
            assertThat(throttled.get(dsp)).as(dsp + " throttled").isZero();
          }
        }
        assertThat(throttled(server)).as("failing probes keep it throttled").isTrue();
        String page = server.get("/actuator/prometheus");
        assertThat(PrometheusText.value(page, "bidsift_dsp_health", "dsp=\"" + FAILING + "\"", "state=\"closed\""))
            .isZero();
        assertThat(PrometheusText.value(page, "resilience4j_circuitbreaker_state", "name=\"" + FAILING + "\"",
            "role=\"dsp_health\"", "state=\"closed\"")).isZero();
        assertThat(PrometheusText.value(page, "resilience4j_circuitbreaker_state", "name=\"dsp-flux\"",
            "role=\"dsp_health\"", "state=\"closed\"")).isEqualTo(1.0);
        List<JsonObject> explained = explanations(answers, FAILING);
        assertThat(explained).as("test-mode answers").isNotEmpty();
        assertThat(explained).anySatisfy(e -> {
          assertThat(e.string("fate")).isEqualTo("throttled");
          assertThat(e.string("health")).isEqualTo("throttled");
          assertThat(e.get("error_rate")).isInstanceOfSatisfying(JsonNumber.class,
              n -> assertThat(n.doubleValue()).isEqualTo(100.0));
        });
        assertThat(explained).allSatisfy(e -> assertThat(e.string("health")).isIn("throttled", "probe"));

        fleet.fleet.faults().set(FAILING, FaultMode.NONE);
        auctions = 0;
        while (throttled(server)) {
          // 200 ms, then 10 good probes at 20%: about 50 auctions; a deadline, not a count to hit.
          assertThat(auctions).as("auctions before " + FAILING + " recovers").isLessThan(300);
          auctions += auction(server, 6).size();
        }
        double sentAfterRecovery = counters(server, "bidsift_dsp_sent_total", fleet).get(FAILING);
        auction(server, 30);
        assertThat(counters(server, "bidsift_dsp_sent_total", fleet).get(FAILING) - sentAfterRecovery)
            .as("full traffic again").isEqualTo(30.0);
      }
    }
    // Training must tell a throttled callout from a model skip: the log says why it was not sent.
    List<Callout> notSent = RunningServer.readLogs(logs).stream().flatMap(r -> r.callouts().stream())
        .filter(c -> c.dsp().equals(FAILING) && !c.sent()).toList();
    assertThat(notSent).isNotEmpty().allSatisfy(c -> assertThat(c.skip()).isEqualTo(SkipReason.HEALTH));
  }

  /** Runs {@code count} test-mode auctions of fresh generated requests. */
  private List<HttpResponse<String>> auction(RunningServer server, int count) {
    List<BidRequest> requests = SimulatedFleet.requests(count, seed++).stream()
        .map(r -> Requests.with(r, TMAX, 1, 1)).toList();
    return server.postAll(requests);
  }

  private static boolean throttled(RunningServer server) throws Exception {
    return PrometheusText.value(server.get("/actuator/prometheus"), "bidsift_dsp_health",
        "dsp=\"" + FAILING + "\"", "state=\"throttled\"") == 1.0;
  }

  private static Map<String, Double> counters(RunningServer server, String name, SimulatedFleet fleet)
      throws Exception {
    String page = server.get("/actuator/prometheus");
    Map<String, Double> byDsp = new HashMap<>();
    for (String dsp : fleet.fleet.dspIds()) {
      byDsp.put(dsp, PrometheusText.value(page, name, "dsp=\"" + dsp + "\""));
    }
    return byDsp;
  }

  private static Map<String, Double> minus(Map<String, Double> after, Map<String, Double> before) {
    Map<String, Double> delta = new HashMap<>();
    after.forEach((dsp, v) -> delta.put(dsp, v - before.get(dsp)));
    return delta;
  }

  /** The DSP's entry in each test-mode explanation (answers with a winner; a 204 has no body). */
  private static List<JsonObject> explanations(List<HttpResponse<String>> answers, String dsp) {
    List<JsonObject> explained = new ArrayList<>();
    for (HttpResponse<String> answer : answers) {
      if (answer.statusCode() == 200) {
        BidResponse response = RunningServer.CODEC.parseResponse(answer.body().getBytes(StandardCharsets.UTF_8));
        explained.add(response.ext().object("bidsift").object("dsps").object(dsp));
      }
    }
    return explained;
  }
}
