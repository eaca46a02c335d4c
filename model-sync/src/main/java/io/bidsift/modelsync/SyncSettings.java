package io.bidsift.modelsync;

import java.time.Duration;
import java.util.Objects;

/**
 * Timing of {@link ModelSync}.
 *
 * @param minPollDelay   the shortest wait between two polls, whatever the source asks (a source
 *                       answering 0 must not make the loop spin)
 * @param initialBackoff the wait after the first failed poll of an outage
 * @param maxBackoff     the longest wait between retries during an outage
 * @param jitter         the fraction (0 to 1) taken off each backoff at random, so many filter
 *                       instances that lost the source together do not retry in lockstep
 */
public record SyncSettings(Duration minPollDelay, Duration initialBackoff, Duration maxBackoff, double jitter) {

  /** 1 s floor; outages retried after 1 s, 2 s, 4 s ... up to 60 s, minus up to 20 %. */
  public static final SyncSettings DEFAULTS =
      new SyncSettings(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(60), 0.2);

  public SyncSettings {
    Objects.requireNonNull(minPollDelay, "minPollDelay");
    Objects.requireNonNull(initialBackoff, "initialBackoff");
    Objects.requireNonNull(maxBackoff, "maxBackoff");
    if (minPollDelay.isNegative() || initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
      throw new IllegalArgumentException("delays must be >= 0 and maxBackoff >= initialBackoff");
    }
    if (!(jitter >= 0 && jitter <= 1)) {
      throw new IllegalArgumentException("jitter must be between 0 and 1, not " + jitter);
    }
  }
}
