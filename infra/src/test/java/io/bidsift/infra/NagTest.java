package io.bidsift.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.cxapi.SynthesisMessage;

class NagTest {

  @Test
  void appSynthesizesOfflineToOneTemplatePerStack() {
    var assembly = SynthesizedApp.get().assembly();
    assertThat(assembly.getStacks()).extracting(s -> s.getStackName()).containsExactlyInAnyOrder(
        "BidSift-Data", "BidSift-Images", "BidSift-Network", "BidSift-Ml", "BidSift-Config", "BidSift-Serve",
        "BidSift-Promotion", "BidSift-Ops");
    assertThat(assembly.getStacks()).allSatisfy(s -> assertThat(s.getTemplate()).isNotNull());
  }

  @Test
  void everyStackPassesAwsSolutionsChecksExceptJustifiedSuppressions() {
    List<String> findings = new ArrayList<>();
    for (Stack stack : SynthesizedApp.get().stacks().all()) {
      Annotations annotations = Annotations.fromStack(stack);
      for (SynthesisMessage m : annotations.findError("*", Match.stringLikeRegexp("AwsSolutions-.*"))) {
        findings.add("error " + m.getId() + ": " + m.getEntry().getData());
      }
      for (SynthesisMessage m : annotations.findWarning("*", Match.stringLikeRegexp("AwsSolutions-.*"))) {
        findings.add("warning " + m.getId() + ": " + m.getEntry().getData());
      }
    }
    assertThat(findings).isEmpty();
  }
}
