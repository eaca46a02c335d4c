package io.bidsift.training.emr;

/** A step could not be submitted, or its final state could not be learned in time. */
public final class EmrStepException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public EmrStepException(String message, Throwable cause) {
    super(message, cause);
  }

  public EmrStepException(String message) {
    super(message);
  }
}
