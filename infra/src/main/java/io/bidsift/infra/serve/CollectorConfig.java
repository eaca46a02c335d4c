package io.bidsift.infra.serve;

import io.bidsift.infra.Names;
import io.bidsift.infra.metrics.ServiceMetrics;

/**
 * Configuration of the ADOT collector beside the auction server: scrapes its Prometheus endpoint
 * and writes the callout counter to CloudWatch as embedded metric format (see ServiceMetrics).
 * The counter is renamed explicitly so the CloudWatch name does not depend on whether the
 * receiver trims Prometheus' {@code _total} suffix.
 */
final class CollectorConfig {

  static final String EMF_LOG_GROUP = "/bidsift/emf";

  private CollectorConfig() {
  }

  static String yaml() {
    return """
        receivers:
          prometheus:
            config:
              scrape_configs:
                - job_name: auction-server
                  scrape_interval: 30s
                  metrics_path: /actuator/prometheus
                  static_configs:
                    - targets: ["localhost:%d"]
        processors:
          metricstransform:
            transforms:
              - include: ^bidsift_auction_callouts(_total)?$
                match_type: regexp
                action: update
                new_name: %s
          batch: {}
        exporters:
          awsemf:
            namespace: %s
            log_group_name: %s
            dimension_rollup_option: NoDimensionRollup
            metric_declarations:
              - dimensions: [[outcome], [explore], [outcome, explore]]
                metric_name_selectors: ["^%s$"]
        service:
          pipelines:
            metrics:
              receivers: [prometheus]
              processors: [metricstransform, batch]
              exporters: [awsemf]
        """.formatted(Names.AUCTION_SERVER_PORT, ServiceMetrics.CALLOUTS, Names.METRICS_NAMESPACE, EMF_LOG_GROUP,
        ServiceMetrics.CALLOUTS);
  }
}
