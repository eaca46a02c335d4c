package io.bidsift.infra;

import io.bidsift.infra.config.ConfigStack;
import io.bidsift.infra.config.ConfigStackProps;
import io.bidsift.infra.data.DataStack;
import io.bidsift.infra.data.DataStackProps;
import io.bidsift.infra.images.ImagesStack;
import io.bidsift.infra.ml.MlStack;
import io.bidsift.infra.ml.MlStackProps;
import io.bidsift.infra.network.NetworkStack;
import io.bidsift.infra.ops.OpsStack;
import io.bidsift.infra.ops.OpsStackProps;
import io.bidsift.infra.promotion.PromotionStack;
import io.bidsift.infra.promotion.PromotionStackProps;
import io.bidsift.infra.serve.ServeStack;
import io.bidsift.infra.serve.ServeStackProps;
import java.util.List;
import software.amazon.awscdk.StackProps;
import software.constructs.Construct;

/**
 * Every BidSift stack, wired together. Deploy order follows the references: Data, Images and
 * Network first (images must be pushed before Serve starts tasks), then Ml, Config, Serve,
 * Promotion, Ops.
 */
public record BidSiftStacks(DataStack data, ImagesStack images, NetworkStack network, MlStack ml, ConfigStack config,
    ServeStack serve, PromotionStack promotion, OpsStack ops) {

  /** EMR 7.x: Spark 3.5 and Java 17, what training-pipeline is built and tested with. */
  public static final String EMR_RELEASE = "emr-7.5.0";

  public static BidSiftStacks create(Construct scope, Settings settings) {
    StackProps base = StackProps.builder().env(settings.environment()).build();
    DataStack data = new DataStack(scope, "BidSift-Data", new DataStackProps(props(settings, "S3 buckets: raw "
        + "auction logs, processed data, model bundles, access logs"), 400, 30, 365));
    ImagesStack images = new ImagesStack(scope, "BidSift-Images", props(settings, "ECR repositories of the "
        + "BidSift images"));
    NetworkStack network = new NetworkStack(scope, "BidSift-Network", props(settings, "VPC of the services and "
        + "the EMR preprocessing clusters"));
    MlStack ml = new MlStack(scope, "BidSift-Ml", new MlStackProps(props(settings, "Model registry and the "
        + "training pipeline (EMR, SageMaker)"), network.vpc(), data.rawLogs(), data.processed(), data.models(),
        images.training(), images.tools(), settings.imageTag(), EMR_RELEASE));
    ConfigStack config = new ConfigStack(scope, "BidSift-Config", new ConfigStackProps(props(settings,
        "AppConfig: the model the bid filters serve, gradual rollout with automatic rollback"),
        settings.minEstimatedBidRecall()));
    ServeStack serve = new ServeStack(scope, "BidSift-Serve", new ServeStackProps(props(settings, "ECS Fargate: "
        + "auction server behind a public load balancer, bid filter through Service Connect"), network.vpc(),
        data.rawLogs(), data.models(), data.accessLogs(), images.auctionServer(), images.bidFilter(),
        settings.imageTag(), "appconfig:" + config.targetIds(), config.configurationArn(), settings.certificateArn(),
        settings.explorationRate()));
    PromotionStack promotion = new PromotionStack(scope, "BidSift-Promotion", new PromotionStackProps(
        props(settings, "Approved model package -> promote to AppConfig"), serve.cluster(), data.models(),
        images.tools(), settings.imageTag(), ml.modelPackageGroup().getAttrModelPackageGroupArn(),
        config.targetIds(), config.application().getApplicationArn(), config.appConfigEnvironment().getEnvironmentArn(),
        config.profileArn(), config.strategy().getDeploymentStrategyArn(),
        config.strategy().getDeploymentStrategyId()));
    OpsStack ops = new OpsStack(scope, "BidSift-Ops", new OpsStackProps(props(settings, "Dashboard and alarms"),
        serve.loadBalancer(), List.of(config.bidRecallAlarm(), config.filterErrorsAlarm()), settings.p99LatencyMs()));
    return new BidSiftStacks(data, images, network, ml, config, serve, promotion, ops);
  }

  private static StackProps props(Settings settings, String description) {
    return StackProps.builder().env(settings.environment()).description("BidSift: " + description).build();
  }

  public List<software.amazon.awscdk.Stack> all() {
    return List.of(data, images, network, ml, config, serve, promotion, ops);
  }
}
