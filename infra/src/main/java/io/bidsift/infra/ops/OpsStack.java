package io.bidsift.infra.ops;

import io.bidsift.infra.metrics.ServiceMetrics;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.AlarmStatusWidget;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.Dashboard;
import software.amazon.awscdk.services.cloudwatch.GraphWidget;
import software.amazon.awscdk.services.cloudwatch.IAlarm;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.IWidget;
import software.amazon.awscdk.services.cloudwatch.MathExpression;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.elasticloadbalancingv2.HttpCodeElb;
import software.amazon.awscdk.services.elasticloadbalancingv2.HttpCodeTarget;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.sns.Topic;
import software.constructs.Construct;

/**
 * The operators' view: one dashboard (filter rate, estimated bids lost, latency, errors, the
 * rollback alarms) and the alarms that page, through one encrypted SNS topic.
 */
public final class OpsStack extends Stack {

  public static final String DASHBOARD = "BidSift";

  private final Dashboard dashboard;
  private final Topic alarmTopic;
  private final List<Alarm> alarms = new ArrayList<>();

  public OpsStack(Construct scope, String id, OpsStackProps props) {
    super(scope, id, props.stackProps());
    ServiceMetrics metrics = new ServiceMetrics(Duration.minutes(5));
    Key topicKey = Key.Builder.create(this, "AlarmTopicKey").enableKeyRotation(true)
        .description("Encrypts the BidSift alarm topic").build();
    // CloudWatch publishes alarm notifications to the encrypted topic with this key
    topicKey.grant(new ServicePrincipal("cloudwatch.amazonaws.com"), "kms:Decrypt", "kms:GenerateDataKey*");
    alarmTopic = Topic.Builder.create(this, "AlarmTopic").topicName("bidsift-alarms").masterKey(topicKey)
        .enforceSsl(true).build();

    MetricOptions p99 = MetricOptions.builder().statistic("p99").period(Duration.minutes(1)).build();
    MetricOptions sum = MetricOptions.builder().statistic("Sum").period(Duration.minutes(1)).build();
    Metric auctionP99 = props.loadBalancer().getMetrics().targetResponseTime(p99);
    Metric auction5xx = props.loadBalancer().getMetrics().httpCodeTarget(HttpCodeTarget.TARGET_5XX_COUNT, sum);
    Metric balancer5xx = props.loadBalancer().getMetrics().httpCodeElb(HttpCodeElb.ELB_5XX_COUNT, sum);
    MathExpression filterRate = metrics.filterRate();

    alarm("AuctionP99Latency", "bidsift-auction-p99-latency", "Auction p99 latency above "
        + props.p99LatencyMs() + " ms for 5 minutes", auctionP99, props.p99LatencyMs() / 1000.0,
        ComparisonOperator.GREATER_THAN_THRESHOLD, 5);
    alarm("Auction5xx", "bidsift-auction-5xx", "The auction server answered 5xx, which it never should "
        + "(contracts.md §4)", auction5xx, 1, ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD, 1);
    alarm("LoadBalancer5xx", "bidsift-load-balancer-5xx", "The load balancer answered 5xx (no healthy task, "
        + "or tasks failing)", balancer5xx, 10, ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD, 3);
    alarm("FilterRateHigh", "bidsift-filter-rate-high", "The filter skips more than 95% of callouts: a model or "
        + "threshold is wrong, DSPs are starved", filterRate, 0.95, ComparisonOperator.GREATER_THAN_THRESHOLD, 3);
    alarm("BidFilterP99Latency", "bidsift-bid-filter-p99-latency", "Bid filter p99 above 10 ms: it sits inside "
        + "every auction's tmax", metrics.bidFilterP99Latency(), 10, ComparisonOperator.GREATER_THAN_THRESHOLD, 5);

    List<IAlarm> all = new ArrayList<>(alarms);
    all.addAll(props.rollbackAlarms());
    dashboard = Dashboard.Builder.create(this, "Dashboard").dashboardName(DASHBOARD).build();
    dashboard.addWidgets(
        graph("Filter rate (share of candidate callouts skipped)", List.of(filterRate)),
        graph("Estimated bids lost per 5 min (from the exploration slice)", List.of(metrics.estimatedBidsLost())),
        graph("Estimated live bid recall", List.of(metrics.estimatedBidRecall())));
    dashboard.addWidgets(
        graph("Auction latency p99 (s, load balancer)", List.of(auctionP99)),
        graph("Bid filter latency p99 (ms, Service Connect)", List.of(metrics.bidFilterP99Latency())),
        graph("5xx: auction server, load balancer, bid filter", List.of(auction5xx, balancer5xx, metrics.bidFilter5xx())));
    dashboard.addWidgets(AlarmStatusWidget.Builder.create().title("Alarms (the first two roll back model deployments)")
        .alarms(all).width(24).build());
  }

  private void alarm(String id, String name, String description, IMetric metric, double threshold,
      ComparisonOperator comparison, int periods) {
    Alarm alarm = Alarm.Builder.create(this, id).alarmName(name).alarmDescription(description).metric(metric)
        .threshold(threshold).comparisonOperator(comparison).evaluationPeriods(periods)
        .treatMissingData(TreatMissingData.NOT_BREACHING).build();
    alarm.addAlarmAction(new SnsAction(alarmTopic));
    alarm.addOkAction(new SnsAction(alarmTopic));
    alarms.add(alarm);
  }

  private static IWidget graph(String title, List<IMetric> left) {
    return GraphWidget.Builder.create().title(title).left(left).width(8).height(6).build();
  }

  public Dashboard dashboard() {
    return dashboard;
  }

  public Topic alarmTopic() {
    return alarmTopic;
  }

  public List<Alarm> alarms() {
    return List.copyOf(alarms);
  }
}
