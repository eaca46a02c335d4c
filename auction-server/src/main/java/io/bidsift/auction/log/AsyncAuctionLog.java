package io.bidsift.auction.log;

import io.bidsift.auctionlog.AuctionRecord;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes auction records on one background thread, so the request path only pays for a queue
 * offer. The queue is bounded: when the writer falls behind, records are dropped and counted
 * ({@code bidsift_auction_log_dropped_total}) rather than slowing or failing auctions; a sink
 * failure is counted ({@code bidsift_auction_log_failed_total}) and logged. Neither is ever silent.
 *
 * <p>{@link #close()} drains: it stops accepting, lets the writer empty the queue, then closes
 * the sink, so an orderly shutdown (SIGTERM closes the Spring context after the web server has
 * finished its in-flight requests) loses nothing. It is bounded by the drain deadline, because ECS
 * kills the task at its stopTimeout: records still queued then are counted as dropped, and files
 * the sink could not ship stay in its staging directory for the next start.
 */
public final class AsyncAuctionLog implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(AsyncAuctionLog.class);
  private static final int BATCH = 512;
  private static final long TICK_NANOS = TimeUnit.SECONDS.toNanos(1);
  private static final long FAILURE_LOG_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);

  private final BlockingQueue<AuctionRecord> queue;
  private final AuctionLogSink sink;
  private final Thread writer;
  private final Counter written;
  private final Counter dropped;
  private final Counter failed;
  private final Duration drainDeadline;
  private volatile boolean closing;
  /** The drain deadline passed: the writer stops after its current batch. */
  private volatile boolean abandoned;
  private boolean closed;
  private long lastFailureLogNanos = System.nanoTime() - FAILURE_LOG_INTERVAL_NANOS;

  /** @param drainDeadline the longest {@link #close()} takes to write the queue and close the sink */
  public AsyncAuctionLog(AuctionLogSink sink, int capacity, Duration drainDeadline, MeterRegistry registry) {
    this.queue = new ArrayBlockingQueue<>(capacity);
    this.sink = sink;
    this.drainDeadline = drainDeadline;
    this.written = Counter.builder("bidsift.auction_log.written").description("auction records written")
        .register(registry);
    this.dropped = Counter.builder("bidsift.auction_log.dropped")
        .description("auction records dropped because the log queue was full or closed, or did not drain in time").register(registry);
    this.failed = Counter.builder("bidsift.auction_log.failed")
        .description("auction records the sink failed to write").register(registry);
    Gauge.builder("bidsift.auction_log.queued", queue, BlockingQueue::size)
        .description("auction records waiting to be written").register(registry);
    this.writer = new Thread(this::run, "auction-log-writer");
    writer.setDaemon(false);
    writer.start();
  }

  /** Queues one record without blocking; false (and counted) when it had to be dropped. */
  public boolean submit(AuctionRecord record) {
    if (closing || !queue.offer(record)) {
      dropped.increment();
      return false;
    }
    return true;
  }

  public String location() {
    return sink.location();
  }

  private void run() {
    List<AuctionRecord> batch = new ArrayList<>(BATCH);
    long lastTick = System.nanoTime();
    while ((!closing || !queue.isEmpty()) && !abandoned) {
      try {
        AuctionRecord first = queue.poll(100, TimeUnit.MILLISECONDS);
        if (first != null) {
          batch.add(first);
          queue.drainTo(batch, BATCH - 1);
          write(batch);
          batch.clear();
        }
      } catch (InterruptedException e) {
        // close() never interrupts: an interrupt comes from outside; keep draining until closing.
        Thread.interrupted();
      }
      long now = System.nanoTime();
      if (now - lastTick >= TICK_NANOS) {
        lastTick = now;
        tick();
      }
    }
  }

  private void write(List<AuctionRecord> batch) {
    for (AuctionRecord record : batch) {
      try {
        if (sink.append(record)) {
          written.increment();
        }
      } catch (RuntimeException e) {
        failed.increment();
        logFailure("cannot write an auction record to " + sink.location(), e);
      }
    }
  }

  /** A failing tick must not end the writer thread: the next one may succeed, and records keep coming. */
  private void tick() {
    try {
      sink.tick();
    } catch (RuntimeException e) {
      logFailure("auction log housekeeping failed on " + sink.location(), e);
    }
  }

  private void logFailure(String message, RuntimeException e) {
    long now = System.nanoTime();
    if (now - lastFailureLogNanos >= FAILURE_LOG_INTERVAL_NANOS) {
      lastFailureLogNanos = now;
      LOG.error("{} (further failures within 10 s are only counted)", message, e);
    }
  }

  /**
   * Stops accepting records, writes every queued one, and closes the sink, within the drain
   * deadline: past it, what is still queued is dropped (and counted) and the sink gets no time to
   * ship, leaving its files for the next start.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    long deadline = System.nanoTime() + drainDeadline.toNanos();
    closing = true;
    joinWriter(deadline);
    if (writer.isAlive()) {
      abandoned = true;
      // It stops after the batch it is writing to local disk; the sink must not close under it.
      joinWriter(System.nanoTime() + TimeUnit.SECONDS.toNanos(5));
    }
    List<AuctionRecord> late = new ArrayList<>();
    queue.drainTo(late);
    if (abandoned) {
      dropped.increment(late.size());
      LOG.error("the auction log did not drain within {}: {} queued records dropped", drainDeadline, late.size());
    } else {
      // A submit that passed the closing check just as the writer saw an empty queue.
      write(late);
    }
    sink.close(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
    LOG.info("auction log closed: {} records written to {}, {} dropped, {} failed", (long) written.count(),
        sink.location(), (long) dropped.count(), (long) failed.count());
  }

  private void joinWriter(long deadlineNanos) {
    long millis = TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime());
    try {
      writer.join(Math.max(1, millis));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
