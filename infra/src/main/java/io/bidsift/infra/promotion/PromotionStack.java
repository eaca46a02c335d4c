package io.bidsift.infra.promotion;

import io.bidsift.infra.Names;
import io.bidsift.infra.Suppress;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.ec2.SubnetType;
import software.amazon.awscdk.services.ecs.AwsLogDriverProps;
import software.amazon.awscdk.services.ecs.ContainerDefinitionOptions;
import software.amazon.awscdk.services.ecs.ContainerImage;
import software.amazon.awscdk.services.ecs.FargateTaskDefinition;
import software.amazon.awscdk.services.ecs.LogDriver;
import software.amazon.awscdk.services.events.EventField;
import software.amazon.awscdk.services.events.EventPattern;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.targets.ContainerOverride;
import software.amazon.awscdk.services.events.targets.EcsTask;
import software.amazon.awscdk.services.events.targets.TaskEnvironmentVariable;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;

/**
 * Approving a model package in the registry promotes it: EventBridge matches the SageMaker
 * "Model Package State Change" event of the BidSift group with status Approved and runs a Fargate
 * task of the tools image, {@code promote-approved}, which takes the version from the package's
 * ModelDataUrl ({@code .../bundles/<version>/bundle.tar.gz}) and runs {@code ./bidsift promote}
 * to AppConfig with the gradual strategy. The same code path as a person promoting by hand.
 */
public final class PromotionStack extends Stack {

  static final String CONTAINER = "promote";

  private final Rule rule;
  private final FargateTaskDefinition task;
  private final Queue deadLetters;

  public PromotionStack(Construct scope, String id, PromotionStackProps props) {
    super(scope, id, props.stackProps());
    task = FargateTaskDefinition.Builder.create(this, "PromoteTask").cpu(512).memoryLimitMiB(1024).build();
    LogGroup logs = LogGroup.Builder.create(this, "PromoteLogs").logGroupName("/bidsift/promotion").retention(RetentionDays.ONE_YEAR)
        .removalPolicy(RemovalPolicy.RETAIN).build();
    task.addContainer(CONTAINER, ContainerDefinitionOptions.builder()
        .image(ContainerImage.fromEcrRepository(props.toolsImage(), props.imageTag()))
        .command(List.of("promote-approved"))
        .environment(Map.of(
            "AWS_REGION", getRegion(),
            "BIDSIFT_REGISTRY", "sagemaker:" + Names.MODEL_PACKAGE_GROUP,
            "BIDSIFT_BUNDLE_S3", "s3://" + props.models().getBucketName() + "/" + Names.BUNDLE_PREFIX,
            "BIDSIFT_PROMOTE_TARGET", "appconfig:" + props.appConfigTarget(),
            "BIDSIFT_DEPLOYMENT_STRATEGY", props.deploymentStrategyId()))
        .logging(LogDriver.awsLogs(AwsLogDriverProps.builder().logGroup(logs).streamPrefix(CONTAINER).build()))
        .build());

    task.getTaskRole().addToPrincipalPolicy(allow(List.of("sagemaker:DescribeModelPackageGroup"),
        List.of(props.modelPackageGroupArn())));
    task.getTaskRole().addToPrincipalPolicy(allow(List.of("sagemaker:DescribeModelPackage"),
        List.of("arn:" + getPartition() + ":sagemaker:" + getRegion() + ":" + getAccount() + ":model-package/"
            + Names.MODEL_PACKAGE_GROUP + "/*")));
    // ListModelPackages has no resource-level permission: IAM only accepts "*" for it
    task.getTaskRole().addToPrincipalPolicy(allow(List.of("sagemaker:ListModelPackages"), List.of("*")));
    task.getTaskRole().addToPrincipalPolicy(allow(List.of("s3:GetObject"),
        List.of(props.models().arnForObjects(Names.BUNDLE_PREFIX + "/*"))));
    task.getTaskRole().addToPrincipalPolicy(allow(List.of("appconfig:GetApplication",
        "appconfig:ListEnvironments", "appconfig:ListConfigurationProfiles"), List.of(props.applicationArn())));
    task.getTaskRole().addToPrincipalPolicy(allow(List.of("appconfig:CreateHostedConfigurationVersion"),
        List.of(props.profileArn())));
    task.getTaskRole().addToPrincipalPolicy(allow(List.of("appconfig:StartDeployment"), List.of(
        props.environmentArn(), props.profileArn(), props.deploymentStrategyArn())));

    deadLetters = Queue.Builder.create(this, "PromotionDeadLetters")
        .encryption(QueueEncryption.SQS_MANAGED)
        .enforceSsl(true)
        .retentionPeriod(Duration.days(14))
        .build();
    rule = Rule.Builder.create(this, "ModelApproved")
        .description("A BidSift model package was approved: promote it to the bid filters")
        .eventPattern(EventPattern.builder()
            .source(List.of("aws.sagemaker"))
            .detailType(List.of("SageMaker Model Package State Change"))
            .detail(Map.of(
                "ModelPackageGroupName", List.of(Names.MODEL_PACKAGE_GROUP),
                "ModelApprovalStatus", List.of("Approved")))
            .build())
        .build();
    rule.addTarget(EcsTask.Builder.create()
        .cluster(props.cluster())
        .taskDefinition(task)
        .subnetSelection(SubnetSelection.builder().subnetType(SubnetType.PRIVATE_WITH_EGRESS).build())
        .containerOverrides(List.of(ContainerOverride.builder().containerName(CONTAINER)
            .environment(List.of(TaskEnvironmentVariable.builder().name("MODEL_DATA_URL")
                .value(EventField.fromPath("$.detail.InferenceSpecification.Containers[0].ModelDataUrl")).build()))
            .build()))
        .retryAttempts(3)
        .maxEventAge(Duration.hours(2))
        .deadLetterQueue(deadLetters)
        .build());

    Suppress.rule(this, "AwsSolutions-ECS2", "Only non-secret settings are passed as environment variables "
        + "(region, registry group, bucket prefix, AppConfig ids, strategy id).");
    Suppress.rule(deadLetters, "AwsSolutions-SQS3", "This queue is itself the dead-letter queue of the promotion "
        + "rule's target; a dead-letter queue of a dead-letter queue would only move the problem.");
    Suppress.rule(this, "AwsSolutions-IAM5", "Wildcards are limited to model packages of the one BidSift group, "
        + "bundle objects under bundles/ of the models bucket, sagemaker:ListModelPackages and "
        + "ecr:GetAuthorizationToken (IAM only accepts \"*\" for both), and log streams of the promotion log group.");
  }

  private static PolicyStatement allow(List<String> actions, List<String> resources) {
    return PolicyStatement.Builder.create().effect(Effect.ALLOW).actions(actions).resources(resources).build();
  }

  public Rule rule() {
    return rule;
  }

  public FargateTaskDefinition task() {
    return task;
  }
}
