package io.bidsift.training.emr;

import io.bidsift.cli.Reasons;

/**
 * How a step ended.
 *
 * @param clusterId      the cluster
 * @param stepId         the step, {@code s-...}
 * @param state          a final state
 * @param failureReason  EMR's short failure reason when the step failed, else null
 * @param failureMessage EMR's failure message (often the exception in the driver), else null
 * @param logFile        where EMR found the failure (the step's stderr in S3), else null
 */
public record StepOutcome(String clusterId, String stepId, StepState state, String failureReason,
    String failureMessage, String logFile) {

  public boolean succeeded() {
    return state == StepState.COMPLETED;
  }

  /** One line for a person: {@code step s-1 on j-1 FAILED: reason: message (log: s3://...)}. */
  public String describe() {
    StringBuilder text = new StringBuilder("step ").append(stepId).append(" on ").append(clusterId).append(' ')
        .append(state);
    if (failureReason != null || failureMessage != null) {
      text.append(':');
      if (failureReason != null) {
        text.append(' ').append(failureReason);
      }
      if (failureMessage != null) {
        text.append(failureReason != null ? ": " : " ").append(Reasons.oneLine(failureMessage));
      }
    }
    if (logFile != null) {
      text.append(" (log: ").append(logFile).append(')');
    }
    return text.toString();
  }
}
