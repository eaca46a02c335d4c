package io.bidsift.infra.serve;

import io.bidsift.infra.Names;
import io.bidsift.infra.Suppress;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.ec2.Peer;
import software.amazon.awscdk.services.ec2.Port;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.ec2.SubnetType;
import software.amazon.awscdk.services.ecs.AppProtocol;
import software.amazon.awscdk.services.ecs.CloudMapNamespaceOptions;
import software.amazon.awscdk.services.ecs.Cluster;
import software.amazon.awscdk.services.ecs.ContainerDefinitionOptions;
import software.amazon.awscdk.services.ecs.ContainerImage;
import software.amazon.awscdk.services.ecs.ContainerInsights;
import software.amazon.awscdk.services.ecs.CpuUtilizationScalingProps;
import software.amazon.awscdk.services.ecs.DeploymentCircuitBreaker;
import software.amazon.awscdk.services.applicationautoscaling.EnableScalingProps;
import software.amazon.awscdk.services.ecs.FargateService;
import software.amazon.awscdk.services.ecs.FargateTaskDefinition;
import software.amazon.awscdk.services.ecs.HealthCheck;
import software.amazon.awscdk.services.ecs.LogDriver;
import software.amazon.awscdk.services.ecs.PortMapping;
import software.amazon.awscdk.services.ecs.Secret;
import software.amazon.awscdk.services.ecs.ServiceConnectProps;
import software.amazon.awscdk.services.ecs.ServiceConnectService;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationListener;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationLoadBalancer;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationProtocol;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationTargetGroup;
import software.amazon.awscdk.services.elasticloadbalancingv2.BaseApplicationListenerProps;
import software.amazon.awscdk.services.elasticloadbalancingv2.ListenerCertificate;
import software.amazon.awscdk.services.elasticloadbalancingv2.SslPolicy;
import software.amazon.awscdk.services.elasticloadbalancingv2.TargetType;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.ssm.StringParameter;
import software.constructs.Construct;

/**
 * The services on ECS Fargate: the auction server behind a public load balancer and the bid
 * filter, which only the auction server reaches, through ECS Service Connect
 * ({@code http://bid-filter:8081}). Both scale on CPU; the auction server also on requests.
 */
public final class ServeStack extends Stack {

  /** The DSP list of the auction server (its --dsps file), kept where operators can edit it. */
  public static final String DSPS_PARAMETER = "/bidsift/auction-server/dsps";
  /**
   * From SIGTERM to SIGKILL for the auction server: the shutdown drain (bidsift.shutdown.drain, 1 s:
   * answers close their connections), the web server's graceful phase (in-flight auctions end within
   * their tmax, 3 s at most; Spring allows it 20 s), then the auction log's drain deadline, with room
   * for the JVM to exit. Fargate allows at most 120 s.
   */
  public static final int AUCTION_SERVER_STOP_TIMEOUT_SECONDS = 60;
  /** The auction server's --log-drain-deadline-s: writing the queued records and uploading the files. */
  public static final int AUCTION_LOG_DRAIN_DEADLINE_SECONDS = 25;

  private final Cluster cluster;
  private final FargateService bidFilter;
  private final FargateService auctionServer;
  private final ApplicationLoadBalancer loadBalancer;
  private final FargateTaskDefinition bidFilterTask;
  private final FargateTaskDefinition auctionServerTask;

