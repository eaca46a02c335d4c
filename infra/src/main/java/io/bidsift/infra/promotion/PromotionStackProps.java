package io.bidsift.infra.promotion;

import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.ecr.IRepository;
import software.amazon.awscdk.services.ecs.ICluster;
import software.amazon.awscdk.services.s3.IBucket;

/**
 * @param appConfigTarget      {@code APP/ENV/PROFILE} ids the approved model is published to
 * @param appConfigResourceArns the application, environment, profile and strategy ARNs promote may act on
 * @param deploymentStrategyId the gradual strategy of the config stack
 */
public record PromotionStackProps(StackProps stackProps, ICluster cluster, IBucket models, IRepository toolsImage,
    String imageTag, String modelPackageGroupArn, String appConfigTarget, String applicationArn,
    String environmentArn, String profileArn, String deploymentStrategyArn, String deploymentStrategyId) {
}
