package io.bidsift.infra;

/**
 * Names fixed by convention rather than passed between stacks. The AppConfig rollback alarms
 * (config stack) watch metrics of services that the serve stack creates, while the serve stack
 * needs the AppConfig profile: fixed names break that cycle, and operators can type them.
 */
public final class Names {

  public static final String CLUSTER = "bidsift";
  public static final String AUCTION_SERVER = "auction-server";
  public static final String BID_FILTER = "bid-filter";
  public static final String SERVICE_CONNECT_NAMESPACE = "bidsift.internal";
  public static final int AUCTION_SERVER_PORT = 8080;
  public static final int BID_FILTER_PORT = 8081;

  /** CloudWatch namespace of the services' own metrics (scraped from /actuator/prometheus). */
  public static final String METRICS_NAMESPACE = "BidSift";

  public static final String APPCONFIG_APPLICATION = "bidsift";
  public static final String APPCONFIG_ENVIRONMENT = "production";
  public static final String APPCONFIG_PROFILE = "bid-filter-model";

  public static final String MODEL_PACKAGE_GROUP = "bidsift-bid-filter";
  public static final String TRAINING_PIPELINE = "bidsift-training";

  /** Key prefixes inside the buckets. */
  public static final String AUCTION_LOG_PREFIX = "auctions";
  public static final String BUNDLE_PREFIX = "bundles";
  public static final String PIPELINE_PREFIX = "pipeline";
  public static final String EMR_JAR_KEY = "emr/jars/training-pipeline-emr.jar";
  public static final String EMR_LOG_PREFIX = "emr/logs";

  private Names() {
  }
}
