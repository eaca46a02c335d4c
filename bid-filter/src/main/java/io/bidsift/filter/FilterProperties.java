package io.bidsift.filter;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code bidsift.filter.*}, documented in docs/configuration.md.
 *
 * @param explorationRate   share of auctions in the exploration slice, where every DSP is called
 * @param shadow            score and report, but call every DSP
 * @param targetRecall      start at this bid recall instead of each bundle's own thresholds (0: the bundle's)
 * @param targetValueRecall with {@code targetRecall}: the bid value to keep too (0: none)
 * @param maxBodyBytes      largest accepted request body; larger ones get 413
 */
@ConfigurationProperties("bidsift.filter")
public record FilterProperties(
    @DefaultValue("0.01") double explorationRate,
    @DefaultValue("false") boolean shadow,
    @DefaultValue("0") double targetRecall,
    @DefaultValue("0") double targetValueRecall,
    @DefaultValue("524288") int maxBodyBytes) {

  public FilterProperties {
    if (!(explorationRate >= 0 && explorationRate <= 1)) {
      throw new IllegalArgumentException("bidsift.filter.exploration-rate must be in [0, 1], was " + explorationRate);
    }
    if (maxBodyBytes < 1024) {
      throw new IllegalArgumentException("bidsift.filter.max-body-bytes must be at least 1024, was " + maxBodyBytes);
    }
  }
}
