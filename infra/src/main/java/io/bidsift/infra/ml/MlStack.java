package io.bidsift.infra.ml;

import io.bidsift.infra.Names;
import io.bidsift.infra.Suppress;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.CfnInstanceProfile;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.iam.ManagedPolicy;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.s3.IBucket;
import software.amazon.awscdk.services.sagemaker.CfnModelPackageGroup;
import software.amazon.awscdk.services.sagemaker.CfnPipeline;
import software.constructs.Construct;

/**
 * Model building: the model package group (the registry), the training pipeline and the roles
 * of each of its steps, each allowed only what its step does.
 */
public final class MlStack extends Stack {

  private final CfnModelPackageGroup modelPackageGroup;
  private final CfnPipeline pipeline;
  private final Role pipelineRole;
  private final Role trainingJobRole;
  private final Role evaluationJobRole;
  private final Role registerJobRole;
  private final Role emrServiceRole;
  private final Role emrInstanceRole;
  private final PipelineDefinition definition;

  public MlStack(Construct scope, String id, MlStackProps props) {
    super(scope, id, props.stackProps());
    modelPackageGroup = CfnModelPackageGroup.Builder.create(this, "ModelPackageGroup")
        .modelPackageGroupName(Names.MODEL_PACKAGE_GROUP)
        .modelPackageGroupDescription("BidSift bid-filter model bundles; approve a version to promote it")
        .build();

    String pipelineObjects = props.models().arnForObjects(Names.PIPELINE_PREFIX + "/*");
    String logObjects = props.rawLogs().arnForObjects(Names.AUCTION_LOG_PREFIX + "/*");

    trainingJobRole = serviceRole("TrainingJobRole", "sagemaker.amazonaws.com",
        "SageMaker training jobs of the BidSift pipeline");
    readPrefix(trainingJobRole, props.rawLogs(), Names.AUCTION_LOG_PREFIX);
    trainingJobRole.addToPolicy(allow(List.of("s3:PutObject"), List.of(pipelineObjects)));
    props.trainingImage().grantPull(trainingJobRole);
    jobLogs(trainingJobRole, "TrainingJobs");

    evaluationJobRole = serviceRole("EvaluationJobRole", "sagemaker.amazonaws.com",
        "SageMaker processing job that evaluates a trained bundle");
    readPrefix(evaluationJobRole, props.rawLogs(), Names.AUCTION_LOG_PREFIX);
    readPrefix(evaluationJobRole, props.models(), Names.PIPELINE_PREFIX);
    evaluationJobRole.addToPolicy(allow(List.of("s3:PutObject"), List.of(pipelineObjects)));
    props.trainingImage().grantPull(evaluationJobRole);
    jobLogs(evaluationJobRole, "ProcessingJobs");

    registerJobRole = serviceRole("RegisterJobRole", "sagemaker.amazonaws.com",
        "SageMaker processing job that registers a bundle in the model package group");
    readPrefix(registerJobRole, props.models(), Names.PIPELINE_PREFIX);
    registerJobRole.addToPolicy(allow(List.of("s3:PutObject", "s3:GetObject"),
        List.of(props.models().arnForObjects(Names.BUNDLE_PREFIX + "/*"))));
    registerJobRole.addToPolicy(allow(List.of("sagemaker:DescribeModelPackageGroup", "sagemaker:CreateModelPackageGroup"),
        List.of(modelPackageGroup.getAttrModelPackageGroupArn())));
    registerJobRole.addToPolicy(allow(List.of("sagemaker:CreateModelPackage", "sagemaker:DescribeModelPackage",
        "sagemaker:UpdateModelPackage"), List.of(modelPackageArns())));
    // ListModelPackages has no resource-level permission: IAM only accepts "*" for it
    registerJobRole.addToPolicy(allow(List.of("sagemaker:ListModelPackages"), List.of("*")));
    props.toolsImage().grantPull(registerJobRole);
    jobLogs(registerJobRole, "ProcessingJobs");

    emrServiceRole = serviceRole("EmrServiceRole", "elasticmapreduce.amazonaws.com",
        "EMR service role of the preprocessing clusters");
    emrServiceRole.addManagedPolicy(ManagedPolicy.fromAwsManagedPolicyName("service-role/AmazonEMRServicePolicy_v2"));
    emrInstanceRole = serviceRole("EmrInstanceRole", "ec2.amazonaws.com",
        "EC2 instances of the preprocessing clusters (EMRFS access)");
    readPrefix(emrInstanceRole, props.rawLogs(), Names.AUCTION_LOG_PREFIX);
    readPrefix(emrInstanceRole, props.processed(), "emr/jars");
    emrInstanceRole.addToPolicy(allow(List.of("s3:PutObject", "s3:GetObject", "s3:DeleteObject"), List.of(
        props.processed().arnForObjects("runs/*"), props.processed().arnForObjects(Names.EMR_LOG_PREFIX + "/*"))));
    emrInstanceRole.addToPolicy(allow(List.of("s3:ListBucket"), List.of(props.processed().getBucketArn())));
    CfnInstanceProfile emrInstanceProfile = CfnInstanceProfile.Builder.create(this, "EmrInstanceProfile")
        .roles(List.of(emrInstanceRole.getRoleName()))
        .build();

    pipelineRole = serviceRole("PipelineRole", "sagemaker.amazonaws.com", "Runs the BidSift training pipeline");
    pipelineRole.addToPolicy(allow(List.of("sagemaker:CreateTrainingJob", "sagemaker:DescribeTrainingJob",
        "sagemaker:StopTrainingJob", "sagemaker:CreateProcessingJob", "sagemaker:DescribeProcessingJob",
        "sagemaker:StopProcessingJob", "sagemaker:AddTags"), List.of(
        arn("sagemaker", "training-job/*"), arn("sagemaker", "processing-job/*"))));
    pipelineRole.addToPolicy(PolicyStatement.Builder.create().effect(Effect.ALLOW)
        .actions(List.of("iam:PassRole"))
        .resources(List.of(trainingJobRole.getRoleArn(), evaluationJobRole.getRoleArn(), registerJobRole.getRoleArn()))
        .conditions(Map.of("StringEquals", Map.of("iam:PassedToService", "sagemaker.amazonaws.com")))
        .build());
    pipelineRole.addToPolicy(PolicyStatement.Builder.create().effect(Effect.ALLOW)
        .actions(List.of("iam:PassRole"))
        .resources(List.of(emrServiceRole.getRoleArn(), emrInstanceRole.getRoleArn()))
        .conditions(Map.of("StringLike", Map.of("iam:PassedToService",
            List.of("elasticmapreduce.amazonaws.com", "ec2.amazonaws.com"))))
        .build());
    pipelineRole.addToPolicy(allow(List.of("elasticmapreduce:RunJobFlow", "elasticmapreduce:AddJobFlowSteps",
        "elasticmapreduce:DescribeCluster", "elasticmapreduce:DescribeStep", "elasticmapreduce:ListSteps",
        "elasticmapreduce:CancelSteps", "elasticmapreduce:TerminateJobFlows", "elasticmapreduce:AddTags"),
        List.of(arn("elasticmapreduce", "cluster/*"))));
    // SageMaker follows EMR steps and clusters through EventBridge rules it creates under these names
    pipelineRole.addToPolicy(allow(List.of("events:PutRule", "events:PutTargets", "events:DescribeRule",
        "events:DeleteRule", "events:RemoveTargets"), List.of(
        arn("events", "rule/SageMakerPipelineExecutionEMRStepStatusUpdateRule"),
        arn("events", "rule/SageMakerPipelineExecutionEMRClusterStatusRule"))));
    pipelineRole.addToPolicy(allow(List.of("s3:GetObject"), List.of(pipelineObjects)));

    definition = new PipelineDefinition(new PipelineDefinition.Inputs(
        getRegion(),
        props.trainingImage().repositoryUriForTag(props.imageTag()),
        props.toolsImage().repositoryUriForTag(props.imageTag()),
        trainingJobRole.getRoleArn(),
        evaluationJobRole.getRoleArn(),
        registerJobRole.getRoleArn(),
        emrServiceRole.getRoleName(),
        emrInstanceProfile.getRef(),
        props.vpc().getPrivateSubnets().get(0).getSubnetId(),
        props.emrReleaseLabel(),
        props.rawLogs().getBucketName(),
        props.processed().getBucketName(),
        props.models().getBucketName(),
        Names.EMR_JAR_KEY,
        Names.EMR_LOG_PREFIX,
        Names.PIPELINE_PREFIX,
        Names.BUNDLE_PREFIX,
        Names.MODEL_PACKAGE_GROUP));
    pipeline = CfnPipeline.Builder.create(this, "TrainingPipeline")
        .pipelineName(Names.TRAINING_PIPELINE)
        .pipelineDescription("Auction logs in S3 to a registered bid-filter model: EMR preprocessing, training, "
            + "evaluation, quality gate, registration")
        .roleArn(pipelineRole.getRoleArn())
        .pipelineDefinition(Map.of("PipelineDefinitionBody", toJsonString(definition.toMap())))
        .build();
    pipeline.getNode().addDependency(pipelineRole);
    suppressions();
  }

