package io.bidsift.infra;

import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.Environment;

/**
 * The CDK app ({@code cdk.json} runs it): every BidSift stack, checked by cdk-nag's AwsSolutions
 * rules on every synth, so {@code cdk synth} and {@code cdk deploy} fail on an unsuppressed finding.
 */
public final class BidSiftApp {

  private BidSiftApp() {
  }

  public static void main(String[] args) {
    App app = new App();
    build(app, Environment.builder()
        .account(System.getenv("CDK_DEFAULT_ACCOUNT"))
        .region(System.getenv("CDK_DEFAULT_REGION"))
        .build());
    app.synth();
  }

  /** Builds the stacks into {@code app} with the settings of its context, and adds the nag checks. */
  public static BidSiftStacks build(App app, Environment environment) {
    // S3 server access logs through a bucket policy, not the legacy LogDeliveryWrite ACL, so the
    // log bucket can keep ACLs disabled (BucketOwnerEnforced)
    app.getNode().setContext("@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy", true);
    BidSiftStacks stacks = BidSiftStacks.create(app, Settings.fromContext(app.getNode(), environment));
    Aspects.of(app).add(AwsSolutionsChecks.Builder.create().verbose(true).build());
    return stacks;
  }
}
