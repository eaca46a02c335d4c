package io.bidsift.auction;

import static org.assertj.core.api.Assertions.assertThat;

import io.bidsift.auction.config.AuctionServerSettings;
import io.bidsift.auctionlog.AuctionRecord;
import io.bidsift.openrtb.BidRequest;
import io.bidsift.simulator.fleet.FaultMode;
import io.bidsift.testsupport.FixtureBundle;
import io.bidsift.testsupport.fuzz.PrometheusText;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The short chaos run (bench/chaos.sh runs the long one): steady publisher traffic while the real bid
 * filter, in a process of its own, is paused (SIGSTOP), resumed and then killed, and every fault mode
 * of the fleet is switched on in turn. Publishers see no error: every request is answered 200 or 204,
 * every auction that ran is logged once and was answered, and nothing counts as an internal error.
 */
class FaultsUnderTrafficTest {

  private static final int RATE_PER_SECOND = 40;
  private static final int SECONDS = 12;
  private static final int TMAX = 500;

  @TempDir
  Path tmp;

  @Test
  void publishersSeeNoErrorWhileTheFilterIsPausedAndKilledAndDspsFailInEveryWay() throws Exception {
    Path bundle = FixtureBundle.copyTo(tmp.resolve("bundle"));
    Path logs = tmp.resolve("logs");
    int filterPort = freePort();
    Process filter = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx256m", "-cp", System.getProperty("java.class.path"), "io.bidsift.filter.BidFilterApplication",
        "--server.port=" + filterPort, "--server.address=127.0.0.1", "--bidsift.model.source=local:" + bundle)
        .redirectErrorStream(true).redirectOutput(tmp.resolve("filter.log").toFile()).start();
    List<BidRequest> requests = SimulatedFleet.requests(RATE_PER_SECOND * SECONDS, 51).stream()
        .map(r -> Requests.with(r, TMAX, null, 1)).toList();
    Map<String, Integer> statuses = new ConcurrentHashMap<>();
    Set<String> failures = ConcurrentHashMap.newKeySet();
    Set<String> answered = ConcurrentHashMap.newKeySet();
    String metrics;
    try (SimulatedFleet fleet = new SimulatedFleet()) {
      URI filterUrl = URI.create("http://127.0.0.1:" + filterPort);
      awaitReady(filterUrl, filter);
      try (RunningServer server = new RunningServer(AuctionServerSettings.defaults(fleet.dsps(), filterUrl, logs))) {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        List<String> dsps = List.copyOf(fleet.fleet.dspIds());
        List<FaultMode> faults = List.of(FaultMode.SLOW, FaultMode.HTTP500, FaultMode.MALFORMED, FaultMode.OVERSIZED,
            FaultMode.RESET);
        List<CompletableFuture<?>> inFlight = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < requests.size(); i++) {
          long due = start + TimeUnit.SECONDS.toNanos(1) * i / RATE_PER_SECOND;
          long wait = due - System.nanoTime();
          if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
          }
          int second = i / RATE_PER_SECOND;
          if (i % RATE_PER_SECOND == 0) {
            // 2 s: the filter freezes; 4 s: it resumes; 5-9 s: a DSP fault a second; 9 s: the filter dies.
            switch (second) {
              case 2 -> signal(filter, "STOP");
              case 4 -> signal(filter, "CONT");
              case 9 -> filter.destroyForcibly();
              default -> { }
            }
            if (second >= 5 && second < 5 + faults.size()) {
              fleet.fleet.faults().set(dsps.get(second % dsps.size()), faults.get(second - 5));
            }
          }
          BidRequest r = requests.get(i);
          inFlight.add(client.sendAsync(HttpRequest.newBuilder(server.auction).timeout(Duration.ofMillis(TMAX + 2000))
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofByteArray(RunningServer.CODEC.writeRequest(r))).build(),
              HttpResponse.BodyHandlers.discarding())
              .whenComplete((resp, e) -> {
                if (resp != null) {
                  statuses.merge(Integer.toString(resp.statusCode()), 1, Integer::sum);
                  if (resp.statusCode() == 200 || resp.statusCode() == 204) {
                    answered.add(r.id());
                  }
                } else {
                  failures.add(r.id() + ": " + e);
                }
              }));
        }
        CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).handle((v, e) -> null).join();
        metrics = server.get("/actuator/prometheus");
      }
    } finally {
      filter.destroyForcibly();
    }
    assertThat(failures).as("requests not answered").isEmpty();
    assertThat(statuses).as("answers by status").containsOnlyKeys("200", "204");
    List<AuctionRecord> records = RunningServer.readLogs(logs);
    Set<String> logged = records.stream().map(r -> r.request().id()).collect(Collectors.toSet());
    assertThat(records).as("each auction logged once").hasSize(requests.size());
    assertThat(logged).isEqualTo(answered);
    assertThat(metrics.lines().filter(l -> l.startsWith("bidsift_internal_errors_total")))
        .singleElement().asString().endsWith(" 0.0");
    assertThat(PrometheusText.value(metrics, "bidsift_filter_calls_total", "result=\"ok\""))
        .as("the filter answered while it ran").isPositive();
  }

  private static void signal(Process process, String signal) throws IOException, InterruptedException {
    new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).inheritIO().start().waitFor();
  }

  private static void awaitReady(URI filter, Process process) throws Exception {
    HttpClient client = HttpClient.newHttpClient();
    HttpRequest readiness = HttpRequest.newBuilder(filter.resolve("/actuator/health/readiness"))
        .timeout(Duration.ofSeconds(2)).build();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (System.nanoTime() < deadline) {
      assertThat(process.isAlive()).as("bid filter process").isTrue();
      try {
        if (client.send(readiness, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(200);
    }
    throw new AssertionError("the bid filter was not ready within 120 s");
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
