package io.bidsift.training.emr;

import io.bidsift.cli.Reasons;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.emr.EmrClient;
import software.amazon.awssdk.services.emr.model.ActionOnFailure;
import software.amazon.awssdk.services.emr.model.FailureDetails;
import software.amazon.awssdk.services.emr.model.HadoopJarStepConfig;
import software.amazon.awssdk.services.emr.model.Step;
import software.amazon.awssdk.services.emr.model.StepConfig;

/**
 * Runs a Spark job (the preprocessing) as a step on a running EMR cluster: AddJobFlowSteps with
 * {@code command-runner.jar spark-submit --deploy-mode cluster ...}, then DescribeStep with
 * exponential backoff until the step reaches a final state or the timeout passes.
 *
 * <p>The EmrClient comes from the caller, built with the default HTTP client: with the SDK's
 * Netty client excluded from this module, that is the Apache client.
 */
public final class EmrStepSubmitter {

  /** Waits between polls; a parameter so tests can drive time instead of waiting for it. */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;
  }

  /** EMR's runner for commands installed on the cluster, such as spark-submit. */
  static final String COMMAND_RUNNER = "command-runner.jar";

  private final EmrClient emr;
  private final EmrStepConfig config;
  private final Clock clock;
  private final Sleeper sleeper;

  public EmrStepSubmitter(EmrClient emr, EmrStepConfig config, Clock clock, Sleeper sleeper) {
    this.emr = emr;
    this.config = config;
    this.clock = clock;
    this.sleeper = sleeper;
  }

  public EmrStepSubmitter(EmrClient emr, EmrStepConfig config) {
    this(emr, config, Clock.systemUTC(), d -> Thread.sleep(d.toMillis()));
  }

  /** Submits the step and waits for its final state; a failed step is an outcome, not an exception. */
  public StepOutcome run() {
    return await(submit());
  }

  /**
   * Adds the step to the cluster.
   *
   * @return the step id, {@code s-...}
   */
  public String submit() {
    StepConfig step = StepConfig.builder()
        .name(config.stepName())
        .actionOnFailure(ActionOnFailure.fromValue(config.actionOnFailure()))
        .hadoopJarStep(HadoopJarStepConfig.builder()
            .jar(COMMAND_RUNNER)
            .args(config.sparkSubmitCommand())
            .build())
        .build();
    try {
      return emr.addJobFlowSteps(b -> b.jobFlowId(config.clusterId()).steps(step)).stepIds().get(0);
    } catch (SdkException e) {
      throw new EmrStepException("could not add step '" + config.stepName() + "' to cluster " + config.clusterId()
          + ": " + Reasons.oneLine(e), e);
    }
  }

  /**
   * Polls the step until it reaches a final state.
   *
   * @throws EmrStepException when the timeout passes first (the step is left as it is), or
   *                          DescribeStep fails even after the SDK's retries
   */
  public StepOutcome await(String stepId) {
    Instant deadline = clock.instant().plus(config.timeout());
    Duration wait = config.pollInterval();
    while (true) {
      Step step = describe(stepId);
      StepState state = state(step, stepId);
      if (state.isTerminal()) {
        FailureDetails failure = step.status().failureDetails();
        return new StepOutcome(config.clusterId(), stepId, state,
            failure == null ? null : failure.reason(),
            failure == null ? null : failure.message(),
            failure == null ? null : failure.logFile());
      }
      Instant now = clock.instant();
      if (!now.isBefore(deadline)) {
        throw new EmrStepException("step " + stepId + " on cluster " + config.clusterId() + " is still " + state
            + " after " + config.timeout() + "; stopped waiting, the step was not cancelled");
      }
      // the last wait is cut short so the final look comes at the deadline, not after it
      sleep(min(wait, Duration.between(now, deadline)), stepId);
      wait = min(wait.multipliedBy(2), config.maxPollInterval());
    }
  }

  private Step describe(String stepId) {
    try {
      return emr.describeStep(b -> b.clusterId(config.clusterId()).stepId(stepId)).step();
    } catch (SdkException e) {
      throw new EmrStepException("could not read the state of step " + stepId + " on cluster " + config.clusterId()
          + " (it may still be running): " + Reasons.oneLine(e), e);
    }
  }

  private StepState state(Step step, String stepId) {
    String name = step.status() == null ? null : step.status().stateAsString();
    for (StepState s : StepState.values()) {
      if (s.name().equals(name)) {
        return s;
      }
    }
    throw new EmrStepException("step " + stepId + " on cluster " + config.clusterId() + " is in state '" + name
        + "', which this version does not know");
  }

  private void sleep(Duration wait, String stepId) {
    try {
      sleeper.sleep(wait);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EmrStepException("interrupted while waiting for step " + stepId + " on cluster "
          + config.clusterId() + "; the step was not cancelled", e);
    }
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
