package io.bidsift.simulator.generate;

import java.io.PrintStream;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

/**
 * Shows generation progress on stderr: a bar redrawn in place on a terminal, a plain line every
 * few seconds otherwise (logs, CI). Thread-safe: any thread may report progress.
 */
final class ProgressBar implements LongConsumer, AutoCloseable {

  private static final int WIDTH = 30;

  private final PrintStream err;
  private final long total;
  private final boolean interactive;
  private final long startNanos = System.nanoTime();
  private final AtomicLong done = new AtomicLong();
  private final ScheduledExecutorService ticker;

  ProgressBar(PrintStream err, long total, boolean interactive) {
    this.err = err;
    this.total = total;
    this.interactive = interactive;
    this.ticker = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "progress");
      t.setDaemon(true);
      return t;
    });
    long periodMillis = interactive ? 250 : 5_000;
    ticker.scheduleAtFixedRate(this::draw, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
  }

  @Override
  public void accept(long auctions) {
    done.addAndGet(auctions);
  }

  @Override
  public void close() {
    ticker.shutdownNow();
    try {
      ticker.awaitTermination(1, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    draw();
    if (interactive) {
      err.println();
    }
  }

  private synchronized void draw() {
    long n = done.get();
    double seconds = Math.max(1e-3, (System.nanoTime() - startNanos) / 1e9);
    double rate = n / seconds;
    double fraction = total == 0 ? 1 : (double) n / total;
    int filled = (int) Math.round(fraction * WIDTH);
    String eta = rate > 0 && n < total ? String.format(" ETA %ds", Math.round((total - n) / rate)) : "";
    String line = String.format("generate [%s%s] %3d%% %,d/%,d auctions %,.0f/s%s", "#".repeat(filled),
        "-".repeat(WIDTH - filled), Math.round(fraction * 100), n, total, rate, eta);
    if (interactive) {
      err.print("\r" + line + "   ");
    } else {
      err.println(line);
    }
    err.flush();
  }
}
