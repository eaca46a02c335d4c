package io.bidsift.auction;

import static org.assertj.core.api.Assertions.assertThat;

import io.bidsift.auction.config.AuctionServerSettings;
import io.bidsift.auctionlog.AuctionRecord;
import io.bidsift.openrtb.BidRequest;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutor;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.http.client.ReactorResourceFactory;
import reactor.netty.resources.LoopResources;

/**
 * An auction read by an event loop that runs far behind is refused at once: 204, no DSP called,
 * nothing logged, counted as shed. Once the loop catches up, auctions run again.
 */
class OverloadSheddingTest {

  @TempDir
  Path logs;

  @Test
  void aRequestThatWaitedPastTheTargetLagIsAnswered204WithNoDspCalledAndCountedAsShed() throws Exception {
    List<BidRequest> requests = SimulatedFleet.requests(12, 41).stream().map(r -> Requests.with(r, 500, null, 1))
        .toList();
    try (SimulatedFleet fleet = new SimulatedFleet()) {
      List<HttpResponse<String>> answers = new ArrayList<>();
      long shedBefore;
      try (RunningServer server = new RunningServer(AuctionServerSettings.defaults(fleet.dsps(), null, logs),
          Map.of("bidsift.overload.target-lag", "20ms", "bidsift.overload.probe-interval", "2ms"))) {
        // Auctions on every loop first, which starts each loop's lag probe.
        server.postAll(requests.subList(0, 6));
        shedBefore = shed(server);
        // Every event loop stalls for 300 ms (as under a burst it cannot keep up with); the request
        // sent meanwhile is read once its loop is free, 300 ms late, far past the 40 ms at which
        // nothing is admitted.
        EventLoopGroup loops = server.context.getBean(ReactorResourceFactory.class).getLoopResources()
            .onServer(LoopResources.DEFAULT_NATIVE);
        CountDownLatch stalled = new CountDownLatch(1);
        for (EventExecutor loop : loops) {
          loop.execute(() -> await(stalled));
        }
        Thread release = new Thread(() -> {
          sleep(300);
          stalled.countDown();
        });
        release.start();
        answers.add(server.post(requests.get(6)));
        release.join();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (lagSeconds(server) > 0.01 && System.nanoTime() < deadline) {
          Thread.sleep(5);
        }
        answers.add(server.post(requests.get(7)));
        assertThat(shed(server) - shedBefore).isEqualTo(1);
      }
      assertThat(answers.get(0).statusCode()).isEqualTo(204);
      assertThat(answers.get(0).body()).isEmpty();
      List<AuctionRecord> records = RunningServer.readLogs(logs);
      assertThat(records).extracting(r -> r.request().id())
          .as("the shed request never became an auction; the one after it did")
          .doesNotContain(requests.get(6).id()).contains(requests.get(7).id());
      AuctionRecord after = records.stream().filter(r -> r.request().id().equals(requests.get(7).id())).findFirst()
          .orElseThrow();
      assertThat(after.callouts()).anyMatch(c -> c.sent());
    }
  }

  private static long shed(RunningServer server) throws Exception {
    return (long) metric(server, "bidsift_requests_shed_total");
  }

  private static double lagSeconds(RunningServer server) throws Exception {
    return metric(server, "bidsift_event_loop_lag_seconds");
  }

  private static double metric(RunningServer server, String name) throws Exception {
    return server.get("/actuator/prometheus").lines().filter(l -> l.startsWith(name + "{"))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
