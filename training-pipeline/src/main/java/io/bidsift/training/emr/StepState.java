package io.bidsift.training.emr;

/** The states of an EMR step (the EMR API's StepState), split into waiting and final ones. */
public enum StepState {
  PENDING(false),
  CANCEL_PENDING(false),
  RUNNING(false),
  COMPLETED(true),
  CANCELLED(true),
  FAILED(true),
  INTERRUPTED(true);

  private final boolean terminal;

  StepState(boolean terminal) {
    this.terminal = terminal;
  }

  /** Whether the step will not change state any more. */
  public boolean isTerminal() {
    return terminal;
  }
}
