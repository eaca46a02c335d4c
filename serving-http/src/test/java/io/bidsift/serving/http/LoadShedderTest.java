package io.bidsift.serving.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.channel.DefaultEventLoop;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LoadShedderTest {

  private static final Duration TARGET = Duration.ofMillis(20);

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final LoadShedder shedder = new LoadShedder(new OverloadProperties(true, TARGET, Duration.ofMillis(2)),
      registry, "/test");

  @Test
  void everyRequestUpToTheTargetLagIsServedAndNoneFromTwiceIt() {
    for (long waited : new long[] {0, 1_000_000, TARGET.toNanos()}) {
      assertThat(shedder.admits(waited)).isTrue();
    }
    for (long waited : new long[] {2 * TARGET.toNanos(), 10 * TARGET.toNanos()}) {
      assertThat(shedder.admits(waited)).isFalse();
    }
    assertThat(registry.get("bidsift.requests.shed").counter().count()).isEqualTo(2);
  }

  @Test
  void betweenTheTargetAndTwiceItTheServedShareFallsLinearly() {
    int n = 20_000;
    int admitted = 0;
    for (int i = 0; i < n; i++) {
      if (shedder.admits(TARGET.toNanos() * 5 / 4)) {   // a quarter of the way: three quarters served
        admitted++;
      }
    }
    // Binomial standard deviation is about 0.3% here; 2% is far outside chance.
    assertThat(admitted / (double) n).isBetween(0.73, 0.77);
    assertThat(registry.get("bidsift.requests.shed").counter().count()).isEqualTo(n - admitted);
  }

  @Test
  void aRequestReadAfterItsEventLoopStalledReportsTheStallAsItsWaitThenTheLagRecovers() throws Exception {
    DefaultEventLoop loop = new DefaultEventLoop();
    try {
      assertThat(onLoop(loop)).as("first use starts the probe").isZero();
      CountDownLatch stall = new CountDownLatch(1);
      loop.execute(() -> {
        try {
          stall.await(100, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
      // Queued behind the 100 ms stall, as a request read after it would be.
      long waited = onLoop(loop);
      assertThat(waited).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(80));
      assertThat(shedder.admits(waited)).isFalse();

      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      long now = waited;
      while (now > TimeUnit.MILLISECONDS.toNanos(10) && System.nanoTime() < deadline) {
        Thread.sleep(5);
        now = onLoop(loop);
      }
      assertThat(now).as("lag once the loop is idle again").isLessThan(TimeUnit.MILLISECONDS.toNanos(10));
    } finally {
      shedder.close();
      loop.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }
  }

  @Test
  void offAnEventLoopNothingHasWaited() {
    assertThat(shedder.waitedNanos()).isZero();
  }

  private long onLoop(DefaultEventLoop loop) throws Exception {
    CompletableFuture<Long> waited = new CompletableFuture<>();
    loop.execute(() -> waited.complete(shedder.waitedNanos()));
    return waited.get(5, TimeUnit.SECONDS);
  }
}
