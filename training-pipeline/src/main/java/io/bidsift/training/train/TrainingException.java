package io.bidsift.training.train;

/** Training cannot go on; the message is the one-line reason the CLI prints. */
public final class TrainingException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public TrainingException(String message) {
    super(message);
  }

  public TrainingException(String message, Throwable cause) {
    super(message, cause);
  }
}
