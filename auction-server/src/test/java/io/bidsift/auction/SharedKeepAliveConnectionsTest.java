package io.bidsift.auction;

import static org.assertj.core.api.Assertions.assertThat;

import io.bidsift.auction.callout.CalloutClient;
import io.bidsift.auction.callout.CalloutClientSettings;
import io.bidsift.auction.callout.CalloutResult;
import io.bidsift.auction.callout.Endpoint;
import io.bidsift.auction.config.AuctionServerSettings;
import io.bidsift.filter.BidFilterApplication;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.resolver.DefaultAddressResolverGroup;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Both services' keep-alive connections, shared by their route handlers and WebFlux, stay answered:
 * the auction server's own callout client (the way it talks to the filter in production) and the
 * JDK client mix every kind of answer on a few pooled connections, each within a second
 * (reactor/reactor-netty#4361; see {@code KeepAliveReadGuard}).
 */
class SharedKeepAliveConnectionsTest {

  private static final int FILTER_MAX_BODY = 2048;
  private static final byte[] VALID_CALL = ("{\"request\":{\"id\":\"a1\",\"imp\":[{\"id\":\"1\",\"banner\":"
      + "{\"w\":300,\"h\":250}}]},\"dsps\":[\"dsp-a\"]}").getBytes(StandardCharsets.UTF_8);
  private static final byte[] VALID_AUCTION = ("{\"id\":\"a1\",\"imp\":[{\"id\":\"1\",\"banner\":"
      + "{\"w\":300,\"h\":250}}],\"site\":{\"id\":\"s1\"}}").getBytes(StandardCharsets.UTF_8);

  @TempDir
  Path tmp;

  /** A POST (a GET when the body is null) to one of the services and the status it must get. */
  private record Call(Endpoint endpoint, URI url, byte[] body, int status) {
  }

  @Test
  void theCalloutClientAndTheJdkClientGetEveryAnswerOnSharedKeepAliveConnections() throws Exception {
    Path empty = Files.createDirectories(tmp.resolve("models"));
    EventLoopGroup loops = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    // No DSPs: a valid auction is answered 204 at once, the quickest kind of answer.
    try (ConfigurableApplicationContext filter = BidFilterApplication.create().run("--server.port=0", "--bidsift.overload.enabled=false",
        "--server.address=127.0.0.1", "--bidsift.model.source=local:" + empty,
        "--bidsift.filter.max-body-bytes=" + FILTER_MAX_BODY);
        RunningServer auctions = new RunningServer(AuctionServerSettings.defaults(List.of(), null, tmp.resolve("logs")));
        CalloutClient client = new CalloutClient(loops, NioSocketChannel.class, DefaultAddressResolverGroup.INSTANCE,
            new CalloutClientSettings(2, 64, Duration.ofSeconds(1), 1024 * 1024, Duration.ofMillis(500),
                Duration.ofSeconds(20)))) {
      String filterBase = "http://127.0.0.1:" + filter.getEnvironment().getProperty("local.server.port");
      String auctionBase = auctions.auction.toString().replace("/openrtb2/auction", "");
      Map<String, String> json = Map.of("Content-Type", "application/json");
      URI filterCalls = URI.create(filterBase + "/v1/filter");
      URI filterHealth = URI.create(filterBase + "/actuator/health");
      URI auctionHealth = URI.create(auctionBase + "/actuator/health");
      Map<URI, Endpoint> endpoints = Map.of(filterCalls, new Endpoint("filter", filterCalls, json),
          filterHealth, new Endpoint("filter-health", filterHealth, json),
          auctions.auction, new Endpoint("auction", auctions.auction, json),
          auctionHealth, new Endpoint("auction-health", auctionHealth, json));
      List<Call> posts = List.of(
          new Call(endpoints.get(filterCalls), filterCalls, VALID_CALL, 200),
          new Call(endpoints.get(filterCalls), filterCalls, "[1,".getBytes(StandardCharsets.UTF_8), 400),
          new Call(endpoints.get(filterCalls), filterCalls, new byte[0], 400),
          new Call(endpoints.get(filterCalls), filterCalls, new byte[FILTER_MAX_BODY * 2], 413),
          new Call(endpoints.get(filterHealth), filterHealth, new byte[0], 405),
          new Call(endpoints.get(auctions.auction), auctions.auction, VALID_AUCTION, 204),
          new Call(endpoints.get(auctions.auction), auctions.auction, "{\"id\":".getBytes(StandardCharsets.UTF_8), 400),
          new Call(endpoints.get(auctionHealth), auctionHealth, new byte[0], 405));
      // WebFlux answers the health endpoints from another thread: the next request on the connection
      // can then arrive before the previous exchange has finished, the case that used to hang.
      List<Call> calls = new ArrayList<>(posts);
      calls.add(new Call(null, filterHealth, null, 503));
      calls.add(new Call(null, auctionHealth, null, 200));
      ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();

      SplittableRandom random = new SplittableRandom(7);
      for (int batch = 0; batch < 300 && problems.isEmpty(); batch++) {
        // Four at a time over at most two connections per endpoint: connections are shared and reused.
        List<Call> sent = new ArrayList<>();
        List<CalloutResult> results = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
          sent.add(posts.get(random.nextInt(posts.size())));
        }
        List<reactor.core.publisher.Mono<CalloutResult>> monos = new ArrayList<>();
        for (Call call : sent) {
          monos.add(client.post(call.endpoint(), call.body(), Duration.ofSeconds(1)));
        }
        for (reactor.core.publisher.Mono<CalloutResult> m : monos) {
          results.add(m.block(Duration.ofSeconds(5)));
        }
        for (int i = 0; i < sent.size(); i++) {
          CalloutResult r = results.get(i);
          if (r.kind() != CalloutResult.Kind.ANSWERED || r.status() != sent.get(i).status()) {
            problems.add(sent.get(i).endpoint() + " in batch " + batch + ": " + r.kind() + " " + r.status()
                + (r.body() == null ? "" : " " + new String(r.body(), StandardCharsets.UTF_8)));
          }
        }
      }
      assertThat(problems).as("callout client").isEmpty();

      HttpClient jdk = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      for (int i = 0; i < 800 && problems.isEmpty(); i++) {
        Call call = calls.get(random.nextInt(calls.size()));
        try {
          HttpRequest.Builder request = HttpRequest.newBuilder(call.url()).timeout(Duration.ofSeconds(1));
          if (call.body() != null) {
            request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(call.body()));
          }
          HttpResponse<Void> r = jdk.send(request.build(), HttpResponse.BodyHandlers.discarding());
          if (r.statusCode() != call.status()) {
            problems.add(call.url() + " #" + i + ": " + r.statusCode());
          }
        } catch (Exception e) {
          problems.add(call.url() + " #" + i + ": " + e);
        }
      }
      assertThat(problems).as("JDK client").isEmpty();
    } finally {
      loops.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }
  }
}
