package io.bidsift.auction;

import static org.assertj.core.api.Assertions.assertThat;

import io.bidsift.auction.config.AuctionServerSettings;
import io.bidsift.auctionlog.AuctionRecord;
import io.bidsift.auctionlog.Callout;
import io.bidsift.auctionlog.Outcome;
import io.bidsift.bundle.BundleReader;
import io.bidsift.bundle.BundleManifest;
import io.bidsift.exploration.ExplorationSlice;
import io.bidsift.filter.BidFilterApplication;
import io.bidsift.openrtb.BidRequest;
import io.bidsift.testsupport.FixtureBundle;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The serving half of the loop with no stand-in: the real bid-filter service loaded with a real
 * model bundle, the auction server, and the simulated fleet, all over HTTP. What the log says must
 * be what the filter decided, because the next model trains on it.
 */
class WithRealBidFilterTest {

  private static final double EXPLORATION_RATE = 0.1;

  @TempDir
  Path tmp;

  @Test
  void theLogRecordsTheRealFiltersModelScoresAndDecisionsForEveryCandidate() throws Exception {
    Path bundle = FixtureBundle.copyTo(tmp.resolve("bundle"));
    BundleManifest manifest = new BundleReader().read(bundle).manifest();
    Path logs = tmp.resolve("logs");
    List<BidRequest> requests = SimulatedFleet.requests(120, 33).stream()
        .map(r -> Requests.with(r, 3000, null, 1)).toList();
    try (SimulatedFleet fleet = new SimulatedFleet();
        ConfigurableApplicationContext filter = BidFilterApplication.create().run(
            "--server.port=0", "--bidsift.overload.enabled=false", "--server.address=127.0.0.1", "--bidsift.model.source=local:" + bundle,
            "--bidsift.filter.exploration-rate=" + EXPLORATION_RATE)) {
      String filterUrl = "http://127.0.0.1:" + filter.getEnvironment().getProperty("local.server.port");
      awaitModel(filterUrl);
      try (RunningServer server = new RunningServer(AuctionServerSettings.defaults(fleet.dsps(), java.net.URI.create(filterUrl), logs)
          .withFilter(Duration.ofSeconds(2), 5, Duration.ofSeconds(5)))) {
        // A generous filter budget: this test is about what is logged, fail-open has its own tests.
        server.postAll(requests);
      }
    }
    List<AuctionRecord> records = RunningServer.readLogs(logs);
    assertThat(records).hasSize(requests.size());
    ExplorationSlice slice = new ExplorationSlice(EXPLORATION_RATE);
    long filtered = 0;
    long explored = 0;
    for (AuctionRecord r : records) {
      assertThat(r.model()).isEqualTo(FixtureBundle.VERSION);
      boolean inSlice = slice.contains(r.request().id());
      for (Callout c : r.callouts()) {
        assertThat(c.score()).as("every known DSP is scored").isNotNull();
        Double threshold = manifest.threshold(c.dsp());
        boolean modelCalls = threshold == null || c.score() >= threshold;
        if (!modelCalls && !inSlice) {
          assertThat(c.sent()).isFalse();
          assertThat(c.outcome()).isEqualTo(Outcome.FILTERED);
          filtered++;
        } else if (c.outcome() != Outcome.FILTERED) {
          assertThat(c.sent()).isTrue();
          assertThat(c.explore()).as("called only for exploration").isEqualTo(!modelCalls);
          explored += c.explore() ? 1 : 0;
        }
      }
    }
    assertThat(filtered).as("the model filters callouts").isGreaterThan(records.size());
    assertThat(explored).as("exploration callouts in the slice").isGreaterThan(0);
  }

  private static void awaitModel(String filterUrl) throws Exception {
    var client = java.net.http.HttpClient.newHttpClient();
    var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(filterUrl + "/actuator/health/readiness")).build();
    for (int i = 0; i < 600; i++) {
      if (client.send(request, java.net.http.HttpResponse.BodyHandlers.ofString()).statusCode() == 200) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("the bid filter never loaded its model");
  }
}
