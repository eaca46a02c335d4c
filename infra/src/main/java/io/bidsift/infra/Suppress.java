package io.bidsift.infra;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import java.util.List;
import software.constructs.IConstruct;

/** One cdk-nag suppression with its reason, on a construct and its children. */
public final class Suppress {

  private Suppress() {
  }

  public static void rule(IConstruct construct, String ruleId, String reason) {
    NagSuppressions.addResourceSuppressions(construct,
        List.of(NagPackSuppression.builder().id(ruleId).reason(reason).build()), true);
  }

  /** Suppresses a rule only for the findings named (e.g. one wildcard resource of a policy). */
  public static void findings(IConstruct construct, String ruleId, List<String> appliesTo, String reason) {
    NagSuppressions.addResourceSuppressions(construct,
        List.of(NagPackSuppression.builder().id(ruleId).appliesTo(List.copyOf(appliesTo)).reason(reason).build()), true);
  }
}
