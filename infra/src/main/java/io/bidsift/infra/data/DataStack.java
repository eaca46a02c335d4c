package io.bidsift.infra.data;

import io.bidsift.infra.Names;
import io.bidsift.infra.Suppress;
import java.util.List;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.s3.LifecycleRule;
import software.amazon.awscdk.services.s3.ObjectOwnership;
import software.amazon.awscdk.services.s3.StorageClass;
import software.amazon.awscdk.services.s3.Transition;
import software.constructs.Construct;

/**
 * The buckets: raw auction logs (auction log v1, {@code auctions/dt=.../hr=...}), processed data
 * (EMR output, the EMR jar and EMR logs), model bundles (registry tarballs and pipeline outputs),
 * and the access-log bucket they all log to.
 *
 * <p>S3-managed encryption, not KMS: ALB access logs can only go to an SSE-S3 bucket, and SSE-S3
 * keeps every reader (ECS tasks, SageMaker jobs, EMR) free of key grants that would widen each
 * role; no data here is more sensitive than the bid requests the exchange already logs.
 */
public final class DataStack extends Stack {

  private final Bucket accessLogs;
  private final Bucket rawLogs;
  private final Bucket processed;
  private final Bucket models;

  public DataStack(Construct scope, String id, DataStackProps props) {
    super(scope, id, props.stackProps());
    accessLogs = Bucket.Builder.create(this, "AccessLogs")
        .encryption(BucketEncryption.S3_MANAGED)
        .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
        .objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED)
        .enforceSsl(true)
        .versioned(true)
        .lifecycleRules(List.of(LifecycleRule.builder().id("expire")
            .expiration(Duration.days(props.accessLogRetentionDays()))
            .noncurrentVersionExpiration(Duration.days(7)).build()))
        .removalPolicy(RemovalPolicy.RETAIN)
        .build();
    Suppress.rule(accessLogs, "AwsSolutions-S1", "This is the access-log destination of every other bucket and "
        + "of the load balancer; logging it into itself would log its own log writes forever.");

    rawLogs = dataBucket("RawLogs", "raw-logs/", List.of(LifecycleRule.builder().id("tier-then-expire")
        .transitions(List.of(
            Transition.builder().storageClass(StorageClass.INFREQUENT_ACCESS).transitionAfter(Duration.days(30)).build(),
            Transition.builder().storageClass(StorageClass.GLACIER_INSTANT_RETRIEVAL)
                .transitionAfter(Duration.days(90)).build()))
        .expiration(Duration.days(props.rawLogRetentionDays()))
        .noncurrentVersionExpiration(Duration.days(7))
        .build()));
    processed = dataBucket("Processed", "processed/", List.of(
        LifecycleRule.builder().id("expire-pipeline-runs").prefix("runs/")
            .expiration(Duration.days(props.processedRetentionDays()))
            .noncurrentVersionExpiration(Duration.days(7)).build(),
        LifecycleRule.builder().id("expire-emr-logs").prefix(Names.EMR_LOG_PREFIX + "/")
            .expiration(Duration.days(props.processedRetentionDays())).build()));
    // bundles are never expired: any approved version may be promoted again to roll back
    models = dataBucket("Models", "models/", List.of(
        LifecycleRule.builder().id("expire-old-object-versions").noncurrentVersionExpiration(Duration.days(90)).build(),
        LifecycleRule.builder().id("expire-pipeline-intermediates").prefix(Names.PIPELINE_PREFIX + "/")
            .expiration(Duration.days(props.processedRetentionDays())).build()));
  }

  private Bucket dataBucket(String id, String logPrefix, List<LifecycleRule> lifecycle) {
    return Bucket.Builder.create(this, id)
        .encryption(BucketEncryption.S3_MANAGED)
        .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
        .objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED)
        .enforceSsl(true)
        .versioned(true)
        .serverAccessLogsBucket(accessLogs)
        .serverAccessLogsPrefix(logPrefix)
        .lifecycleRules(lifecycle)
        .removalPolicy(RemovalPolicy.RETAIN)
        .build();
  }

  public Bucket accessLogs() {
    return accessLogs;
  }

  public Bucket rawLogs() {
    return rawLogs;
  }

  public Bucket processed() {
    return processed;
  }

  public Bucket models() {
    return models;
  }
}
