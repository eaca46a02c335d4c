package io.bidsift.infra.network;

import java.util.List;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.Tags;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.ec2.FlowLogDestination;
import software.amazon.awscdk.services.ec2.FlowLogOptions;
import software.amazon.awscdk.services.ec2.FlowLogTrafficType;
import software.amazon.awscdk.services.ec2.GatewayVpcEndpointAwsService;
import software.amazon.awscdk.services.ec2.GatewayVpcEndpointOptions;
import software.amazon.awscdk.services.ec2.IpAddresses;
import software.amazon.awscdk.services.ec2.SubnetConfiguration;
import software.amazon.awscdk.services.ec2.SubnetType;
import software.amazon.awscdk.services.ec2.Vpc;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.constructs.Construct;

/**
 * The VPC shared by the services (ECS) and the preprocessing clusters (EMR): public subnets for
 * the load balancer and the NAT gateway, private subnets for everything that runs.
 */
public final class NetworkStack extends Stack {

  private final Vpc vpc;

  public NetworkStack(Construct scope, String id, StackProps props) {
    super(scope, id, props);
    vpc = Vpc.Builder.create(this, "Vpc")
        .ipAddresses(IpAddresses.cidr("10.40.0.0/16"))
        .maxAzs(2)
        // one NAT gateway: outbound traffic is ECR pulls, AppConfig polls and DSP callouts;
        // a second one only buys AZ independence for egress
        .natGateways(1)
        .subnetConfiguration(List.of(
            SubnetConfiguration.builder().name("public").subnetType(SubnetType.PUBLIC).cidrMask(22).build(),
            SubnetConfiguration.builder().name("private").subnetType(SubnetType.PRIVATE_WITH_EGRESS).cidrMask(20).build()))
        // S3 through the gateway endpoint: bundle downloads and log uploads never cross the NAT
        .gatewayEndpoints(java.util.Map.of("S3",
            GatewayVpcEndpointOptions.builder().service(GatewayVpcEndpointAwsService.S3).build()))
        .build();
    // AmazonEMRServicePolicy_v2 lets EMR launch clusters only into subnets carrying this tag
    vpc.getPrivateSubnets().forEach(subnet ->
        Tags.of(subnet).add("for-use-with-amazon-emr-managed-policies", "true"));
    LogGroup flowLogs = LogGroup.Builder.create(this, "FlowLogs").retention(RetentionDays.THREE_MONTHS).build();
    vpc.addFlowLog("FlowLog", FlowLogOptions.builder()
        .destination(FlowLogDestination.toCloudWatchLogs(flowLogs))
        .trafficType(FlowLogTrafficType.REJECT)
        .build());
  }

  public Vpc vpc() {
    return vpc;
  }
}
