package io.bidsift.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bidsift.infra.ml.PipelineDefinition;
import io.bidsift.infra.serve.ServeStack;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** Assertions on the synthesized templates of every stack (one synthesis shared by all tests). */
class StacksTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  /** Actions IAM only accepts on "*" (no resource-level permission). */
  private static final Set<String> RESOURCE_STAR_ONLY = Set.of("ecr:GetAuthorizationToken",
      "sagemaker:ListModelPackages", "cloudwatch:PutMetricData");

  private final BidSiftStacks stacks = SynthesizedApp.get().stacks();

  private static Template template(Stack stack) {
    return Template.fromStack(stack);
  }

  private static JsonNode json(Stack stack) {
    return JSON.valueToTree(template(stack).toJSON());
  }

  @Test
  void dataBucketsAreEncryptedVersionedTlsOnlyLoggedAndExpire() {
    Template t = template(stacks.data());
    t.resourceCountIs("AWS::S3::Bucket", 4);
    t.allResourcesProperties("AWS::S3::Bucket", Map.of(
        "BucketEncryption", Map.of("ServerSideEncryptionConfiguration", List.of(Map.of(
            "ServerSideEncryptionByDefault", Map.of("SSEAlgorithm", "AES256")))),
        "VersioningConfiguration", Map.of("Status", "Enabled"),
        "PublicAccessBlockConfiguration", Map.of("BlockPublicAcls", true, "BlockPublicPolicy", true,
            "IgnorePublicAcls", true, "RestrictPublicBuckets", true),
        "LifecycleConfiguration", Match.objectLike(Map.of("Rules", Match.anyValue()))));
    t.resourcePropertiesCountIs("AWS::S3::Bucket", Map.of("LoggingConfiguration", Match.objectLike(Map.of(
        "LogFilePrefix", Match.anyValue()))), 3);
    t.hasResourceProperties("AWS::S3::Bucket", Map.of("LifecycleConfiguration", Map.of("Rules", Match.arrayWith(List.of(
        Match.objectLike(Map.of("ExpirationInDays", 400, "Transitions", Match.anyValue())))))));
    // every bucket denies plain HTTP
    t.resourceCountIs("AWS::S3::BucketPolicy", 4);
    Object denyPlainHttp = Match.objectLike(Map.of("Effect", "Deny",
        "Condition", Map.of("Bool", Map.of("aws:SecureTransport", "false"))));
    t.allResourcesProperties("AWS::S3::BucketPolicy", Map.of("PolicyDocument",
        Match.objectLike(Map.of("Statement", Match.arrayWith(List.of(denyPlainHttp))))));
  }

  @Test
  void pipelineDefinitionIsJsonWithEveryStepAndParameterTheGateNeeds() throws Exception {
    JsonNode pipeline = resourcesOfType(json(stacks.ml()), "AWS::SageMaker::Pipeline").get(0);
    JsonNode body = pipeline.at("/Properties/PipelineDefinition/PipelineDefinitionBody");
    JsonNode definition = JSON.readTree(withTokensAsText(body));
    assertThat(definition.get("Version").asText()).isEqualTo("2020-12-01");
    List<String> parameters = new ArrayList<>();
    definition.get("Parameters").forEach(p -> parameters.add(p.get("Name").asText()));
    assertThat(parameters).contains("TrainingLogsUri", "EvaluationLogsUri", "TargetRecall", "MinBidRecall",
        "MinCalloutsSaved", "PreprocessJarUri");
    JsonNode steps = definition.get("Steps");
    assertThat(names(steps)).containsExactly(PipelineDefinition.PREPROCESS, PipelineDefinition.TRAIN,
        PipelineDefinition.EVALUATE, PipelineDefinition.QUALITY_GATE);
    assertThat(steps.get(0).get("Type").asText()).isEqualTo("EMR");
    assertThat(steps.get(0).at("/Arguments/StepConfig/HadoopJarStep/Args").toString())
        .contains("io.bidsift.training.preprocess.PreprocessMain");
    assertThat(steps.get(1).at("/Arguments/InputDataConfig/0/ChannelName").asText()).isEqualTo("logs");
    assertThat(steps.get(2).at("/PropertyFiles/0/FilePath").asText()).isEqualTo("evaluation.json");
    JsonNode gate = steps.get(3);
    assertThat(gate.at("/Arguments/Conditions").toString())
        .contains("summary.bid_recall").contains("Parameters.MinBidRecall")
        .contains("summary.callouts_saved").contains("Parameters.MinCalloutsSaved");
    assertThat(names(gate.at("/Arguments/IfSteps"))).containsExactly(PipelineDefinition.REGISTER);
    assertThat(gate.at("/Arguments/IfSteps/0/Arguments/AppSpecification/ContainerEntrypoint/0").asText())
        .isEqualTo("register-bundle");
    assertThat(gate.at("/Arguments/ElseSteps/0/Type").asText()).isEqualTo("Fail");
    // every Get names a step or parameter that exists
    for (String reference : allGets(definition)) {
      if (reference.startsWith("Parameters.")) {
        assertThat(parameters).contains(reference.substring("Parameters.".length()));
      } else if (reference.startsWith("Steps.")) {
        assertThat(List.of(PipelineDefinition.TRAIN, PipelineDefinition.EVALUATE))
            .contains(reference.split("\\.")[1]);
      } else {
        assertThat(reference).startsWith("Execution.");
      }
    }
  }

  @Test
  void modelRegistryGroupAndStepRolesAreScopedToTheirPrefixes() {
    Template t = template(stacks.ml());
    t.hasResourceProperties("AWS::SageMaker::ModelPackageGroup",
        Map.of("ModelPackageGroupName", Names.MODEL_PACKAGE_GROUP));
    JsonNode ml = json(stacks.ml());
    String policies = resourcesOfType(ml, "AWS::IAM::Policy").toString();
    assertThat(policies).contains("/" + Names.AUCTION_LOG_PREFIX + "/*").contains("/" + Names.BUNDLE_PREFIX + "/*")
        .contains("model-package/" + Names.MODEL_PACKAGE_GROUP + "/*")
        .contains("rule/SageMakerPipelineExecutionEMRStepStatusUpdateRule");
  }

  @Test
  void appConfigRollsOutGraduallyAndRollsBackOnTheAlarms() {
    Template t = template(stacks.config());
    t.hasResourceProperties("AWS::AppConfig::ConfigurationProfile", Map.of("LocationUri", "hosted",
        "Validators", List.of(Match.objectLike(Map.of("Type", "JSON_SCHEMA")))));
    t.hasResourceProperties("AWS::AppConfig::DeploymentStrategy", Map.of("GrowthType", "LINEAR",
        "GrowthFactor", 20, "DeploymentDurationInMinutes", 10, "FinalBakeTimeInMinutes", 10));
    t.hasResourceProperties("AWS::AppConfig::Environment", Map.of("Monitors", Match.arrayWith(List.of(
        Match.objectLike(Map.of("AlarmArn", Match.anyValue())), Match.objectLike(Map.of("AlarmArn", Match.anyValue()))))));
    t.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of("AlarmName", "bidsift-estimated-bid-recall-low",
        "Threshold", 0.9, "ComparisonOperator", "LessThanThreshold"));
  }

  @Test
  void bidFilterTaskMayOnlyReadBundlesAndPollItsProfile() {
    JsonNode serve = json(stacks.serve());
    String taskRoleId = logicalIdOf(serve, "AWS::IAM::Role", "BidFilterTaskTaskRole");
    JsonNode policy = policyOfRole(serve, taskRoleId);
    List<String> actions = new ArrayList<>();
    policy.at("/Properties/PolicyDocument/Statement").forEach(s -> actions.addAll(actions(s)));
    assertThat(actions).containsExactlyInAnyOrder("s3:GetObject", "appconfig:StartConfigurationSession",
        "appconfig:GetLatestConfiguration");
    String statements = policy.toString();
    assertThat(statements).contains("/" + Names.BUNDLE_PREFIX + "/*").contains("/configuration/")
        .doesNotContain("\"Resource\":\"*\"");
  }

  @Test
  void servicesRunOnFargateWithServiceConnectAPublicHttpsListenerAndAutoscaling() {
    Template t = template(stacks.serve());
    t.hasResourceProperties("AWS::ECS::Service", Map.of("ServiceName", Names.BID_FILTER, "LaunchType", "FARGATE",
        "ServiceConnectConfiguration", Match.objectLike(Map.of("Enabled", true, "Services", List.of(Match.objectLike(
            Map.of("PortName", "filter", "ClientAliases", List.of(Map.of("DnsName", Names.BID_FILTER,
                "Port", Names.BID_FILTER_PORT)))))))));
    t.hasResourceProperties("AWS::ECS::Service", Map.of("ServiceName", Names.AUCTION_SERVER,
        "LoadBalancers", Match.anyValue()));
    t.hasResourceProperties("AWS::ElasticLoadBalancingV2::LoadBalancer", Map.of("Scheme", "internet-facing",
        "LoadBalancerAttributes", Match.arrayWith(List.of(
            Map.of("Key", "routing.http.drop_invalid_header_fields.enabled", "Value", "true"),
            Map.of("Key", "access_logs.s3.enabled", "Value", "true")))));
    t.hasResourceProperties("AWS::ElasticLoadBalancingV2::Listener", Map.of("Protocol", "HTTPS", "Port", 443,
        "Certificates", List.of(Map.of("CertificateArn", SynthesizedApp.CERTIFICATE))));
    t.resourceCountIs("AWS::ApplicationAutoScaling::ScalableTarget", 2);
    t.hasResourceProperties("AWS::ECS::Cluster", Map.of("ClusterName", Names.CLUSTER));
  }

  @Test
  void theAuctionServerHasTimeToDrainAndShipItsLogAfterSigterm() {
    template(stacks.serve()).hasResourceProperties("AWS::ECS::TaskDefinition", Map.of("ContainerDefinitions",
        Match.arrayWith(List.of(Match.objectLike(Map.of("Name", Names.AUCTION_SERVER,
            "StopTimeout", ServeStack.AUCTION_SERVER_STOP_TIMEOUT_SECONDS,
            "Command", Match.arrayWith(List.of("--log-drain-deadline-s",
                Integer.toString(ServeStack.AUCTION_LOG_DRAIN_DEADLINE_SECONDS)))))))));
    // The log drain starts after the shutdown drain (1 s) and the web server's graceful phase (up to
    // 20 s), and must end before SIGKILL.
    assertThat(1 + 20 + ServeStack.AUCTION_LOG_DRAIN_DEADLINE_SECONDS)
        .isLessThan(ServeStack.AUCTION_SERVER_STOP_TIMEOUT_SECONDS);
    assertThat(ServeStack.AUCTION_SERVER_STOP_TIMEOUT_SECONDS).isLessThanOrEqualTo(120);
  }

  @Test
  void approvalInTheRegistryRunsThePromoteTaskWithTheModelDataUrl() {
    Template t = template(stacks.promotion());
    Object pattern = Map.of(
        "source", List.of("aws.sagemaker"),
        "detail-type", List.of("SageMaker Model Package State Change"),
        "detail", Map.of("ModelPackageGroupName", List.of(Names.MODEL_PACKAGE_GROUP),
            "ModelApprovalStatus", List.of("Approved")));
    Object transformer = Match.objectLike(Map.of("InputPathsMap", Map.of(
        "detail-InferenceSpecification-Containers-0--ModelDataUrl",
        "$.detail.InferenceSpecification.Containers[0].ModelDataUrl")));
    Object target = Match.objectLike(Map.of(
        "EcsParameters", Match.objectLike(Map.of("LaunchType", "FARGATE")),
        "DeadLetterConfig", Match.anyValue(),
        "InputTransformer", transformer));
    t.hasResourceProperties("AWS::Events::Rule", Map.of("EventPattern", pattern, "Targets", List.of(target)));
    String policies = resourcesOfType(json(stacks.promotion()), "AWS::IAM::Policy").toString();
    assertThat(policies).contains("appconfig:CreateHostedConfigurationVersion").contains("appconfig:StartDeployment");
  }

  @Test
  void dashboardShowsFilterRateBidsLostLatencyAndErrorsWithAlarms() {
    Template t = template(stacks.ops());
    JsonNode ops = json(stacks.ops());
    String body = resourcesOfType(ops, "AWS::CloudWatch::Dashboard").get(0).at("/Properties/DashboardBody").toString();
    assertThat(body).contains("Filter rate").contains("Estimated bids lost").contains("latency p99").contains("5xx")
        .contains("f * bx / x");
    for (String alarm : List.of("bidsift-auction-p99-latency", "bidsift-auction-5xx", "bidsift-filter-rate-high",
        "bidsift-bid-filter-p99-latency")) {
      t.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of("AlarmName", alarm, "AlarmActions", Match.anyValue()));
    }
    t.hasResourceProperties("AWS::SNS::Topic", Map.of("KmsMasterKeyId", Match.anyValue()));
  }

  @Test
  void noPolicyGrantsWildcardActionsOrStarResourcesWhereANarrowerOneExists() {
    List<String> violations = new ArrayList<>();
    for (Stack stack : stacks.all()) {
      for (JsonNode policy : resourcesOfType(json(stack), "AWS::IAM::Policy")) {
        for (JsonNode statement : policy.at("/Properties/PolicyDocument/Statement")) {
          List<String> actions = actions(statement);
          for (String action : actions) {
            if (action.contains("*")) {
              violations.add(stack.getStackName() + ": wildcard action " + action);
            }
          }
          if ("*".equals(statement.path("Resource").asText(null)) && !RESOURCE_STAR_ONLY.containsAll(actions)) {
            violations.add(stack.getStackName() + ": Resource * for " + actions);
          }
        }
      }
    }
    assertThat(violations).isEmpty();
  }

  private static List<String> actions(JsonNode statement) {
    List<String> actions = new ArrayList<>();
    if (statement.get("Action").isArray()) {
      statement.get("Action").forEach(a -> actions.add(a.asText()));
    } else {
      actions.add(statement.get("Action").asText());
    }
    return actions;
  }

  private static List<String> names(JsonNode steps) {
    List<String> names = new ArrayList<>();
    steps.forEach(s -> names.add(s.get("Name").asText()));
    return names;
  }

  private static List<String> allGets(JsonNode node) {
    List<String> gets = new ArrayList<>();
    if (node.isObject()) {
      node.fields().forEachRemaining(e -> {
        if (e.getKey().equals("Get") && e.getValue().isTextual()) {
          gets.add(e.getValue().asText());
        } else {
          gets.addAll(allGets(e.getValue()));
        }
      });
    } else if (node.isArray()) {
      node.forEach(n -> gets.addAll(allGets(n)));
    }
    return gets;
  }

  /** The definition as CloudFormation will see it, with every token (Ref, GetAtt) as the text TOKEN. */
  private static String withTokensAsText(JsonNode body) {
    if (body.isTextual()) {
      return body.asText();
    }
    StringBuilder text = new StringBuilder();
    for (JsonNode part : body.get("Fn::Join").get(1)) {
      text.append(part.isTextual() ? part.asText() : "TOKEN");
    }
    return text.toString();
  }

  private static List<JsonNode> resourcesOfType(JsonNode template, String type) {
    List<JsonNode> found = new ArrayList<>();
    template.get("Resources").forEach(r -> {
      if (r.get("Type").asText().equals(type)) {
        found.add(r);
      }
    });
    return found;
  }

  private static String logicalIdOf(JsonNode template, String type, String prefix) {
    var ids = template.get("Resources").fieldNames();
    while (ids.hasNext()) {
      String id = ids.next();
      if (id.startsWith(prefix) && template.get("Resources").get(id).get("Type").asText().equals(type)) {
        return id;
      }
    }
    throw new AssertionError("no " + type + " named " + prefix + "*");
  }

  private static JsonNode policyOfRole(JsonNode template, String roleId) {
    for (JsonNode policy : resourcesOfType(template, "AWS::IAM::Policy")) {
      if (policy.at("/Properties/Roles").toString().contains("\"" + roleId + "\"")) {
        return policy;
      }
    }
    throw new AssertionError("no policy on " + roleId);
  }
}
