package io.bidsift.registry;

import java.net.URI;
import java.time.Instant;
import java.util.Collections;
import java.util.Comparator;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One model version in a registry.
 *
 * @param version         the bundle's version (from its manifest), the registry key
 * @param status          approval status
 * @param registeredAt    when it was registered
 * @param statusChangedAt when its status last changed (the registration time while pending)
 * @param note            the note given with the last approval or rejection, or null
 * @param metrics         the top-level numbers of the manifest's {@code metrics}, as written there,
 *                        sorted by name
 *                        (see {@link MetricsSummary}); the full metrics stay in the bundle
 * @param location        where the bundle is kept: a directory ({@code file:}) or a tarball ({@code s3:})
 */
public record RegisteredModel(
    String version,
    ApprovalStatus status,
    Instant registeredAt,
    Instant statusChangedAt,
    String note,
    Map<String, String> metrics,
    URI location) {

  /**
   * Most recent approval last: the latest approved model is the one approved last, so approving
   * an older version again is how to roll back. Ties (same timestamp) go to the later registration.
   */
  public static final Comparator<RegisteredModel> BY_STATUS_CHANGE =
      Comparator.comparing(RegisteredModel::statusChangedAt)
          .thenComparing(RegisteredModel::registeredAt)
          .thenComparing(RegisteredModel::version);

  /** Registration order, the order {@link ModelRegistry#list()} returns. */
  public static final Comparator<RegisteredModel> BY_REGISTRATION =
      Comparator.comparing(RegisteredModel::registeredAt).thenComparing(RegisteredModel::version);

  public RegisteredModel {
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(registeredAt, "registeredAt");
    Objects.requireNonNull(statusChangedAt, "statusChangedAt");
    Objects.requireNonNull(location, "location");
    metrics = Collections.unmodifiableMap(new TreeMap<>(metrics));
  }
}
