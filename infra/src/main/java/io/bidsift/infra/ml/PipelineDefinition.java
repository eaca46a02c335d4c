package io.bidsift.infra.ml;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The SageMaker Pipeline definition (schema version 2020-12-01) of the training pipeline:
 *
 * <ol>
 *   <li>{@code Preprocess}: an EMR step on a transient cluster that the pipeline creates and
 *       terminates, running {@code PreprocessMain} over the training window (spark-submit in
 *       cluster mode). Chosen over a Processing or Lambda step because EMR is where the Spark job
 *       is built to run (EMRFS, Spark 3.5 on Java 17 in EMR 7) and SageMaker Pipelines drives it
 *       natively, with no glue code to poll the step. Its training set and
 *       {@code preprocess_stats.json} land under {@code runs/<execution id>/} in the processed
 *       bucket; a window the job refuses (no labelled callout, too few days) fails the step and
 *       stops the run before a training instance is paid for.</li>
 *   <li>{@code Train}: a training job with the BidSift training image; the {@code logs} channel is
 *       the training window, {@code /opt/ml/model} receives the model bundle.</li>
 *   <li>{@code Evaluate}: a processing job with the same image scoring the bundle on the
 *       evaluation window (days after the training window, so the target encodings have not seen
 *       their labels); writes {@code evaluation.json}, read back as a property file.</li>
 *   <li>{@code QualityGate}: the bundle's bid recall and the share of callouts it saves on the
 *       evaluation window must reach the pipeline parameters; otherwise {@code QualityGateFailed}.</li>
 *   <li>{@code Register}: a processing job with the tools image running {@code ./bidsift register}
 *       against the SageMaker model package group (status PendingManualApproval).</li>
 * </ol>
 *
 * <p>Values that CloudFormation resolves (ARNs, bucket names) are passed in as they are (CDK tokens);
 * the stack serialises the map with {@code Stack.toJsonString}.
 */
public final class PipelineDefinition {

  public static final String PREPROCESS = "Preprocess";
  public static final String TRAIN = "Train";
  public static final String EVALUATE = "Evaluate";
  public static final String QUALITY_GATE = "QualityGate";
  public static final String REGISTER = "Register";
  public static final String QUALITY_GATE_FAILED = "QualityGateFailed";
  public static final String EVALUATION_PROPERTY_FILE = "EvaluationReport";

  /** Where the preprocessing, training and evaluation run, and with which images and roles. */
  public record Inputs(
      String region,
      String trainingImageUri,
      String toolsImageUri,
      String trainingJobRoleArn,
      String evaluationJobRoleArn,
      String registerJobRoleArn,
      String emrServiceRoleName,
      String emrInstanceProfileName,
      String emrSubnetId,
      String emrReleaseLabel,
      String rawLogsBucket,
      String processedBucket,
      String modelsBucket,
      String emrJarKey,
      String emrLogPrefix,
      String pipelinePrefix,
      String bundlePrefix,
      String modelPackageGroup) {
  }

  private final Inputs in;

  public PipelineDefinition(Inputs inputs) {
    this.in = inputs;
  }

  public Map<String, Object> toMap() {
    Map<String, Object> definition = new LinkedHashMap<>();
    definition.put("Version", "2020-12-01");
    definition.put("Metadata", Map.of());
    definition.put("Parameters", parameters());
    definition.put("Steps", List.of(preprocess(), train(), evaluate(), qualityGate()));
    return definition;
  }

  private List<Object> parameters() {
    return List.of(
        // no defaults for the windows: a run must say which days it learns from and is judged on
        parameter("TrainingLogsUri", "String", null),
        parameter("EvaluationLogsUri", "String", null),
        parameter("TargetRecall", "Float", 0.95),
        parameter("TargetValueRecall", "Float", 0.98),
        parameter("MinBidRecall", "Float", 0.93),
        parameter("MinCalloutsSaved", "Float", 0.5),
        parameter("TrainingInstanceType", "String", "ml.m5.4xlarge"),
        parameter("EmrInstanceType", "String", "m5.xlarge"),
        parameter("EmrCoreInstanceCount", "Integer", 2),
        parameter("PreprocessJarUri", "String", "s3://" + in.processedBucket() + "/" + in.emrJarKey()));
  }

