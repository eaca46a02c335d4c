package io.bidsift.filter.http;

import io.bidsift.filter.Fixtures;
import io.bidsift.openrtb.OpenRtbCodec;
import io.bidsift.testsupport.FixtureBundle;
import io.bidsift.testsupport.fuzz.ConnectionAbuse;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Raw-socket abuse of {@code POST /v1/filter}: a 4xx or a close, never a 5xx, and the service answers on. */
class AbusiveConnectionsTest {

  private static final int MAX_BODY_BYTES = 512 * 1024;
  private static RunningFilter filter;
  private static ConnectionAbuse abuse;

  @BeforeAll
  static void start(@TempDir Path tmp) throws InterruptedException {
    filter = new RunningFilter("local:" + FixtureBundle.copyTo(tmp.resolve("bundle")),
        // A short idle timeout, so a stalled header block is seen closed well within the test's bound.
        Map.of("bidsift.filter.max-body-bytes", MAX_BODY_BYTES, "bidsift.http.idle-timeout", "3s"));
    FilterApiContractTest.awaitModel(filter);
    String request = new OpenRtbCodec().writeRequestAsString(Fixtures.requests(1, 23).get(0));
    abuse = new ConnectionAbuse(new InetSocketAddress("127.0.0.1", URI.create(filter.base()).getPort()), "/v1/filter",
        ("{\"request\":" + request + ",\"dsps\":[\"dsp-atlas\"]}").getBytes(StandardCharsets.UTF_8), Set.of(200));
  }

  @AfterAll
  static void stop() {
    filter.close();
  }

  @Test
  void aBodyTrickledByteByByteIsAnswered() throws Exception {
    abuse.slowSenderIsAnswered();
  }

  @Test
  void aClientHangingUpMidBodyLeavesTheServiceAnswering() throws Exception {
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
    abuse.oversizedChunkedBodyIsRefused(MAX_BODY_BYTES);
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
  void pipelinedCallsAreAnsweredInOrder() throws Exception {
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
        "bidsift_filter_fail_open_total", "reason=\"error\"");
  }

  @Test
  void aMalformedChunkedBodyIsAClientErrorNotAnInternalOne() throws Exception {
    // Reactor Netty refuses the broken chunk and closes the connection: the handler sees the decoding
    // failure or the close first (bad_framing or client_aborted), a client error either way.
    ConnectionAbuse.countedAsAClientError(() -> abuse.malformedChunkedBodyIsRefused(false), "",
        AbusiveConnectionsTest::metrics, "bidsift_filter_fail_open_total", "reason=\"error\"");
  }

  private static String metrics() {
    return filter.get("/actuator/prometheus").body();
  }
}
