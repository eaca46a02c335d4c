package io.bidsift.serving.http;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import io.netty.channel.Channel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.netty.util.concurrent.Promise;
import java.util.ArrayList;
import java.util.List;
import reactor.netty.DisposableServer;
import reactor.netty.channel.ChannelOperations;
import reactor.netty.http.server.HttpServerRequest;

/**
 * The first step of a graceful shutdown, before the web server's own: for a drain period the service
 * still answers everything, but says readiness is down and closes each keep-alive connection after
 * its next answer ({@code Connection: close}, see {@link #draining()}). At its start and its end it
 * closes every connection with no request in progress, each in one task on its own event loop so no
 * request can be read between the check and the close; halfway through it stops accepting; last, it
 * waits for the requests in progress to be answered (their connections then close).
 *
 * <p>Why: when the web server's own graceful shutdown closes an idle keep-alive connection, a client
 * that has just sent a request on it gets the connection closed with no answer (about 76 requests
 * per SIGTERM under load); worse, a request read in that instant ran its auction, was logged, and
 * was never answered. Closing each busy connection right after an answer tells the client to go
 * elsewhere at a moment when nothing is in flight on it. The web server's own graceful phase did not
 * wait for auctions in progress (it completed in milliseconds while two were running, and the event
 * loops then closed their connections: the auctions ran, were logged, and their answers were lost),
 * so the drain waits for them itself.
 *
 * <p>Runs in a phase above the web server's graceful shutdown, so Spring stops it first.
 */
public final class ShutdownDrain implements SmartLifecycle {

  private static final Logger LOG = LoggerFactory.getLogger(ShutdownDrain.class);

  private final Duration period;
  private final Duration inFlightTimeout;
  private final ApplicationEventPublisher events;
  private volatile boolean running;
  private volatile boolean draining;
  private volatile DisposableServer server;
  /** Open connections; closed ones leave the group by themselves. */
  private final ChannelGroup connections = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);

  public ShutdownDrain(Duration period, Duration inFlightTimeout, ApplicationEventPublisher events) {
    if (period.isNegative() || inFlightTimeout.isNegative()) {
      throw new IllegalArgumentException("bidsift.shutdown.drain and .in-flight-timeout must not be negative, were "
          + period + " and " + inFlightTimeout);
    }
    this.period = period;
    this.inFlightTimeout = inFlightTimeout;
    this.events = events;
  }

  /** The listening server, whose socket the drain closes halfway (from a server customizer). */
  void listeningOn(DisposableServer bound) {
    this.server = bound;
  }

  /** A connection accepted by the server (from a server customizer). */
  void accepted(Channel connection) {
    connections.add(connection);
  }

  /** True once shutdown has begun: answers should close their connection. */
  public boolean draining() {
    return draining;
  }

  @Override
  public void start() {
    running = true;
  }

  @Override
  public void stop() {
    draining = true;
    AvailabilityChangeEvent.publish(events, this, ReadinessState.REFUSING_TRAFFIC);
    LOG.info("shutting down: answering with Connection: close for {} ms, accepting no new connection after"
        + " half of it", period.toMillis());
    try {
      // Idle connections first, while the client can still open another: a client notices an idle
      // connection closed under it before it reuses it, and then opens a new one.
      closeIdleConnections();
      Thread.sleep(period.toMillis() / 2);
      DisposableServer listening = server;
      if (listening != null) {
        listening.channel().close().await(period.toMillis());
      }
      Thread.sleep(period.toMillis() - period.toMillis() / 2);
      closeIdleConnections();
      awaitAnswers();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    running = false;
  }

  private void closeIdleConnections() throws InterruptedException {
    List<Future<Boolean>> closed = new ArrayList<>();
    for (Channel connection : connections) {
      Promise<Boolean> done = connection.eventLoop().newPromise();
      connection.eventLoop().execute(() -> {
        boolean idle = !(ChannelOperations.get(connection) instanceof HttpServerRequest);
        if (idle) {
          connection.close();
        }
        done.setSuccess(idle);
      });
      closed.add(done);
    }
    int idle = 0;
    for (Future<Boolean> f : closed) {
      if (f.await(period.toMillis() + 1000) && Boolean.TRUE.equals(f.getNow())) {
        idle++;
      }
    }
    LOG.info("drained: closed {} idle connections, {} still answering", idle, closed.size() - idle);
  }

  /** Each connection still open has a request in progress and closes once it is answered. */
  private void awaitAnswers() throws InterruptedException {
    long deadline = System.nanoTime() + inFlightTimeout.toNanos();
    while (!connections.isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    if (!connections.isEmpty()) {
      LOG.warn("{} connections still open {} ms after the drain; the web server closes them", connections.size(),
          inFlightTimeout.toMillis());
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  @Override
  public int getPhase() {
    // Above WebServerGracefulShutdownLifecycle (DEFAULT_PHASE - 1024): stopped before it.
    return SmartLifecycle.DEFAULT_PHASE - 512;
  }
}