  private static Map<String, Object> parameter(String name, String type, Object defaultValue) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("Name", name);
    p.put("Type", type);
    if (defaultValue != null) {
      p.put("DefaultValue", defaultValue);
    }
    return p;
  }

  private Map<String, Object> preprocess() {
    Map<String, Object> cluster = new LinkedHashMap<>();
    cluster.put("ReleaseLabel", in.emrReleaseLabel());
    cluster.put("Applications", List.of(Map.of("Name", "Spark")));
    cluster.put("Instances", Map.of(
        "Ec2SubnetId", in.emrSubnetId(),
        "InstanceGroups", List.of(
            Map.of("InstanceRole", "MASTER", "InstanceCount", 1, "InstanceType", get("Parameters.EmrInstanceType")),
            Map.of("InstanceRole", "CORE", "InstanceCount", get("Parameters.EmrCoreInstanceCount"),
                "InstanceType", get("Parameters.EmrInstanceType")))));
    cluster.put("JobFlowRole", in.emrInstanceProfileName());
    cluster.put("ServiceRole", in.emrServiceRoleName());
    cluster.put("LogUri", "s3://" + in.processedBucket() + "/" + in.emrLogPrefix() + "/");
    cluster.put("VisibleToAllUsers", true);
    Map<String, Object> step = Map.of("HadoopJarStep", Map.of(
        "Jar", "command-runner.jar",
        "Args", List.of("spark-submit", "--deploy-mode", "cluster",
            "--class", "io.bidsift.training.preprocess.PreprocessMain",
            get("Parameters.PreprocessJarUri"),
            "--logs", get("Parameters.TrainingLogsUri"),
            "--out", join("", "s3://" + in.processedBucket() + "/runs/", get("Execution.PipelineExecutionId"), "/"))));
    return step(PREPROCESS, "EMR", Map.of("ClusterConfig", cluster, "StepConfig", step));
  }

  private Map<String, Object> train() {
    Map<String, Object> args = new LinkedHashMap<>();
    args.put("AlgorithmSpecification", Map.of("TrainingImage", in.trainingImageUri(), "TrainingInputMode", "File"));
    // hyperparameters are strings in SageMaker; the train script maps them to TrainCommand's flags
    args.put("HyperParameters", Map.of(
        "target_recall", join("", get("Parameters.TargetRecall")),
        "target_value_recall", join("", get("Parameters.TargetValueRecall"))));
    args.put("InputDataConfig", List.of(Map.of(
        "ChannelName", "logs",
        "DataSource", Map.of("S3DataSource", Map.of(
            "S3DataType", "S3Prefix",
            "S3Uri", get("Parameters.TrainingLogsUri"),
            "S3DataDistributionType", "FullyReplicated")))));
    args.put("OutputDataConfig", Map.of("S3OutputPath",
        "s3://" + in.modelsBucket() + "/" + in.pipelinePrefix() + "/training/"));
    args.put("ResourceConfig", Map.of("InstanceCount", 1, "InstanceType", get("Parameters.TrainingInstanceType"),
        "VolumeSizeInGB", 100));
    args.put("RoleArn", in.trainingJobRoleArn());
    args.put("StoppingCondition", Map.of("MaxRuntimeInSeconds", 4 * 3600));
    // training reads its channel and writes /opt/ml: it has no reason to reach the network
    args.put("EnableNetworkIsolation", true);
    Map<String, Object> step = step(TRAIN, "Training", args);
    step.put("DependsOn", List.of(PREPROCESS));
    return step;
  }

  private Map<String, Object> evaluate() {
    Map<String, Object> args = new LinkedHashMap<>();
    args.put("ProcessingResources", Map.of("ClusterConfig", Map.of(
        "InstanceCount", 1, "InstanceType", "ml.m5.2xlarge", "VolumeSizeInGB", 50)));
    args.put("AppSpecification", Map.of("ImageUri", in.trainingImageUri(), "ContainerEntrypoint", List.of("evaluate")));
    args.put("RoleArn", in.evaluationJobRoleArn());
    args.put("ProcessingInputs", List.of(
        processingInput("model", get("Steps." + TRAIN + ".ModelArtifacts.S3ModelArtifacts"), "/opt/ml/processing/model"),
        processingInput("logs", get("Parameters.EvaluationLogsUri"), "/opt/ml/processing/logs")));
    args.put("ProcessingOutputConfig", Map.of("Outputs", List.of(Map.of(
        "OutputName", "evaluation",
        "S3Output", Map.of(
            "S3Uri", join("", "s3://" + in.modelsBucket() + "/" + in.pipelinePrefix() + "/evaluation/",
                get("Execution.PipelineExecutionId")),
            "LocalPath", "/opt/ml/processing/evaluation",
            "S3UploadMode", "EndOfJob")))));
    args.put("StoppingCondition", Map.of("MaxRuntimeInSeconds", 2 * 3600));
    args.put("NetworkConfig", Map.of("EnableNetworkIsolation", true));
    Map<String, Object> step = step(EVALUATE, "Processing", args);
    step.put("PropertyFiles", List.of(Map.of(
        "PropertyFileName", EVALUATION_PROPERTY_FILE, "OutputName", "evaluation", "FilePath", "evaluation.json")));
    return step;
  }

  private Map<String, Object> qualityGate() {
    Map<String, Object> args = new LinkedHashMap<>();
    args.put("Conditions", List.of(
        atLeast("summary.bid_recall", "Parameters.MinBidRecall"),
        atLeast("summary.callouts_saved", "Parameters.MinCalloutsSaved")));
    args.put("IfSteps", List.of(register()));
    args.put("ElseSteps", List.of(step(QUALITY_GATE_FAILED, "Fail", Map.of("ErrorMessage", join(" ",
        "The model missed the quality gate on the evaluation window: bid recall must reach",
        get("Parameters.MinBidRecall"), "and callouts saved", get("Parameters.MinCalloutsSaved"),
        "(see evaluation.json of execution", get("Execution.PipelineExecutionId"), ")")))));
    return step(QUALITY_GATE, "Condition", args);
  }

  private static Map<String, Object> atLeast(String jsonPath, String parameter) {
    return Map.of(
        "Type", "GreaterThanOrEqualTo",
        "LeftValue", Map.of("Std:JsonGet", Map.of(
            "PropertyFile", get("Steps." + EVALUATE + ".PropertyFiles." + EVALUATION_PROPERTY_FILE),
            "Path", jsonPath)),
        "RightValue", get(parameter));
  }

  private Map<String, Object> register() {
    Map<String, Object> args = new LinkedHashMap<>();
    args.put("ProcessingResources", Map.of("ClusterConfig", Map.of(
        "InstanceCount", 1, "InstanceType", "ml.t3.medium", "VolumeSizeInGB", 10)));
    args.put("AppSpecification", Map.of("ImageUri", in.toolsImageUri(), "ContainerEntrypoint", List.of("register-bundle")));
    args.put("RoleArn", in.registerJobRoleArn());
    args.put("Environment", Map.of(
        "AWS_REGION", in.region(),
        "BIDSIFT_REGISTRY", "sagemaker:" + in.modelPackageGroup(),
        "BIDSIFT_BUNDLE_S3", "s3://" + in.modelsBucket() + "/" + in.bundlePrefix(),
        "BIDSIFT_MODEL_IMAGE", in.trainingImageUri()));
    args.put("ProcessingInputs", List.of(processingInput("model",
        get("Steps." + TRAIN + ".ModelArtifacts.S3ModelArtifacts"), "/opt/ml/processing/model")));
    args.put("StoppingCondition", Map.of("MaxRuntimeInSeconds", 1800));
    return step(REGISTER, "Processing", args);
  }

  private static Map<String, Object> processingInput(String name, Object s3Uri, String localPath) {
    return Map.of("InputName", name, "S3Input", Map.of(
        "S3Uri", s3Uri,
        "LocalPath", localPath,
        "S3DataType", "S3Prefix",
        "S3InputMode", "File",
        "S3DataDistributionType", "FullyReplicated"));
  }

  private static Map<String, Object> step(String name, String type, Map<String, Object> arguments) {
    Map<String, Object> step = new LinkedHashMap<>();
    step.put("Name", name);
    step.put("Type", type);
    step.put("Arguments", arguments);
    return step;
  }

  private static Map<String, Object> get(String path) {
    return Map.of("Get", path);
  }

  private static Map<String, Object> join(String separator, Object... values) {
    return Map.of("Std:Join", Map.of("On", separator, "Values", List.of(values)));
  }
}
