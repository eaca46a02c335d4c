package io.bidsift.infra.config;

import io.bidsift.infra.Names;
import io.bidsift.infra.metrics.ServiceMetrics;
import java.util.List;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.appconfig.Application;
import software.amazon.awscdk.services.appconfig.CfnConfigurationProfile;
import software.amazon.awscdk.services.appconfig.DeploymentStrategy;
import software.amazon.awscdk.services.appconfig.Environment;
import software.amazon.awscdk.services.appconfig.Monitor;
import software.amazon.awscdk.services.appconfig.RolloutStrategy;
import software.amazon.awscdk.services.appconfig.RolloutStrategyProps;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.constructs.Construct;

/**
 * Where promoted models are published: an AppConfig application, its production environment,
 * the hosted configuration profile holding {@code {"version", "bundle", "sha256"}}, and a gradual
 * deployment strategy. Two alarms watch each deployment and make AppConfig roll it back: the
 * estimated bid recall of live traffic, and server errors of the bid filter.
 */
public final class ConfigStack extends Stack {

  /** JSON schema AppConfig checks every hosted version against before it can be deployed. */
  static final String BUNDLE_DOCUMENT_SCHEMA = """
      {
        "$schema": "http://json-schema.org/draft-04/schema#",
        "type": "object",
        "required": ["version", "bundle", "sha256"],
        "properties": {
          "version": {"type": "string", "pattern": "^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$"},
          "bundle": {"type": "string", "pattern": "^s3://[^/]+/.+"},
          "sha256": {"type": "string", "pattern": "^[0-9a-fA-F]{64}$"}
        }
      }""";

  private final Application application;
  private final Environment environment;
  private final CfnConfigurationProfile profile;
  private final DeploymentStrategy strategy;
  private final Alarm bidRecallAlarm;
  private final Alarm filterErrorsAlarm;

  public ConfigStack(Construct scope, String id, ConfigStackProps props) {
    super(scope, id, props.stackProps());
    application = Application.Builder.create(this, "Application")
        .applicationName(Names.APPCONFIG_APPLICATION)
        .description("BidSift: which model bundle the bid filters serve")
        .build();

    ServiceMetrics metrics = new ServiceMetrics(Duration.minutes(5));
    bidRecallAlarm = Alarm.Builder.create(this, "EstimatedBidRecallLow")
        .alarmName("bidsift-estimated-bid-recall-low")
        .alarmDescription("Bids kept by the filter, estimated from the exploration slice, fell below "
            + props.minEstimatedBidRecall() + ": AppConfig rolls back a model deployment in progress")
        .metric(metrics.estimatedBidRecall())
        .threshold(props.minEstimatedBidRecall())
        .comparisonOperator(ComparisonOperator.LESS_THAN_THRESHOLD)
        .evaluationPeriods(3)
        .datapointsToAlarm(2)
        // no traffic, no estimate: an idle service must not block deployments
        .treatMissingData(TreatMissingData.NOT_BREACHING)
        .build();
    filterErrorsAlarm = Alarm.Builder.create(this, "BidFilterErrors")
        .alarmName("bidsift-bid-filter-5xx")
        .alarmDescription("The bid filter answered with server errors: AppConfig rolls back a model deployment")
        .metric(metrics.bidFilter5xx())
        .threshold(10)
        .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD)
        .evaluationPeriods(1)
        .treatMissingData(TreatMissingData.NOT_BREACHING)
        .build();

    // AppConfig reads the two alarms' states during a deployment, and nothing else
    Role monitorRole = Role.Builder.create(this, "MonitorRole")
        .assumedBy(new ServicePrincipal("appconfig.amazonaws.com"))
        .description("AppConfig reads the BidSift rollback alarms")
        .build();
    monitorRole.addToPolicy(PolicyStatement.Builder.create().effect(Effect.ALLOW)
        .actions(List.of("cloudwatch:DescribeAlarms"))
        .resources(List.of(bidRecallAlarm.getAlarmArn(), filterErrorsAlarm.getAlarmArn()))
        .build());
    environment = Environment.Builder.create(this, "Environment")
        .application(application)
        .environmentName(Names.APPCONFIG_ENVIRONMENT)
        .description("The bid filters of the production ECS service")
        .monitors(List.of(Monitor.fromCloudWatchAlarm(bidRecallAlarm, monitorRole),
            Monitor.fromCloudWatchAlarm(filterErrorsAlarm, monitorRole)))
        .build();

    profile = CfnConfigurationProfile.Builder.create(this, "ModelProfile")
        .applicationId(application.getApplicationId())
        .name(Names.APPCONFIG_PROFILE)
        .description("The model bundle the bid filters load: {\"version\", \"bundle\": s3 URI, \"sha256\"}")
        .locationUri("hosted")
        .type("AWS.Freeform")
        .validators(List.of(CfnConfigurationProfile.ValidatorsProperty.builder()
            .type("JSON_SCHEMA").content(BUNDLE_DOCUMENT_SCHEMA).build()))
        .build();

    // a new model reaches 20% more of the bid filters every 2 minutes, then bakes 10 minutes
    // under the alarms before the deployment completes
    strategy = DeploymentStrategy.Builder.create(this, "GradualRollout")
        .deploymentStrategyName("bidsift-model-gradual")
        .description("Linear 20% every 2 minutes, 10 minutes bake under the rollback alarms")
        .rolloutStrategy(RolloutStrategy.linear(RolloutStrategyProps.builder()
            .growthFactor(20)
            .deploymentDuration(Duration.minutes(10))
            .finalBakeTime(Duration.minutes(10))
            .build()))
        .build();
  }

  public Application application() {
    return application;
  }

  public Environment appConfigEnvironment() {
    return environment;
  }

  public CfnConfigurationProfile profile() {
    return profile;
  }

  public DeploymentStrategy strategy() {
    return strategy;
  }

  public Alarm bidRecallAlarm() {
    return bidRecallAlarm;
  }

  public Alarm filterErrorsAlarm() {
    return filterErrorsAlarm;
  }

  /** The bid filters' AppConfig target, by ids: {@code APPLICATION/ENVIRONMENT/PROFILE}. */
  public String targetIds() {
    return application.getApplicationId() + "/" + environment.getEnvironmentId() + "/" + profile.getRef();
  }

  public String profileArn() {
    return "arn:" + getPartition() + ":appconfig:" + getRegion() + ":" + getAccount() + ":application/"
        + application.getApplicationId() + "/configurationprofile/" + profile.getRef();
  }

  /** The ARN IAM checks for StartConfigurationSession and GetLatestConfiguration. */
  public String configurationArn() {
    return "arn:" + getPartition() + ":appconfig:" + getRegion() + ":" + getAccount() + ":application/"
        + application.getApplicationId() + "/environment/" + environment.getEnvironmentId() + "/configuration/"
        + profile.getRef();
  }
}
