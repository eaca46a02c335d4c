package io.bidsift.infra;

import java.util.Map;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.cxapi.CloudAssembly;

/**
 * One synthesized BidSift app for every test class: starting jsii and synthesizing eight stacks
 * takes most of a minute, so it happens once per JVM (the holder idiom makes it lazy and
 * thread-safe; nothing is mutated after).
 */
final class SynthesizedApp {

  static final String ACCOUNT = "123456789012";
  static final String REGION = "eu-west-1";
  static final String CERTIFICATE = "arn:aws:acm:eu-west-1:123456789012:certificate/0f6a3c1e-demo";

  private SynthesizedApp() {
  }

  private static final class Holder {
    static final Synthesized INSTANCE = synthesize();
  }

  record Synthesized(App app, BidSiftStacks stacks, CloudAssembly assembly) {
    Template template(software.amazon.awscdk.Stack stack) {
      return Template.fromStack(stack);
    }
  }

  static Synthesized get() {
    return Holder.INSTANCE;
  }

  private static Synthesized synthesize() {
    App app = new App(AppProps.builder()
        .context(Map.of("imageTag", "1.2.3", "certificateArn", CERTIFICATE))
        .build());
    BidSiftStacks stacks = BidSiftApp.build(app, Environment.builder().account(ACCOUNT).region(REGION).build());
    return new Synthesized(app, stacks, app.synth());
  }
}
