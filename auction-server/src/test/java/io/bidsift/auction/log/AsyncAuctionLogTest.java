package io.bidsift.auction.log;

import static org.assertj.core.api.Assertions.assertThat;

import io.bidsift.auctionlog.AuctionRecord;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AsyncAuctionLogTest {

  @Test
  void aFailingTickDoesNotEndTheWriterThread() {
    FailingTickSink sink = new FailingTickSink();
    AsyncAuctionLog log = new AsyncAuctionLog(sink, 1_000, Duration.ofSeconds(10), new SimpleMeterRegistry());
    log.submit(S3SpoolTest.record(0));
    Poll.until("a tick failed", Duration.ofSeconds(30), () -> sink.ticks.get() >= 1);

    log.submit(S3SpoolTest.record(1));
    Poll.until("the record after it written", Duration.ofSeconds(30), () -> sink.appended.size() == 2);
    Poll.until("ticks go on", Duration.ofSeconds(30), () -> sink.ticks.get() >= 2);
    log.close();

    assertThat(sink.appended).extracting(r -> r.request().id()).containsExactly("auction-0", "auction-1");
    assertThat(sink.closed).isTrue();
  }

  /** Keeps records in memory; every tick throws, as a sink whose disk or S3 fails would. */
  private static final class FailingTickSink implements AuctionLogSink {
    final List<AuctionRecord> appended = new CopyOnWriteArrayList<>();
    final AtomicInteger ticks = new AtomicInteger();
    volatile boolean closed;

    @Override
    public boolean append(AuctionRecord record) {
      appended.add(record);
      return true;
    }

    @Override
    public void tick() {
      ticks.incrementAndGet();
      throw new IllegalStateException("housekeeping failed");
    }

    @Override
    public void close(Duration timeout) {
      closed = true;
    }

    @Override
    public String location() {
      return "memory";
    }
  }
}
