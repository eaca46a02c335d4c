package io.bidsift.simulator.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import io.bidsift.auctionlog.Outcome;
import io.bidsift.openrtb.BidRequest;
import io.bidsift.openrtb.OpenRtbCodec;
import io.bidsift.simulator.SimulatedMarket;
import io.bidsift.simulator.behaviour.CalloutRandom;
import io.bidsift.simulator.behaviour.DspBehaviour;
import io.bidsift.simulator.behaviour.DspDecision;
import io.bidsift.simulator.fleet.DspFleet;
import io.bidsift.simulator.fleet.FaultMode;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The load generator against the live DSP fleet over real HTTP on loopback. */
@Timeout(30)
class LoadGeneratorTest {

  private static final long SEED = 20261129L;
  /** Fixed so the fleet decides at the same market time as the direct computation. */
  private static final Instant NOW = Instant.parse("2026-11-04T14:30:00Z");
  private static final OpenRtbCodec CODEC = new OpenRtbCodec();

  private static SimulatedMarket sim;
  private static DspFleet fleet;
  private static List<BidRequest> requests;

  @BeforeAll
  static void startFleet() throws InterruptedException {
    sim = new SimulatedMarket();
    fleet = new DspFleet(sim.behaviour, "127.0.0.1", 0, SEED, Clock.fixed(NOW, ZoneOffset.UTC), Map.of());
    requests = PublisherRequests.generate(sim.traffic, NOW, 300, SEED);
  }

  @AfterAll
  static void stopFleet() {
    fleet.close();
  }

  @Test
  void reusesKeepAliveConnectionsAndCountsStatusesAsTheDspsDecide() throws Exception {
    DspBehaviour dsp = sim.behaviour.dsps().get(0);
    Map<Integer, Long> expected = new TreeMap<>();
    for (BidRequest r : requests) {
      expected.merge(expectedStatus(decide(dsp, r).outcome()), 1L, Long::sum);
    }

    LoadReport report = new LoadGenerator(32, 1, Duration.ofSeconds(5))
        .run(auction(dsp.id()), 300, Duration.ofSeconds(1), bodies(requests), null);

    assertThat(report.sent()).isEqualTo(300);
    assertThat(report.completed()).isEqualTo(300);
    assertThat(report.errors()).isEmpty();
    assertThat(report.timeouts()).isZero();
    assertThat(report.statusCounts()).isEqualTo(expected).containsKeys(200, 204);
    assertThat(report.connectionsOpened()).isBetween(1L, 32L);
    assertThat(report.summary()).contains("sent 300").contains("connections opened").contains("p99.9");
  }

