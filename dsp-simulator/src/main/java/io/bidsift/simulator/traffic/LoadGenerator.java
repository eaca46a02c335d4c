package io.bidsift.simulator.traffic;

import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.ConcurrentHistogram;

/**
 * Sends bid requests to an auction endpoint at a fixed rate, open loop: request {@code i} is due at
 * {@code start + i / rate} whatever happened to earlier ones, so back-pressure cannot hide latency.
 */
public final class LoadGenerator {

  private static final long MAX_TRACKED_MICROS = TimeUnit.SECONDS.toMicros(60);

  private final HttpClient client;
  private final Duration requestTimeout;

  public LoadGenerator(HttpClient client, Duration requestTimeout) {
    this.client = client;
    this.requestTimeout = requestTimeout;
  }

  /** An HTTP/1.1 client on its own small thread pool, for a run of the generator. */
  public static HttpClient defaultClient(ExecutorService executor) {
    return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(executor)
        .connectTimeout(Duration.ofSeconds(2)).build();
  }

  /**
   * Sends {@code ratePerSecond * duration} requests, cycling through {@code bodies}, then waits for the
   * stragglers (up to the request timeout).
   *
   * @param progress gets a line each second, or null for none
   */
  public LoadReport run(URI target, int ratePerSecond, Duration duration, List<byte[]> bodies, PrintStream progress)
      throws InterruptedException {
    if (ratePerSecond <= 0 || bodies.isEmpty()) {
      throw new IllegalArgumentException("rate must be positive and there must be requests to send");
    }
    long total = Math.max(1, ratePerSecond * duration.toMillis() / 1000);
    long periodNanos = TimeUnit.SECONDS.toNanos(1) / ratePerSecond;
    ConcurrentHistogram latency = new ConcurrentHistogram(MAX_TRACKED_MICROS, 3);
    Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
    Map<String, LongAdder> errors = new ConcurrentHashMap<>();
    AtomicLong sent = new AtomicLong();
    LongAdder completed = new LongAdder();
    long start = System.nanoTime();
    ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "load-progress");
      t.setDaemon(true);
      return t;
    });
    if (progress != null) {
      ticker.scheduleAtFixedRate(() -> progress.printf("[%5.1f s] sent %d  completed %d  in flight %d  p99 %.2f ms%n",
              (System.nanoTime() - start) / 1e9, sent.get(), completed.sum(), sent.get() - completed.sum(),
              latency.getValueAtPercentile(99) / 1000.0),
          1, 1, TimeUnit.SECONDS);
    }
    try {
      for (long i = 0; i < total; i++) {
        long due = start + i * periodNanos;
        long wait = due - System.nanoTime();
        if (wait > 0) {
          LockSupport.parkNanos(wait);
        }
        HttpRequest request = HttpRequest.newBuilder(target).timeout(requestTimeout)
            .header("Content-Type", "application/json").header("x-openrtb-version", "2.6")
            .POST(HttpRequest.BodyPublishers.ofByteArray(bodies.get((int) (i % bodies.size())))).build();
        sent.incrementAndGet();
        client.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, failure) -> {
          latency.recordValue(Math.min(MAX_TRACKED_MICROS, Math.max(0, (System.nanoTime() - due) / 1000)));
          if (failure != null) {
            Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
            errors.computeIfAbsent(cause.getClass().getSimpleName(), k -> new LongAdder()).increment();
          } else {
            statuses.computeIfAbsent(response.statusCode(), k -> new LongAdder()).increment();
          }
          completed.increment();
        });
      }
      long sendingEnded = System.nanoTime();
      long deadline = sendingEnded + requestTimeout.toNanos() + TimeUnit.SECONDS.toNanos(1);
      while (completed.sum() < total && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      double elapsed = (sendingEnded - start) / 1e9;
      return new LoadReport(sent.get(), completed.sum(), sum(statuses), sum(errors), elapsed,
          latency.getValueAtPercentile(50), latency.getValueAtPercentile(90), latency.getValueAtPercentile(99),
          latency.getMaxValue());
    } finally {
      ticker.shutdownNow();
    }
  }

  private static <K extends Comparable<K>> TreeMap<K, Long> sum(Map<K, LongAdder> counts) {
    TreeMap<K, Long> out = new TreeMap<>();
    counts.forEach((k, v) -> out.put(k, v.sum()));
    return out;
  }
}
