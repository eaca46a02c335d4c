package io.bidsift.modelsync;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/** Exponential backoff with jitter, capped: the wait before retry number {@code failures}. */
final class Backoff {

  private final SyncSettings settings;
  private final DoubleSupplier random;

  /** @param random values in [0, 1) */
  Backoff(SyncSettings settings, DoubleSupplier random) {
    this.settings = settings;
    this.random = random;
  }

  /** @param failures consecutive failed polls, at least 1 */
  Duration delay(int failures) {
    long initial = settings.initialBackoff().toMillis();
    long cap = settings.maxBackoff().toMillis();
    // doubling stops at the cap, long before the shift could overflow
    long exponential = initial;
    for (int i = 1; i < failures && exponential < cap; i++) {
      exponential *= 2;
    }
    long capped = Math.min(cap, exponential);
    long jittered = Math.round(capped * (1 - settings.jitter() * random.getAsDouble()));
    return Duration.ofMillis(Math.max(jittered, settings.minPollDelay().toMillis()));
  }
}
