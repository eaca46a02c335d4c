package io.bidsift.filter.model;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code bidsift.model.*}: where the filter's model comes from (docs/configuration.md).
 *
 * @param source          {@code local:DIR} (a bundle directory or a models home) or
 *                        {@code appconfig:APPLICATION/ENVIRONMENT/PROFILE}
 * @param minPollInterval the shortest wait between two polls of the source
 * @param maxBackoff      the longest wait between retries while the source is unreachable
 * @param aws             AppConfig and S3 client settings, for an {@code appconfig:} source
 */
@ConfigurationProperties("bidsift.model")
public record ModelProperties(
    String source,
    @DefaultValue("1s") Duration minPollInterval,
    @DefaultValue("60s") Duration maxBackoff,
    @DefaultValue Aws aws) {

  /**
   * @param region               AWS region; empty for the SDK's default chain
   * @param appconfigEndpointUrl AppConfigData endpoint override (tests, VPC endpoints)
   * @param s3EndpointUrl        S3 endpoint override
   * @param requiredMinimumPollIntervalSeconds sent to AppConfig with the session (AWS: at least 15); 0 for its default
   */
  public record Aws(@DefaultValue("") String region, @DefaultValue("") String appconfigEndpointUrl,
      @DefaultValue("") String s3EndpointUrl, @DefaultValue("0") int requiredMinimumPollIntervalSeconds) {
  }
}
