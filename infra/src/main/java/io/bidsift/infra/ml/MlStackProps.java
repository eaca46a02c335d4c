package io.bidsift.infra.ml;

import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.ec2.IVpc;
import software.amazon.awscdk.services.ecr.IRepository;
import software.amazon.awscdk.services.s3.IBucket;

/**
 * @param emrReleaseLabel EMR release of the preprocessing clusters: 7.x runs Spark 3.5 on Java 17,
 *                        what training-pipeline is built for
 */
public record MlStackProps(StackProps stackProps, IVpc vpc, IBucket rawLogs, IBucket processed, IBucket models,
    IRepository trainingImage, IRepository toolsImage, String imageTag, String emrReleaseLabel) {
}
