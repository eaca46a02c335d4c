package io.bidsift.infra.metrics;

import io.bidsift.infra.Names;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.MathExpression;
import software.amazon.awscdk.services.cloudwatch.Metric;

/**
 * The CloudWatch metrics the dashboard and the alarms read.
 *
 * <p>The auction server counts every callout as the auction log records it, in the Prometheus
 * counter {@code bidsift_auction_callouts_total} with labels {@code outcome} (bid, no_bid, timeout, error, filtered)
 * and {@code explore}; the ADOT collector beside it (serve stack) turns the counter into
 * CloudWatch metrics named {@value #CALLOUTS} in namespace {@value Names#METRICS_NAMESPACE}, by outcome, by
 * explore flag, and by both.
 *
 * <p><b>Estimated bids lost.</b> Exploration callouts are the callouts the model would have
 * filtered, sent anyway for a random slice of auctions, so their bid rate is the bid rate of the
 * filtered callouts. Bids lost ≈ filtered callouts × (bids among exploration callouts /
 * exploration callouts), and the live bid recall ≈ bids / (bids + bids lost).
 *
 * <p>Bid-filter latency and errors come from ECS Service Connect, which measures every request
 * the auction server sends through it ({@code AWS/ECS}, by cluster, service and discovery name).
 */
public final class ServiceMetrics {

  public static final String CALLOUTS = "callouts";

  private final Duration period;

  public ServiceMetrics(Duration period) {
    this.period = period;
  }

  public Metric calloutsWith(Map<String, String> dimensions) {
    return Metric.Builder.create().namespace(Names.METRICS_NAMESPACE).metricName(CALLOUTS)
        .dimensionsMap(dimensions).statistic("Sum").period(period).build();
  }

  /** Share of candidate callouts the filter skipped (exploration callouts count as sent). */
  public MathExpression filterRate() {
    return MathExpression.Builder.create()
        .expression("IF(x + n > 0, f / (x + n), 0)")
        .usingMetrics(Map.of(
            "f", calloutsWith(Map.of("outcome", "filtered")),
            "x", calloutsWith(Map.of("explore", "true")),
            "n", calloutsWith(Map.of("explore", "false"))))
        .label("filter rate")
        .period(period)
        .build();
  }

  public MathExpression estimatedBidsLost() {
    return MathExpression.Builder.create()
        .expression("IF(x > 0, f * bx / x, 0)")
        .usingMetrics(explorationInputs())
        .label("estimated bids lost")
        .period(period)
        .build();
  }

  public MathExpression estimatedBidRecall() {
    Map<String, IMetric> inputs = new java.util.HashMap<>(explorationInputs());
    inputs.put("b", calloutsWith(Map.of("outcome", "bid")));
    return MathExpression.Builder.create()
        .expression("IF(x > 0 AND b > 0, b / (b + f * bx / x), 1)")
        .usingMetrics(inputs)
        .label("estimated bid recall")
        .period(period)
        .build();
  }

  private Map<String, IMetric> explorationInputs() {
    return Map.of(
        "f", calloutsWith(Map.of("outcome", "filtered")),
        "bx", calloutsWith(Map.of("outcome", "bid", "explore", "true")),
        "x", calloutsWith(Map.of("explore", "true")));
  }

  public Metric bidFilter5xx() {
    return serviceConnect("HTTPCode_Target_5XX_Count", "Sum");
  }

  public Metric bidFilterP99Latency() {
    return serviceConnect("TargetResponseTime", "p99");
  }

  private Metric serviceConnect(String name, String statistic) {
    return Metric.Builder.create().namespace("AWS/ECS").metricName(name)
        .dimensionsMap(Map.of("ClusterName", Names.CLUSTER, "ServiceName", Names.BID_FILTER,
            "DiscoveryName", Names.BID_FILTER))
        .statistic(statistic).period(period).build();
  }
}
