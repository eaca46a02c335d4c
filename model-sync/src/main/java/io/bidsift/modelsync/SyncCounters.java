package io.bidsift.modelsync;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What {@link ModelSync} did, as live counters for a metrics registry to read (the bid filter
 * binds them to Micrometer; model-sync itself has no metrics dependency). Thread-safe.
 */
public final class SyncCounters {

  private final AtomicLong loads = new AtomicLong();
  private final AtomicLong swaps = new AtomicLong();
  private final AtomicLong sourceErrors = new AtomicLong();
  private final Map<RejectReason, AtomicLong> rejects = new EnumMap<>(RejectReason.class);

  SyncCounters() {
    for (RejectReason reason : RejectReason.values()) {
      rejects.put(reason, new AtomicLong());
    }
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

  void loaded() {
    loads.incrementAndGet();
  }

  void swapped() {
    swaps.incrementAndGet();
  }

  void rejected(RejectReason reason) {
    rejects.get(reason).incrementAndGet();
  }

  void sourceFailed() {
    sourceErrors.incrementAndGet();
  }
}
