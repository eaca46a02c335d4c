package io.bidsift.infra.ops;

import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.cloudwatch.IAlarm;
import software.amazon.awscdk.services.elasticloadbalancingv2.IApplicationLoadBalancer;

/**
 * @param rollbackAlarms the AppConfig rollback alarms of the config stack, shown on the dashboard
 * @param p99LatencyMs   auction p99 latency above which the latency alarm fires
 */
public record OpsStackProps(StackProps stackProps, IApplicationLoadBalancer loadBalancer, java.util.List<IAlarm> rollbackAlarms,
    int p99LatencyMs) {
}