  @Test
  void requestWaitingForAFreeConnectionIsChargedFromItsIntendedSendTime() throws Exception {
    DspBehaviour dsp = sim.behaviour.dsp("dsp-bargain");
    List<BidRequest> batch = answeredAfter(dsp, 0, 30);
    long decidedMillis = batch.stream().mapToLong(r -> decide(dsp, r).latencyMs()).sum();

    // 30 requests due over 0.29 s, one connection: they are answered one after another, the last no
    // sooner than the sum of the decided latencies after the start.
    LoadReport report = new LoadGenerator(1, 1, Duration.ofSeconds(10))
        .run(auction(dsp.id()), 100, Duration.ofMillis(300), bodies(batch), null);

    assertThat(report.statusCounts().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(30);
    assertThat(report.connectionsOpened()).isEqualTo(1);
    assertThat(report.maxMicros()).isGreaterThanOrEqualTo((decidedMillis - 290) * 1000);
  }

  @Test
  void requestsUnansweredInTimeAreClientTimeoutsWhetherSentOrStillQueued() throws Exception {
    String dsp = "dsp-recall";
    fleet.faults().set(dsp, FaultMode.SLOW);
    try {
      // A slow DSP answers after tmax + 200 ms, later than the 150 ms timeout; 4 connections carry
      // 4 requests at a time, the other requests wait in the queue until they time out there.
      LoadReport report = new LoadGenerator(4, 1, Duration.ofMillis(150))
          .run(auction(dsp), 100, Duration.ofMillis(500), bodies(requests), null);

      assertThat(report.sent()).isEqualTo(50);
      assertThat(report.completed()).isEqualTo(50);
      assertThat(report.timeouts()).isEqualTo(50);
      assertThat(report.statusCounts()).isEmpty();
      assertThat(report.errors()).isEmpty();
      assertThat(report.p50Micros()).isGreaterThanOrEqualTo(150_000);
      // A timed-out connection is closed (its late answer must not pass for the next request's) and replaced.
      assertThat(report.connectionsOpened()).isGreaterThan(4);
    } finally {
      fleet.faults().set(dsp, FaultMode.NONE);
    }
  }

  @Test
  void http500FaultIsCountedAsStatus500() throws Exception {
    String dsp = "dsp-eurobid";
    fleet.faults().set(dsp, FaultMode.HTTP500);
    try {
      LoadReport report = new LoadGenerator(16, 1, Duration.ofSeconds(5))
          .run(auction(dsp), 200, Duration.ofMillis(500), bodies(requests), null);

      assertThat(report.statusCounts()).isEqualTo(Map.of(500, 100L));
      assertThat(report.errors()).isEmpty();
      assertThat(report.timeouts()).isZero();
    } finally {
      fleet.faults().set(dsp, FaultMode.NONE);
    }
  }

  @Test
  void resetConnectionsAreCountedAsErrorsAndTheRunFinishes() throws Exception {
    String dsp = "dsp-mobiq";
    fleet.faults().set(dsp, FaultMode.RESET);
    try {
      LoadReport report = new LoadGenerator(4, 1, Duration.ofSeconds(2))
          .run(auction(dsp), 100, Duration.ofMillis(500), bodies(requests), null);

      assertThat(report.completed()).isEqualTo(50);
      assertThat(report.errorCount()).isEqualTo(50);
      assertThat(report.statusCounts()).isEmpty();
      assertThat(report.timeouts()).isZero();
    } finally {
      fleet.faults().set(dsp, FaultMode.NONE);
    }
  }

  @Test
  void eachRequestIsGivenUpAtItsOwnTimeout() throws Exception {
    DspBehaviour dsp = sim.behaviour.dsp("dsp-bargain");
    List<BidRequest> batch = answeredAfter(dsp, 10, 40);
    // Every one answers after at least 10 ms: those given 3 ms time out, those given 5 s are answered,
    // whatever order they are due in (a publisher's timeout follows each request's tmax).
    List<Duration> timeouts = new ArrayList<>();
    for (int i = 0; i < batch.size(); i++) {
      timeouts.add(i % 2 == 0 ? Duration.ofMillis(3) : Duration.ofSeconds(5));
    }

    LoadReport report = new LoadGenerator(16, 1, Duration.ofSeconds(5))
        .run(auction(dsp.id()), 100, Duration.ofMillis(400), bodies(batch), timeouts, null);

    assertThat(report.sent()).isEqualTo(40);
    assertThat(report.timeouts()).isEqualTo(20);
    assertThat(report.statusCounts().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(20);
    assertThat(report.errors()).isEmpty();
  }

  @Test
  void aConnectionIdleLongerThanTheMaxIdleIsClosedByTheClientAndReopenedWhenNeeded() throws Exception {
    // 4 requests a second over 2 connections with a 50 ms idle limit: between two requests each
    // connection has been idle past the limit, so the client closes it (before any server would) and
    // opens a new one for the next request, which is answered like any other.
    LoadReport report = new LoadGenerator(2, 1, Duration.ofSeconds(5), Duration.ofMillis(50))
        .run(URI.create("http://127.0.0.1:" + fleet.port() + "/health-not-here"), 4, Duration.ofSeconds(2),
            bodies(requests), null);

    assertThat(report.statusCounts()).isEqualTo(Map.of(404, 8L));
    assertThat(report.errors()).isEmpty();
    assertThat(report.connectionsOpened()).isGreaterThanOrEqualTo(8);
  }

  @Test
  void refusedConnectionsAreCountedAsErrorsNotDropped() throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }

    LoadReport report = new LoadGenerator(4, 1, Duration.ofSeconds(2))
        .run(URI.create("http://127.0.0.1:" + closedPort + "/openrtb2/auction"), 100, Duration.ofMillis(200),
            bodies(requests), null);

    assertThat(report.completed()).isEqualTo(20);
    assertThat(report.errorCount()).isEqualTo(20);
    assertThat(report.connectionsOpened()).isZero();
  }

  @Test
  void spreadsRequestsOverSeveralIoThreadsWithinThePool() throws Exception {
    LoadReport report = new LoadGenerator(6, 3, Duration.ofSeconds(5))
        .run(URI.create("http://127.0.0.1:" + fleet.port() + "/health-not-here"), 300, Duration.ofMillis(500),
            bodies(requests), null);

    assertThat(report.statusCounts()).isEqualTo(Map.of(404, 150L));
    assertThat(report.connectionsOpened()).isBetween(3L, 6L);
  }

  /** The first {@code count} requests that {@code dsp} answers (no timeout), each after at least {@code minMillis}. */
  private static List<BidRequest> answeredAfter(DspBehaviour dsp, long minMillis, int count) {
    List<BidRequest> batch = new ArrayList<>();
    for (BidRequest r : requests) {
      DspDecision d = decide(dsp, r);
      if (d.outcome() != Outcome.TIMEOUT && d.latencyMs() >= minMillis && batch.size() < count) {
        batch.add(r);
      }
    }
    return batch;
  }

  private static List<byte[]> bodies(List<BidRequest> batch) {
    return batch.stream().map(CODEC::writeRequest).toList();
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

  private static URI auction(String dsp) {
    return URI.create("http://127.0.0.1:" + fleet.port() + "/dsp/" + dsp + "/openrtb2/auction");
  }
}
