package io.bidsift.auction;

import io.bidsift.auction.config.AuctionServerSettings;
import io.bidsift.json.JsonLimits;
import io.bidsift.testsupport.fuzz.ConnectionAbuse;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Raw-socket abuse of {@code POST /openrtb2/auction}: a 4xx or a close, never a 5xx, and the server answers on. */
class AbusiveConnectionsTest {

  @TempDir
  static Path logs;
  private static SimulatedFleet fleet;
  private static RunningServer server;
  private static ConnectionAbuse abuse;

  @BeforeAll
  static void start() throws InterruptedException {
    fleet = new SimulatedFleet();
    // A short idle timeout, so a stalled header block is seen closed well within the test's bound.
    server = new RunningServer(AuctionServerSettings.defaults(fleet.dsps(), null, logs), Map.of(
        "bidsift.overload.enabled", false, "bidsift.shutdown.drain", "0s", "bidsift.http.idle-timeout", "3s"));
    abuse = new ConnectionAbuse(new InetSocketAddress("127.0.0.1", server.auction.getPort()),
        server.auction.getPath(), RunningServer.CODEC.writeRequest(SimulatedFleet.requests(1, 5).get(0)),
        Set.of(200, 204));
  }

  @AfterAll
  static void stop() {
    server.close();
    fleet.close();
  }

  @Test
  void aBodyTrickledByteByByteIsAnswered() throws Exception {
    abuse.slowSenderIsAnswered();
  }

  @Test
  void aClientHangingUpMidBodyLeavesTheServerAnswering() throws Exception {
    abuse.hangUpMidBodyLeavesTheServerAnswering();
  }

  @Test
  void aMalformedChunkedBodyIsRefusedNeverA5xx() throws Exception {
    abuse.malformedChunkedBodyIsRefused(false);
  }

  @Test
  void aMalformedChunkedBodyIsRefusedWithA4xxNamingTheProblem() throws Exception {
    abuse.malformedChunkedBodyIsRefused(true);
  }

  @Test
  void aChunkedBodyPastTheLimitIsRefused() throws Exception {
    abuse.oversizedChunkedBodyIsRefused(JsonLimits.REQUEST.maxDocumentBytes());
  }

  @Test
  void aHeaderBlockThatNeverEndsIsRefused() throws Exception {
    abuse.endlessHeaderBlockIsRefused(false);
  }

  @Test
  void aHeaderBlockThatNeverEndsIsRefusedWithA4xxNamingTheProblem() throws Exception {
    abuse.endlessHeaderBlockIsRefused(true);
  }

  @Test
  void pipelinedRequestsAreAnsweredInOrder() throws Exception {
    abuse.pipelinedRequestsAreAnsweredInOrder();
  }

  @Test
  void aStalledBodyIsClosed() throws Exception {
    abuse.stalledBodyIsClosedWithin(Duration.ofSeconds(20));
  }

  @Test
  void aStalledHeaderBlockIsClosed() throws Exception {
    abuse.stalledHeaderBlockIsClosedWithin(Duration.ofSeconds(20));
  }

  @Test
  void aClientHangingUpMidBodyIsAClientErrorNotAnInternalOne() throws Exception {
    ConnectionAbuse.countedAsAClientError(abuse::hangUpMidBodyLeavesTheServerAnswering, "client_aborted", AbusiveConnectionsTest::metrics,
        "bidsift_internal_errors_total", "");
  }

  @Test
  void aMalformedChunkedBodyIsAClientErrorNotAnInternalOne() throws Exception {
    // Reactor Netty refuses the broken chunk and closes the connection: the handler sees the decoding
    // failure or the close first (bad_framing or client_aborted), a client error either way.
    ConnectionAbuse.countedAsAClientError(() -> abuse.malformedChunkedBodyIsRefused(false), "",
        AbusiveConnectionsTest::metrics, "bidsift_internal_errors_total", "");
  }

  private static String metrics() throws Exception {
    return server.get("/actuator/prometheus");
  }
}
