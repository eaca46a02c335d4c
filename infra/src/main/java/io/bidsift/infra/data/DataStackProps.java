package io.bidsift.infra.data;

import software.amazon.awscdk.StackProps;

/**
 * @param rawLogRetentionDays     auction logs are kept this long (training windows and audits)
 * @param processedRetentionDays  EMR output and pipeline intermediates are rebuilt from raw logs, so kept briefly
 * @param accessLogRetentionDays  S3 and load balancer access logs
 */
public record DataStackProps(StackProps stackProps, int rawLogRetentionDays, int processedRetentionDays,
    int accessLogRetentionDays) {

  public DataStackProps {
    if (rawLogRetentionDays <= 90) {
      throw new IllegalArgumentException("raw logs move to Glacier after 90 days; keep them longer than that");
    }
  }
}
