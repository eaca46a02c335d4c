package io.bidsift.modelsync;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What {@link ModelSync} did, as live counters for a metrics registry to read (the bid filter
 * binds them to Micrometer; model-sync itself has no metrics dependency). Thread-safe.
 */
public final class SyncCounters {

  private final AtomicLong polls = new AtomicLong();
  private final AtomicLong loads = new AtomicLong();
  private final AtomicLong swaps = new AtomicLong();
  private final AtomicLong sourceErrors = new AtomicLong();
  private final Map<RejectReason, AtomicLong> rejects = new EnumMap<>(RejectReason.class);
  private final AtomicReference<Instant> lastSourceSuccess = new AtomicReference<>();
  private final AtomicReference<Instant> lastSwap = new AtomicReference<>();

  SyncCounters() {
    for (RejectReason reason : RejectReason.values()) {
      rejects.put(reason, new AtomicLong());
    }
  }

  /** Polls that reached the source (successful or not). */
  public long polls() {
    return polls.get();
  }

  /** Bundles fetched, verified and built by the loader without error. */
  public long loads() {
    return loads.get();
  }

  /** Times the served model was replaced (the first load included). */
  public long swaps() {
    return swaps.get();
  }

  /** Publications rejected for {@code reason}. */
  public long rejects(RejectReason reason) {
    return rejects.get(reason).get();
  }

  /** Publications rejected, all reasons. */
  public long rejects() {
    return rejects.values().stream().mapToLong(AtomicLong::get).sum();
  }

  /** Polls or fetches that failed because the source was unreachable (outages). */
  public long sourceErrors() {
    return sourceErrors.get();
  }

  /** When the source last answered a poll, or null: an old value means the filter may serve a stale model. */
  public Instant lastSourceSuccess() {
    return lastSourceSuccess.get();
  }

  /** When a model was last swapped in, or null. */
  public Instant lastSwap() {
    return lastSwap.get();
  }

  void polled() {
    polls.incrementAndGet();
  }

  void sourceAnswered(Instant at) {
    lastSourceSuccess.set(at);
  }

  void loaded() {
    loads.incrementAndGet();
  }

  void swapped(Instant at) {
    swaps.incrementAndGet();
    lastSwap.set(at);
  }

  void rejected(RejectReason reason) {
    rejects.get(reason).incrementAndGet();
  }

  void sourceFailed() {
    sourceErrors.incrementAndGet();
  }
}