  public ServeStack(Construct scope, String id, ServeStackProps props) {
    super(scope, id, props.stackProps());
    cluster = Cluster.Builder.create(this, "Cluster")
        .clusterName(Names.CLUSTER)
        .vpc(props.vpc())
        .containerInsightsV2(ContainerInsights.ENABLED)
        .defaultCloudMapNamespace(CloudMapNamespaceOptions.builder()
            .name(Names.SERVICE_CONNECT_NAMESPACE).useForServiceConnect(true).build())
        .build();
    SubnetSelection privateSubnets = SubnetSelection.builder().subnetType(SubnetType.PRIVATE_WITH_EGRESS).build();

    bidFilterTask = FargateTaskDefinition.Builder.create(this, "BidFilterTask").cpu(1024).memoryLimitMiB(2048).build();
    bidFilterTask.addContainer(Names.BID_FILTER, ContainerDefinitionOptions.builder()
        .image(ContainerImage.fromEcrRepository(props.bidFilterImage(), props.imageTag()))
        .command(List.of("--port", Integer.toString(Names.BID_FILTER_PORT), "--source", props.bidFilterSource()))
        .environment(Map.of(
            "BIDSIFT_MODEL_AWS_REGION", getRegion(),
            "BIDSIFT_FILTER_EXPLORATIONRATE", Double.toString(props.explorationRate())))
        .portMappings(List.of(PortMapping.builder().name("filter").containerPort(Names.BID_FILTER_PORT)
            .appProtocol(AppProtocol.getHttp()).build()))
        // liveness, not readiness: a filter without a model still answers (fail open) and must not be replaced
        .healthCheck(liveness(Names.BID_FILTER_PORT))
        .logging(logs("BidFilterLogs", Names.BID_FILTER))
        .build());
    // the task may read model bundles and poll its one AppConfig profile, nothing else
    bidFilterTask.getTaskRole().addToPrincipalPolicy(PolicyStatement.Builder.create().effect(Effect.ALLOW)
        .actions(List.of("s3:GetObject")).resources(List.of(props.models().arnForObjects(Names.BUNDLE_PREFIX + "/*")))
        .build());
    bidFilterTask.getTaskRole().addToPrincipalPolicy(PolicyStatement.Builder.create().effect(Effect.ALLOW)
        .actions(List.of("appconfig:StartConfigurationSession", "appconfig:GetLatestConfiguration"))
        .resources(List.of(props.appConfigArn())).build());

    SecurityGroup bidFilterSg = SecurityGroup.Builder.create(this, "BidFilterSg").vpc(props.vpc())
        .description("bid-filter tasks: reached by the auction server only").build();
    bidFilter = FargateService.Builder.create(this, "BidFilterService")
        .serviceName(Names.BID_FILTER)
        .cluster(cluster)
        .taskDefinition(bidFilterTask)
        .desiredCount(2)
        .minHealthyPercent(100)
        .circuitBreaker(DeploymentCircuitBreaker.builder().rollback(true).build())
        .vpcSubnets(privateSubnets)
        .securityGroups(List.of(bidFilterSg))
        .serviceConnectConfiguration(ServiceConnectProps.builder()
            .services(List.of(ServiceConnectService.builder().portMappingName("filter")
                .dnsName(Names.BID_FILTER).port(Names.BID_FILTER_PORT).build()))
            .build())
        .build();
    bidFilter.autoScaleTaskCount(EnableScalingProps.builder().minCapacity(2).maxCapacity(20).build())
        .scaleOnCpuUtilization("Cpu", CpuUtilizationScalingProps.builder().targetUtilizationPercent(60)
            .scaleOutCooldown(Duration.minutes(1)).scaleInCooldown(Duration.minutes(5)).build());

    StringParameter dsps = StringParameter.Builder.create(this, "DspsParameter")
        .parameterName(DSPS_PARAMETER)
        .description("The auction server's DSP list (the content of its --dsps file)")
        // Deliberately no DSP: the server refuses to start with "dsps must be a non-empty list" until
        // the operator puts the real list here (docs/operations.md), rather than call made-up endpoints.
        .stringValue("dsps: []")
        .build();
    LogGroup emfLogs = LogGroup.Builder.create(this, "EmfLogs").logGroupName(CollectorConfig.EMF_LOG_GROUP)
        .retention(RetentionDays.ONE_MONTH).removalPolicy(RemovalPolicy.DESTROY).build();
    auctionServerTask = FargateTaskDefinition.Builder.create(this, "AuctionServerTask").cpu(2048).memoryLimitMiB(4096)
        .build();
    auctionServerTask.addContainer(Names.AUCTION_SERVER, ContainerDefinitionOptions.builder()
        .image(ContainerImage.fromEcrRepository(props.auctionServerImage(), props.imageTag()))
        // Logs are written to the task's disk and each finished file is shipped to S3; 0.0.0.0 so the
        // load balancer reaches the container.
        .command(List.of("--host", "0.0.0.0", "--port", Integer.toString(Names.AUCTION_SERVER_PORT),
            "--filter", "http://" + Names.BID_FILTER + ":" + Names.BID_FILTER_PORT,
            "--logs", "/tmp/auction-logs", "--logs-s3", props.rawLogs().s3UrlForObject(Names.AUCTION_LOG_PREFIX),
            "--log-drain-deadline-s", Integer.toString(AUCTION_LOG_DRAIN_DEADLINE_SECONDS)))
        .stopTimeout(Duration.seconds(AUCTION_SERVER_STOP_TIMEOUT_SECONDS))
        .secrets(Map.of("BIDSIFT_DSPS", Secret.fromSsmParameter(dsps)))
        .portMappings(List.of(PortMapping.builder().name("http").containerPort(Names.AUCTION_SERVER_PORT)
            .appProtocol(AppProtocol.getHttp()).build()))
        .healthCheck(liveness(Names.AUCTION_SERVER_PORT))
        .logging(logs("AuctionServerLogs", Names.AUCTION_SERVER))
        .build());
    auctionServerTask.addContainer("metrics", ContainerDefinitionOptions.builder()
        .image(ContainerImage.fromRegistry("public.ecr.aws/aws-observability/aws-otel-collector:v0.43.3"))
        .environment(Map.of("AOT_CONFIG_CONTENT", CollectorConfig.yaml()))
        .essential(false)
        .memoryReservationMiB(128)
        .logging(logs("MetricsCollectorLogs", "metrics"))
        .build());
    auctionServerTask.getTaskRole().addToPrincipalPolicy(PolicyStatement.Builder.create().effect(Effect.ALLOW)
        .actions(List.of("s3:PutObject"))
        .resources(List.of(props.rawLogs().arnForObjects(Names.AUCTION_LOG_PREFIX + "/*"))).build());
    auctionServerTask.getTaskRole().addToPrincipalPolicy(PolicyStatement.Builder.create().effect(Effect.ALLOW)
        .actions(List.of("logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"))
        .resources(List.of(emfLogs.getLogGroupArn())).build());

    SecurityGroup albSg = SecurityGroup.Builder.create(this, "LoadBalancerSg").vpc(props.vpc())
        .description("public OpenRTB endpoint").allowAllOutbound(false).build();
    SecurityGroup auctionSg = SecurityGroup.Builder.create(this, "AuctionServerSg").vpc(props.vpc())
        .description("auction-server tasks: reached by the load balancer only").build();
    boolean https = props.certificateArn() != null;
    albSg.addIngressRule(Peer.anyIpv4(), Port.tcp(https ? 443 : 80), "OpenRTB bid requests from supply partners");
    albSg.addEgressRule(auctionSg, Port.tcp(Names.AUCTION_SERVER_PORT), "to auction-server tasks");
    auctionSg.addIngressRule(albSg, Port.tcp(Names.AUCTION_SERVER_PORT), "from the load balancer");
    bidFilterSg.addIngressRule(auctionSg, Port.tcp(Names.BID_FILTER_PORT), "from auction-server tasks");

    auctionServer = FargateService.Builder.create(this, "AuctionServerService")
        .serviceName(Names.AUCTION_SERVER)
        .cluster(cluster)
        .taskDefinition(auctionServerTask)
        .desiredCount(2)
        .minHealthyPercent(100)
        .circuitBreaker(DeploymentCircuitBreaker.builder().rollback(true).build())
        .vpcSubnets(privateSubnets)
        .securityGroups(List.of(auctionSg))
        // client only: the auction server reaches bid-filter by its Service Connect name
        .serviceConnectConfiguration(ServiceConnectProps.builder().build())
        .build();
    auctionServer.getNode().addDependency(bidFilter);

    loadBalancer = ApplicationLoadBalancer.Builder.create(this, "LoadBalancer")
        .vpc(props.vpc())
        .internetFacing(true)
        .securityGroup(albSg)
        .dropInvalidHeaderFields(true)
        .build();
    loadBalancer.logAccessLogs(props.accessLogs(), "alb");
    ApplicationTargetGroup targets = ApplicationTargetGroup.Builder.create(this, "AuctionServerTargets")
        .vpc(props.vpc())
        .port(Names.AUCTION_SERVER_PORT)
        .protocol(ApplicationProtocol.HTTP)
        .targetType(TargetType.IP)
        .healthCheck(software.amazon.awscdk.services.elasticloadbalancingv2.HealthCheck.builder()
            .path("/actuator/health").healthyHttpCodes("200").interval(Duration.seconds(15)).build())
        .deregistrationDelay(Duration.seconds(30))
        .targets(List.of(auctionServer))
        .build();
    BaseApplicationListenerProps.Builder listener = BaseApplicationListenerProps.builder()
        .defaultTargetGroups(List.of(targets)).open(false);
    if (https) {
      listener.port(443).protocol(ApplicationProtocol.HTTPS).sslPolicy(SslPolicy.RECOMMENDED_TLS)
          .certificates(List.of(ListenerCertificate.fromArn(props.certificateArn())));
    } else {
      listener.port(80).protocol(ApplicationProtocol.HTTP);
    }
    ApplicationListener publicListener = loadBalancer.addListener("Public", listener.build());

    var scaling = auctionServer.autoScaleTaskCount(EnableScalingProps.builder().minCapacity(2).maxCapacity(40).build());
    scaling.scaleOnCpuUtilization("Cpu", CpuUtilizationScalingProps.builder().targetUtilizationPercent(60)
        .scaleOutCooldown(Duration.minutes(1)).scaleInCooldown(Duration.minutes(5)).build());
    scaling.scaleOnRequestCount("Requests", software.amazon.awscdk.services.ecs.RequestCountScalingProps.builder()
        .requestsPerTarget(30_000).targetGroup(targets).build());
    publicListener.getNode().addDependency(targets);

    suppressions();
  }

