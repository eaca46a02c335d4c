package io.bidsift.modelsync;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What one {@link ModelSource#poll()} saw.
 *
 * @param offer      the bundle published now; empty when nothing is published yet
 * @param nextPollIn how long the source asks to wait before the next poll (AppConfig's
 *                   NextPollIntervalInSeconds, or the local source's interval)
 */
public record SourcePoll(Optional<BundleOffer> offer, Duration nextPollIn) {

  public SourcePoll {
    Objects.requireNonNull(offer, "offer");
    Objects.requireNonNull(nextPollIn, "nextPollIn");
  }

  public static SourcePoll nothingPublished(Duration nextPollIn) {
    return new SourcePoll(Optional.empty(), nextPollIn);
  }

  public static SourcePoll of(BundleOffer offer, Duration nextPollIn) {
    return new SourcePoll(Optional.of(offer), nextPollIn);
  }
}
