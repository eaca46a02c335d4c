package io.bidsift.serving.http;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Load shedding of a service's hot route ({@code bidsift.overload.*}, see {@link LoadShedder}).
 *
 * @param enabled       false serves every request however late (for measuring the service without it)
 * @param targetLag     event-loop lag up to which every request is served; at twice this none is
 * @param probeInterval how often each event loop's lag is measured
 */
@ConfigurationProperties("bidsift.overload")
public record OverloadProperties(@DefaultValue("true") boolean enabled, @DefaultValue("50ms") Duration targetLag,
                                 @DefaultValue("5ms") Duration probeInterval) {

  public OverloadProperties {
    if (targetLag.isNegative() || targetLag.isZero()) {
      throw new IllegalArgumentException("bidsift.overload.target-lag must be positive, was " + targetLag);
    }
    if (probeInterval.toMillis() < 1 || probeInterval.compareTo(targetLag) > 0) {
      throw new IllegalArgumentException("bidsift.overload.probe-interval must be between 1 ms and the target lag ("
          + targetLag + "), was " + probeInterval);
    }
  }
}