  private void suppressions() {
    Suppress.rule(emrServiceRole, "AwsSolutions-IAM4", "AmazonEMRServicePolicy_v2 is AWS's minimum policy for "
        + "EMR to create and terminate cluster instances; it only acts on resources tagged "
        + "for-use-with-amazon-emr-managed-policies, which the network stack sets on the private subnets.");
    for (IRole role : List.of(trainingJobRole, evaluationJobRole, registerJobRole, emrInstanceRole, pipelineRole)) {
      Suppress.rule(role, "AwsSolutions-IAM5", "Wildcards are limited to object keys under one named prefix of "
          + "a named bucket (auctions/*, pipeline/*, bundles/*, runs/*, emr/*), to job names SageMaker and EMR "
          + "generate at run time (training-job/*, processing-job/*, cluster/*, log streams of "
          + "/aws/sagemaker/*), to model packages of the one BidSift group, and to "
          + "ecr:GetAuthorizationToken, sagemaker:ListModelPackages and cloudwatch:PutMetricData, which IAM only "
          + "accepts on \"*\" (PutMetricData is restricted to SageMaker's namespaces by condition).");
    }
  }

  private Role serviceRole(String id, String service, String description) {
    return Role.Builder.create(this, id).assumedBy(new ServicePrincipal(service)).description(description).build();
  }

