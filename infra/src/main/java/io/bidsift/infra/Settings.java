package io.bidsift.infra;

import java.util.Objects;
import software.amazon.awscdk.Environment;
import software.constructs.Node;

/**
 * What differs between deployments, read once from CDK context ({@code cdk deploy -c key=value}
 * or cdk.json).
 *
 * @param environment     account and region (null members: environment-agnostic templates)
 * @param imageTag        tag of every BidSift image in ECR
 * @param certificateArn  ACM certificate for the public HTTPS listener; null serves plain HTTP
 * @param explorationRate share of auctions the bid filter sends to every DSP (the unbiased sample)
 * @param minEstimatedBidRecall estimated bid recall below which a model deployment rolls back
 * @param p99LatencyMs    auction p99 latency that raises an alarm
 */
public record Settings(Environment environment, String imageTag, String certificateArn, double explorationRate,
    double minEstimatedBidRecall, int p99LatencyMs) {

  public Settings {
    Objects.requireNonNull(environment, "environment");
    if (imageTag == null || imageTag.isBlank()) {
      throw new IllegalArgumentException("imageTag must not be blank");
    }
    if (explorationRate < 0 || explorationRate > 1) {
      throw new IllegalArgumentException("explorationRate must be within [0, 1], was " + explorationRate);
    }
    if (minEstimatedBidRecall <= 0 || minEstimatedBidRecall > 1) {
      throw new IllegalArgumentException("minEstimatedBidRecall must be within (0, 1], was " + minEstimatedBidRecall);
    }
  }

  public static Settings fromContext(Node node, Environment environment) {
    return new Settings(environment,
        string(node, "imageTag", "latest"),
        string(node, "certificateArn", null),
        Double.parseDouble(string(node, "explorationRate", "0.01")),
        Double.parseDouble(string(node, "minEstimatedBidRecall", "0.90")),
        Integer.parseInt(string(node, "p99LatencyMs", "250")));
  }

  private static String string(Node node, String key, String fallback) {
    Object value = node.tryGetContext(key);
    return value == null ? fallback : value.toString();
  }
}
