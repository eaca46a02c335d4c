package io.bidsift.simulator.generate;

/** A generation that cannot run or finish; the message is the one-line reason shown to the user. */
public final class GenerationException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public GenerationException(String message) {
    super(message);
  }

  public GenerationException(String message, Throwable cause) {
    super(message, cause);
  }
}
