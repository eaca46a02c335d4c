package io.bidsift.simulator.traffic;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Sends requests to an HTTP endpoint at a fixed rate, open loop: request {@code i} is due at
 * {@code start + i / rate} whatever happened to earlier ones, and its latency counts from then, so
 * back-pressure cannot hide latency (no coordinated omission).
 *
 * <p>Requests go over a fixed pool of HTTP/1.1 keep-alive connections, opened before the first request is
 * due and reopened (never beyond the pool size) when one closes, one request at a time each,
 * spread over {@code ioThreads} Netty event loops (each owning its share of the pool, like wrk's
 * threads). A due request that finds no free connection waits in its lane's queue, its latency
 * growing; one still unanswered {@code requestTimeout} (or its own timeout, see
 * {@link #run(URI, int, Duration, List, List, PrintStream)}) after its due time is a client timeout,
 * whether it was sent or still waiting. Every due request ends counted: answered, failed or timed out.
 */
public final class LoadGenerator {

  private static final long PROGRESS_EVERY_SECONDS = 1;

  /**
   * Below the services' idle timeout ({@code bidsift.http.idle-timeout}, 75 s), as a well-behaved
   * client's must be: otherwise a request sent as the server closes the idle connection is lost.
   */
  public static final Duration DEFAULT_MAX_IDLE = Duration.ofSeconds(60);

  private final int connections;
  private final int ioThreads;
  private final Duration requestTimeout;
  private final Duration maxIdle;

  /** With connections closed after {@link #DEFAULT_MAX_IDLE} idle. */
  public LoadGenerator(int connections, int ioThreads, Duration requestTimeout) {
    this(connections, ioThreads, requestTimeout, DEFAULT_MAX_IDLE);
  }

  /**
   * @param connections    most connections open at once, over all I/O threads
   * @param ioThreads      event loops sending and reading (at most {@code connections})
   * @param requestTimeout from a request's due time to when it is given up
   * @param maxIdle        how long a connection may stay idle before it is closed (reopened when needed)
   */
  public LoadGenerator(int connections, int ioThreads, Duration requestTimeout, Duration maxIdle) {
    if (connections <= 0 || ioThreads <= 0 || ioThreads > connections || requestTimeout.isNegative()
        || requestTimeout.isZero() || maxIdle.isNegative() || maxIdle.isZero()) {
      throw new IllegalArgumentException("connections and I/O threads must be positive, I/O threads at most "
          + "connections, and the timeout and the idle time positive");
    }
    this.connections = connections;
    this.ioThreads = ioThreads;
    this.requestTimeout = requestTimeout;
    this.maxIdle = maxIdle;
  }

  /**
   * Sends {@code ratePerSecond * duration} POSTs of {@code bodies} (cycled) to {@code target}, then
   * waits for the last ones to be answered or time out.
   *
   * @param progress gets a line each second, or null for none
   */
  public LoadReport run(URI target, int ratePerSecond, Duration duration, List<byte[]> bodies, PrintStream progress)
      throws InterruptedException {
    return run(target, ratePerSecond, duration, bodies, Collections.nCopies(bodies.size(), requestTimeout), progress);
  }

  /**
   * Like {@link #run(URI, int, Duration, List, PrintStream)}, each body with its own timeout instead of
   * the generator's: a publisher gives up on a bid request at its tmax plus a little.
   *
   * @param timeouts one per body, positive
   */
  public LoadReport run(URI target, int ratePerSecond, Duration duration, List<byte[]> bodies, List<Duration> timeouts,
                        PrintStream progress) throws InterruptedException {
    if (ratePerSecond <= 0 || bodies.isEmpty() || timeouts.size() != bodies.size()) {
      throw new IllegalArgumentException("rate must be positive and there must be requests to send, each with a timeout");
    }
    InetSocketAddress address = addressOf(target);
    long total = Math.max(1, ratePerSecond * duration.toMillis() / 1000);
    RequestTimeouts requestTimeouts = RequestTimeouts.of(timeouts);
    long timeoutNanos = requestTimeouts.longestNanos();
    // A lane never holds more than one timeout's worth of its requests: older ones have timed out.
    int maxWaiting = (int) Math.min(Integer.MAX_VALUE,
        (long) Math.ceil((double) ratePerSecond / ioThreads * timeoutNanos / 1e9) + 16);
    List<ByteBuf> requests = encode(target, bodies);
    EventLoopGroup group = new NioEventLoopGroup(ioThreads, new DefaultThreadFactory("load-io", true));
    ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "load-progress");
      t.setDaemon(true);
      return t;
    });
    try {
      Lane[] lanes = new Lane[ioThreads];
      LoadTally tally = new LoadTally();
      for (int i = 0; i < ioThreads; i++) {
        int share = connections / ioThreads + (i < connections % ioThreads ? 1 : 0);
        lanes[i] = new Lane(group.next(), address, requests, share, maxWaiting, requestTimeouts, maxIdle, tally);
      }
      for (Lane lane : lanes) {
        lane.openPool().await();
      }
      // The first request is due a little after the lanes are set up, so none starts late.
      Schedule schedule = new Schedule(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20), total, ratePerSecond);
      tally.start(schedule.startNanos());
      for (int i = 0; i < ioThreads; i++) {
        lanes[i].start(schedule, i, ioThreads);
      }
      if (progress != null) {
        ticker.scheduleAtFixedRate(() -> progress.println(tally.progressLine(System.nanoTime())),
            PROGRESS_EVERY_SECONDS, PROGRESS_EVERY_SECONDS, TimeUnit.SECONDS);
      }
      while (tally.lanesDone() < ioThreads) {
        Thread.sleep(5);
      }
      // Every request is finished by its deadline (swept each millisecond); the second is slack for a busy machine.
      long deadline = tally.sendingEndedNanos() + timeoutNanos + TimeUnit.SECONDS.toNanos(1);
      while (tally.completed() < total && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      for (Lane lane : lanes) {
        lane.stop();
      }
      return tally.report();
    } finally {
      ticker.shutdownNow();
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
      requests.forEach(ByteBuf::release);
    }
  }

  private static InetSocketAddress addressOf(URI target) {
    if (!"http".equals(target.getScheme()) || target.getHost() == null) {
      throw new IllegalArgumentException("target must be an http:// URL with a host: " + target);
    }
    InetSocketAddress address = new InetSocketAddress(target.getHost(), target.getPort() < 0 ? 80 : target.getPort());
    if (address.isUnresolved()) {
      throw new IllegalArgumentException("unknown host " + target.getHost());
    }
    return address;
  }

  /** Each body as a whole HTTP/1.1 POST, encoded once: a send is a write of a view of these bytes. */
  private static List<ByteBuf> encode(URI target, List<byte[]> bodies) {
    String path = (target.getRawPath() == null || target.getRawPath().isEmpty() ? "/" : target.getRawPath())
        + (target.getRawQuery() == null ? "" : "?" + target.getRawQuery());
    String host = target.getHost() + (target.getPort() < 0 ? "" : ":" + target.getPort());
    List<ByteBuf> out = new ArrayList<>(bodies.size());
    for (byte[] body : bodies) {
      byte[] head = ("POST " + path + " HTTP/1.1\r\nHost: " + host + "\r\nContent-Type: application/json\r\n"
          + "x-openrtb-version: 2.6\r\nContent-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
      out.add(Unpooled.directBuffer(head.length + body.length).writeBytes(head).writeBytes(body));
    }
    return out;
  }
}
