package io.bidsift.modelsync;

import io.bidsift.bundle.VerifiedBundle;
import java.util.Objects;

/**
 * A bundle a source publishes, not fetched yet.
 *
 * @param version     the version the publication names (the bundle's manifest must agree)
 * @param fingerprint identifies the publication: it changes whenever anything about it changes
 *                    (another document, another file), so {@link ModelSync} can tell "already
 *                    serving" and "already rejected" without fetching
 * @param location    where the bundle is, for log lines
 * @param fetcher     gets and verifies the bundle
 */
public record BundleOffer(String version, String fingerprint, String location, Fetcher fetcher) {

  /** Downloads (if needed) and verifies a bundle. */
  @FunctionalInterface
  public interface Fetcher {
    /**
     * @throws BundleRejectedException when the bundle must not be used (retrying will not help)
     * @throws ModelSourceException    when the bundle could not be reached (retried with backoff)
     */
    VerifiedBundle fetch();
  }

  public BundleOffer {
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(fingerprint, "fingerprint");
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(fetcher, "fetcher");
  }

  public VerifiedBundle fetch() {
    return fetcher.fetch();
  }
}
