package io.bidsift.auction;

import static org.assertj.core.api.Assertions.assertThat;

import io.bidsift.auction.config.AuctionServerSettings;
import io.bidsift.auctionlog.AuctionLogCodec;
import io.bidsift.auctionlog.AuctionLogReadStats;
import io.bidsift.auctionlog.AuctionLogReader;
import io.bidsift.testsupport.OpenRtbCorpus;
import io.bidsift.testsupport.fuzz.FuzzReport;
import io.bidsift.testsupport.fuzz.FuzzRun;
import io.bidsift.testsupport.fuzz.PrometheusText;
import io.bidsift.testsupport.fuzz.RequestMutator;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mutations of valid requests (the public corpus and the simulated market's) against the real
 * server and fleet: each is answered 200, 204, 400 or 413, never a 5xx nor left unanswered; no
 * mutation is an internal error; and every answered auction is in the log. bench/chaos.sh runs it
 * with {@code -Dchaos.mutations=20000}.
 */
class MutatedRequestsTest {

  private static final long SEED = 20261207L;
  /**
   * 415 is not among them: the server reads the body as JSON whatever its Content-Type, because
   * publishers' wrappers send auctions as text/plain (Prebid.js does, to avoid a CORS preflight).
   */
  private static final Set<Integer> STATUSES = Set.of(200, 204, 400, 413);

  @TempDir
  Path logs;

  @Test
  void noMutatedRequestIsA5xxOrUnansweredOrAnInternalErrorAndEveryAnsweredAuctionIsLogged() throws Exception {
    List<byte[]> valid = new ArrayList<>();
    OpenRtbCorpus.valid().forEach(f -> valid.add(OpenRtbCorpus.read(f)));
    SimulatedFleet.requests(200, SEED).forEach(r -> valid.add(RunningServer.CODEC.writeRequest(r)));
    RequestMutator mutator = RequestMutator.forAuctions(valid, FuzzRun.seed(SEED));
    FuzzReport report;
    double internalErrorsBefore;
    double internalErrorsAfter;
    try (SimulatedFleet fleet = new SimulatedFleet();
        RunningServer server = new RunningServer(AuctionServerSettings.defaults(fleet.dsps(), null, logs))) {
      internalErrorsBefore = internalErrors(server);
      report = new FuzzRun("auction-mutations", new InetSocketAddress("127.0.0.1", server.auction.getPort()),
          server.auction.getPath(), STATUSES, 16, Duration.ofSeconds(10)).run(mutator, FuzzRun.mutations(2500));
      internalErrorsAfter = internalErrors(server);
    }
    System.out.print(report.table());

    assertThat(report.failures()).as(report.describeFailures(20)).isEmpty();
    assertThat(internalErrorsAfter).as("bidsift_internal_errors_total").isEqualTo(internalErrorsBefore);
    List<String> answered = report.answered(200, 204).stream()
        .map(i -> RunningServer.CODEC.parseRequest(mutator.mutation(i).body()).id()).toList();
    List<String> logged = new ArrayList<>();
    AuctionLogReadStats read = new AuctionLogReader(new AuctionLogCodec(RunningServer.CODEC))
        .read(logs, r -> logged.add(r.request().id()));
    assertThat(read.malformed()).as("log lines the reader refuses: %s", read.sampleErrors()).isZero();
    assertThat(logged).as("request ids of the auction log's records").containsExactlyInAnyOrderElementsOf(answered);
  }

  private static double internalErrors(RunningServer server) throws Exception {
    return PrometheusText.sum(server.get("/actuator/prometheus"), "bidsift_internal_errors_total", "");
  }
}
