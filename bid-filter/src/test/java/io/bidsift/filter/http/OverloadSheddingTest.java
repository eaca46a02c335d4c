package io.bidsift.filter.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutor;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.http.client.ReactorResourceFactory;
import reactor.netty.resources.LoopResources;

/**
 * A filter call read by an event loop that runs far behind is refused at once with a 503, so the
 * auction server fails open straight away instead of waiting out its budget; it is counted as shed.
 */
class OverloadSheddingTest {

  private static final String CALL = "{\"request\":{\"id\":\"a1\",\"imp\":[{\"id\":\"1\",\"banner\":{\"w\":300,"
      + "\"h\":250}}]},\"dsps\":[\"dsp-a\"]}";

  @TempDir
  Path tmp;

  @Test
  void aCallThatWaitedPastTheTargetLagIsAnswered503AtOnceAndCountedAsShed() throws Exception {
    Path empty = Files.createDirectories(tmp.resolve("models"));
    try (RunningFilter filter = new RunningFilter("local:" + empty, Map.of("bidsift.overload.enabled", true,
        "bidsift.overload.target-lag", "20ms", "bidsift.overload.probe-interval", "2ms"))) {
      for (int i = 0; i < 4; i++) {
        assertThat(filter.post("/v1/filter", CALL).statusCode()).isEqualTo(200);   // starts the loops' probes
      }
      EventLoopGroup loops = filter.bean(ReactorResourceFactory.class).getLoopResources()
          .onServer(LoopResources.DEFAULT_NATIVE);
      CountDownLatch stalled = new CountDownLatch(1);
      for (EventExecutor loop : loops) {
        loop.execute(() -> {
          try {
            stalled.await(5, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
      }
      Thread release = new Thread(() -> {
        try {
          Thread.sleep(300);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        stalled.countDown();
      });
      release.start();
      HttpResponse<String> shed = filter.post("/v1/filter", CALL);
      release.join();
      assertThat(shed.statusCode()).isEqualTo(503);
      assertThat(shed.body()).contains("overloaded");
      String metrics = filter.get("/actuator/prometheus").body();
      assertThat(metrics).contains("bidsift_requests_shed_total{route=\"/v1/filter\",service=\"bid-filter\"} 1.0")
          .contains("bidsift_filter_requests_total{service=\"bid-filter\",status=\"503\"} 1.0");

      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (filter.get("/actuator/prometheus").body().contains("bidsift_event_loop_lag_seconds{route=\"/v1/filter\","
          + "service=\"bid-filter\"} 0.0") == false && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      assertThat(filter.post("/v1/filter", CALL).statusCode()).as("served again once the loops catch up")
          .isEqualTo(200);
    }
  }
}
