package io.bidsift.auction.callout;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.resolver.DefaultAddressResolverGroup;
import io.netty.resolver.dns.DnsAddressResolverGroup;
import io.netty.resolver.dns.DnsNameResolverBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The callout client against a real HTTP server (the JDK's) over loopback. */
class CalloutClientTest {

  private static final int LOOPS = 2;

  private HttpServer server;
  private EventLoopGroup loops;
  private CalloutClient client;
  private final CountDownLatch releaseSilent = new CountDownLatch(1);

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(0), 0);   // every interface: "localhost" may be ::1
    server.setExecutor(Executors.newCachedThreadPool());
    server.createContext("/echo", x -> answer(x, 200, x.getRequestBody().readAllBytes()));
    server.createContext("/nobid", x -> {
      x.getRequestBody().readAllBytes();
      x.sendResponseHeaders(204, -1);
      x.close();
    });
    server.createContext("/slow", x -> {
      sleep(300);
      answer(x, 200, "late".getBytes(StandardCharsets.UTF_8));
    });
    server.createContext("/silent", x -> {
      await(releaseSilent);
      answer(x, 200, new byte[0]);
    });
    server.createContext("/huge", x -> answer(x, 200, new byte[2 * 1024 * 1024]));
    server.createContext("/chunked-huge", x -> {
      x.getRequestBody().readAllBytes();
      x.sendResponseHeaders(200, 0);   // 0: chunked, no declared length
      try (OutputStream out = x.getResponseBody()) {
        for (int i = 0; i < 64; i++) {
          out.write(new byte[32 * 1024]);
        }
      } catch (IOException e) {
        // the client hung up on the oversized answer, as it should
      }
    });
    server.createContext("/close", x -> {
      x.getResponseHeaders().set("Connection", "close");
      answer(x, 200, "bye".getBytes(StandardCharsets.UTF_8));
    });
    server.start();
    loops = new MultiThreadIoEventLoopGroup(LOOPS, NioIoHandler.newFactory());
    client = new CalloutClient(loops, NioSocketChannel.class, DefaultAddressResolverGroup.INSTANCE,
        new CalloutClientSettings(8, 4, Duration.ofSeconds(1), 1024 * 1024, Duration.ofMillis(500),
            Duration.ofSeconds(20)));
  }

  @AfterEach
  void stop() {
    releaseSilent.countDown();
    client.close();
    loops.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    server.stop(0);
  }

  @Test
  void answersComeBackWithStatusAndBodyAndConnectionsAreReused() {
    Endpoint echo = endpoint("/echo");
    for (int i = 0; i < 40; i++) {
      byte[] body = ("{\"n\":" + i + "}").getBytes(StandardCharsets.UTF_8);
      CalloutResult r = call(echo, body, 1000);
      assertThat(r.kind()).isEqualTo(CalloutResult.Kind.ANSWERED);
      assertThat(r.status()).isEqualTo(200);
      assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo("{\"n\":" + i + "}");
    }
    // One keep-alive connection per event loop served all 40 sequential calls.
    assertThat(client.openConnections(echo)).isLessThanOrEqualTo(LOOPS);
    assertThat(call(endpoint("/nobid"), new byte[0], 1000).status()).isEqualTo(204);
  }

  @Test
  void concurrentCalloutsEachGetTheirOwnAnswer() throws Exception {
    Endpoint echo = endpoint("/echo");
    // Rounds of 12 at once: all 8 connections busy and 4 callouts waiting for them, the most the limits allow.
    for (int round = 0; round < 10; round++) {
      List<CompletableFuture<CalloutResult>> results = new ArrayList<>();
      for (int i = 0; i < 12; i++) {
        results.add(post(echo, ("call-" + round + "-" + i).getBytes(StandardCharsets.UTF_8), 2000));
      }
      for (int i = 0; i < 12; i++) {
        CalloutResult r = results.get(i).get(5, TimeUnit.SECONDS);
        assertThat(r.kind()).as("call %d-%d", round, i).isEqualTo(CalloutResult.Kind.ANSWERED);
        assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo("call-" + round + "-" + i);
      }
    }
    assertThat(client.openConnections(echo)).isLessThanOrEqualTo(8);
  }

  @Test
  void aSlowAnswerTimesOutWithinTheBudgetAndItsConnectionIsReusedOnceTheLateAnswerArrives() throws Exception {
    Endpoint slow = endpoint("/slow");
    CalloutResult r = call(slow, new byte[0], 50);
    assertThat(r.kind()).isEqualTo(CalloutResult.Kind.TIMEOUT);
    assertThat(r.latencyNanos()).isBetween(TimeUnit.MILLISECONDS.toNanos(50), TimeUnit.MILLISECONDS.toNanos(200));
    Thread.sleep(400);   // the late answer (300 ms) arrives inside the 500 ms grace
    assertThat(client.openConnections(slow)).isEqualTo(1);
  }

  @Test
  void aConnectionThatStaysSilentPastTheGraceIsClosed() throws Exception {
    Endpoint silent = endpoint("/silent");
    assertThat(call(silent, new byte[0], 50).kind()).isEqualTo(CalloutResult.Kind.TIMEOUT);
    assertThat(client.openConnections(silent)).isEqualTo(1);
    Thread.sleep(800);
    assertThat(client.openConnections(silent)).isZero();
  }

  @Test
  void answersOverTheSizeLimitAreCutOffWhetherDeclaredOrChunked() {
    assertThat(call(endpoint("/huge"), new byte[0], 2000).kind()).isEqualTo(CalloutResult.Kind.TOO_LARGE);
    assertThat(call(endpoint("/chunked-huge"), new byte[0], 2000).kind()).isEqualTo(CalloutResult.Kind.TOO_LARGE);
  }

  @Test
  void aServerThatClosesAfterAnsweringGetsAFreshConnectionNextTime() {
    Endpoint close = endpoint("/close");
    for (int i = 0; i < 3; i++) {
      CalloutResult r = call(close, new byte[0], 1000);
      assertThat(r.kind()).isEqualTo(CalloutResult.Kind.ANSWERED);
      assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo("bye");
    }
  }

  @Test
  void aRefusedConnectionFailsAtOnceRatherThanTimingOut() throws IOException {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    Endpoint nobody = new Endpoint("nobody", URI.create("http://127.0.0.1:" + closedPort + "/x"), Map.of());
    CalloutResult r = call(nobody, new byte[0], 2000);
    assertThat(r.kind()).isEqualTo(CalloutResult.Kind.FAILED);
    assertThat(r.latencyNanos()).isLessThan(TimeUnit.MILLISECONDS.toNanos(1000));
  }

  @Test
  void beyondTheConnectionAndWaitingLimitsCalloutsFailInsteadOfQueueing() throws Exception {
    Endpoint silent = endpoint("/silent");
    List<CompletableFuture<CalloutResult>> results = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      results.add(post(silent, new byte[0], 300));
    }
    int failed = 0;
    int timedOut = 0;
    for (CompletableFuture<CalloutResult> f : results) {
      CalloutResult r = f.get(2, TimeUnit.SECONDS);
      if (r.kind() == CalloutResult.Kind.FAILED) {
        failed++;
      } else if (r.kind() == CalloutResult.Kind.TIMEOUT) {
        timedOut++;
      }
    }
    // Per loop (2): 4 connections and 2 places to wait beyond the connections being opened; the other 18 fail at once.
    assertThat(timedOut).isEqualTo(12);
    assertThat(failed).isEqualTo(18);
    assertThat(client.openConnections(silent)).isLessThanOrEqualTo(8);
  }

  @Test
  void hostNamesResolveThroughTheNonBlockingResolverTheServerUses() {
    DnsAddressResolverGroup dns = new DnsAddressResolverGroup(new DnsNameResolverBuilder()
        .datagramChannelType(NioDatagramChannel.class).socketChannelType(NioSocketChannel.class));
    try (CalloutClient byName = new CalloutClient(loops, NioSocketChannel.class, dns,
        CalloutClientSettings.defaults(1024 * 1024))) {
      Endpoint echo = new Endpoint("by-name", URI.create("http://localhost:" + server.getAddress().getPort() + "/echo"),
          Map.of());
      CompletableFuture<CalloutResult> result = new CompletableFuture<>();
      byName.post(echo, "hello".getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(2), result::complete);
      CalloutResult r = result.join();
      assertThat(r.kind()).isEqualTo(CalloutResult.Kind.ANSWERED);
      assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo("hello");
    } finally {
      dns.close();
    }
  }

  private Endpoint endpoint(String path) {
    return new Endpoint(path, URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path),
        Map.of("Content-Type", "application/json"));
  }

  private CalloutResult call(Endpoint endpoint, byte[] body, long budgetMs) {
    return post(endpoint, body, budgetMs).join();
  }

  private CompletableFuture<CalloutResult> post(Endpoint endpoint, byte[] body, long budgetMs) {
    CompletableFuture<CalloutResult> result = new CompletableFuture<>();
    client.post(endpoint, body, Duration.ofMillis(budgetMs), result::complete);
    return result;
  }

  private void answer(HttpExchange x, int status, byte[] body) throws IOException {
    try (InputStream in = x.getRequestBody()) {
      in.readAllBytes();
    }
    x.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    try (OutputStream out = x.getResponseBody()) {
      out.write(body);
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
