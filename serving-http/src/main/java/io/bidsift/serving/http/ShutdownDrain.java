package io.bidsift.serving.http;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;

/**
 * The first step of a graceful shutdown, before the web server stops accepting: for a drain period
 * the service still answers everything, but says readiness is down and closes each keep-alive
 * connection after its next answer ({@code Connection: close}, see {@link #draining()}).
 *
 * <p>Why: when the web server's own graceful shutdown closes an idle keep-alive connection, a client
 * that has just sent a request on it gets the connection closed with no answer (about 76 requests
 * per SIGTERM under load). Closing each busy connection right after an answer instead tells the
 * client to go elsewhere at a moment when nothing is in flight on it.
 *
 * <p>Runs in a phase above the web server's graceful shutdown, so Spring stops it first.
 */
public final class ShutdownDrain implements SmartLifecycle {

  private static final Logger LOG = LoggerFactory.getLogger(ShutdownDrain.class);

  private final Duration period;
  private final ApplicationEventPublisher events;
  private volatile boolean running;
  private volatile boolean draining;

  public ShutdownDrain(Duration period, ApplicationEventPublisher events) {
    if (period.isNegative()) {
      throw new IllegalArgumentException("the shutdown drain period must not be negative, was " + period);
    }
    this.period = period;
    this.events = events;
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
    LOG.info("shutting down: answering with Connection: close for {} ms before the server stops accepting",
        period.toMillis());
    try {
      Thread.sleep(period.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    running = false;
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
