package io.bidsift.modelsync;

import io.bidsift.bundle.VerifiedBundle;
import io.bidsift.cli.Reasons;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.DoubleSupplier;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the served model in step with a {@link ModelSource}: polls it on one daemon thread, and
 * when it publishes something new, fetches and verifies the bundle, builds the model with the
 * loader and swaps it in atomically. The model being served is replaced only by one that loaded;
 * every failure keeps the last known good:
 *
 * <ul>
 *   <li>a rejected publication (bad sha256, a tampered file, the loader throws) is logged once,
 *       counted by {@link RejectReason}, and not fetched again until the publication changes;</li>
 *   <li>an outage (source or bucket unreachable) is logged, counted, and retried with exponential
 *       backoff plus jitter, capped ({@link SyncSettings}).</li>
 * </ul>
 *
 * <p>Readers call {@link #current()} (one volatile read) from any thread.
 *
 * @param <T> the loaded model, e.g. the bid filter's predictor with its thresholds
 */
public final class ModelSync<T> implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ModelSync.class);

  private final ModelSource source;
  private final Function<VerifiedBundle, T> loader;
  private final SyncSettings settings;
  private final Clock clock;
  private final Backoff backoff;
  private final SyncCounters counters = new SyncCounters();
  private final AtomicReference<LoadedModel<T>> current = new AtomicReference<>();
  private final CountDownLatch firstModel = new CountDownLatch(1);
  private final ScheduledExecutorService scheduler;

  // Poll state: touched only under the instance lock (by the poll thread, or a test calling pollOnce).
  private String servingFingerprint;
  private String rejectedFingerprint;
  private int consecutiveFailures;
  private boolean started;
  private volatile boolean closed;

  /**
   * @param loader builds the model from a verified bundle; throws (any runtime exception) to
   *               refuse it, e.g. when the canary scores do not match
   */
  public ModelSync(ModelSource source, Function<VerifiedBundle, T> loader, SyncSettings settings) {
    this(source, loader, settings, Clock.systemUTC(), () -> ThreadLocalRandom.current().nextDouble());
  }

  ModelSync(ModelSource source, Function<VerifiedBundle, T> loader, SyncSettings settings, Clock clock,
      DoubleSupplier random) {
    this.source = Objects.requireNonNull(source, "source");
    this.loader = Objects.requireNonNull(loader, "loader");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.clock = clock;
    this.backoff = new Backoff(settings, random);
    this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "model-sync");
      t.setDaemon(true);
      return t;
    });
  }

  /** Starts polling now, then as the source asks. Returns at once; see {@link #awaitModel}. */
  public synchronized void start() {
    if (started || closed) {
      throw new IllegalStateException("model sync already " + (closed ? "closed" : "started"));
    }
    started = true;
    scheduler.execute(this::pollAndReschedule);
  }

  /** The model being served, or null while none has loaded yet. */
  public LoadedModel<T> current() {
    return current.get();
  }

  /**
   * Waits until a model is served (the initial load) or the timeout passes.
   *
   * @return whether a model is served
   */
  public boolean awaitModel(Duration timeout) throws InterruptedException {
    return firstModel.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
  }

  public SyncCounters counters() {
    return counters;
  }

  public String describeSource() {
    return source.describe();
  }

  /** Stops polling and closes the source; the last model stays readable. */
  @Override
  public void close() {
    closed = true;
    scheduler.shutdownNow();
    try {
      scheduler.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    synchronized (this) {
      source.close();
    }
  }

  private void pollAndReschedule() {
    Duration next;
    try {
      next = pollOnce();
    } catch (RuntimeException e) {
      // pollOnce handles every failure it knows; this is a bug, and the loop must survive it
      LOG.error("model-sync: unexpected failure polling {}", source.describe(), e);
      next = backoff.delay(1);
    }
    if (!closed) {
      scheduler.schedule(this::pollAndReschedule, next.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  /** One round: poll, and fetch, load and swap when something new is published. Returns the wait before the next. */
  synchronized Duration pollOnce() {
    if (closed) {
      return settings.minPollDelay();
    }
    SourcePoll poll;
    try {
      poll = source.poll();
    } catch (ModelSourceException e) {
      return outage(e.getMessage());
    }
    Duration next = max(poll.nextPollIn(), settings.minPollDelay());
    if (poll.offer().isEmpty()) {
      consecutiveFailures = 0;
      return next;
    }
    BundleOffer offer = poll.offer().get();
    if (offer.fingerprint().equals(servingFingerprint) || offer.fingerprint().equals(rejectedFingerprint)) {
      consecutiveFailures = 0;
      return next;
    }
    VerifiedBundle bundle;
    try {
      bundle = offer.fetch();
    } catch (ModelSourceException e) {
      return outage(e.getMessage());
    } catch (BundleRejectedException e) {
      return reject(offer, e.reason(), e.getMessage(), next);
    }
    consecutiveFailures = 0;
    String version = bundle.manifest().version();
    if (!version.equals(offer.version())) {
      return reject(offer, RejectReason.VERSION_MISMATCH, offer.location() + " holds version " + version
          + ", not the published " + offer.version(), next);
    }
    T model;
    try {
      model = Objects.requireNonNull(loader.apply(bundle), "the loader returned null");
    } catch (RuntimeException | LinkageError | AssertionError e) {
      return reject(offer, RejectReason.LOAD_FAILED, "the loader refused it: " + e, next);
    }
    counters.loaded();
    Instant now = clock.instant();
    LoadedModel<T> previous = current.getAndSet(new LoadedModel<>(model, version, now));
    servingFingerprint = offer.fingerprint();
    counters.swapped();
    firstModel.countDown();
    LOG.info("model-sync: now serving {} from {} (was {})", version, offer.location(),
        previous == null ? "no model" : previous.version());
    return next;
  }

  private Duration reject(BundleOffer offer, RejectReason reason, String message, Duration next) {
    rejectedFingerprint = offer.fingerprint();
    counters.rejected(reason);
    LOG.warn("model-sync: rejected {} from {} ({}): {}; still serving {}", offer.version(), source.describe(),
        reason, Reasons.oneLine(message), servingVersion());
    return next;
  }

  private Duration outage(String message) {
    consecutiveFailures++;
    counters.sourceFailed();
    Duration delay = backoff.delay(consecutiveFailures);
    LOG.warn("model-sync: {} unavailable (failure {} in a row): {}; still serving {}, retrying in {} ms",
        source.describe(), consecutiveFailures, Reasons.oneLine(message), servingVersion(), delay.toMillis());
    return delay;
  }

  private String servingVersion() {
    LoadedModel<T> serving = current.get();
    return serving == null ? "no model" : serving.version();
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }
}