  private void suppressions() {
    Suppress.rule(this, "AwsSolutions-ECS2", "Only non-secret settings are passed as environment variables (AWS "
        + "region, exploration rate, the metrics collector's configuration); the DSP list comes from SSM as an ECS "
        + "secret.");
    Suppress.rule(loadBalancer.getConnections().getSecurityGroups().get(0), "AwsSolutions-EC23", "The OpenRTB endpoint is public by design: supply partners "
        + "call it from anywhere on the internet; only the listener port is open.");
    Suppress.rule(this, "AwsSolutions-IAM5", "Wildcards are limited to object keys under one prefix of a named "
        + "bucket (bundles/* for the bid filter, auctions/* for the auction server) and to ECR's "
        + "GetAuthorizationToken and log streams of the services' own log groups, which the CDK grants to the task "
        + "execution roles.");
  }

  private static HealthCheck liveness(int port) {
    return HealthCheck.builder()
        .command(List.of("CMD-SHELL", "curl -fsS http://localhost:" + port + "/actuator/health/liveness || exit 1"))
        .interval(Duration.seconds(15)).timeout(Duration.seconds(5)).retries(3).startPeriod(Duration.seconds(60))
        .build();
  }

  private LogDriver logs(String id, String streamPrefix) {
    LogGroup group = LogGroup.Builder.create(this, id).retention(RetentionDays.ONE_MONTH)
        .removalPolicy(RemovalPolicy.DESTROY).build();
    return LogDriver.awsLogs(software.amazon.awscdk.services.ecs.AwsLogDriverProps.builder()
        .logGroup(group).streamPrefix(streamPrefix).build());
  }

  public Cluster cluster() {
    return cluster;
  }

  public FargateService bidFilter() {
    return bidFilter;
  }

  public FargateService auctionServer() {
    return auctionServer;
  }

  public ApplicationLoadBalancer loadBalancer() {
    return loadBalancer;
  }

  public FargateTaskDefinition bidFilterTask() {
    return bidFilterTask;
  }

  public FargateTaskDefinition auctionServerTask() {
    return auctionServerTask;
  }
}