  private static void readPrefix(Role role, IBucket bucket, String prefix) {
    role.addToPolicy(allow(List.of("s3:GetObject"), List.of(bucket.arnForObjects(prefix + "/*"))));
    role.addToPolicy(PolicyStatement.Builder.create().effect(Effect.ALLOW)
        .actions(List.of("s3:ListBucket"))
        .resources(List.of(bucket.getBucketArn()))
        .conditions(Map.of("StringLike", Map.of("s3:prefix", List.of(prefix, prefix + "/*"))))
        .build());
  }

  private void jobLogs(Role role, String jobKind) {
    role.addToPolicy(allow(List.of("logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents",
        "logs:DescribeLogStreams"), List.of(arn("logs", "log-group:/aws/sagemaker/" + jobKind + ":*"))));
    role.addToPolicy(PolicyStatement.Builder.create().effect(Effect.ALLOW)
        .actions(List.of("cloudwatch:PutMetricData"))
        .resources(List.of("*"))
        .conditions(Map.of("StringLike", Map.of("cloudwatch:namespace", "/aws/sagemaker/*")))
        .build());
  }

  private String modelPackageArns() {
    return arn("sagemaker", "model-package/" + Names.MODEL_PACKAGE_GROUP + "/*");
  }

  private String arn(String service, String resource) {
    return "arn:" + getPartition() + ":" + service + ":" + getRegion() + ":" + getAccount() + ":" + resource;
  }

  private static PolicyStatement allow(List<String> actions, List<String> resources) {
    return PolicyStatement.Builder.create().effect(Effect.ALLOW).actions(actions).resources(resources).build();
  }

  public CfnModelPackageGroup modelPackageGroup() {
    return modelPackageGroup;
  }

  public CfnPipeline pipeline() {
    return pipeline;
  }

  public PipelineDefinition definition() {
    return definition;
  }
}
