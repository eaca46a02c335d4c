package io.bidsift.training.preprocess;

/**
 * The input cannot be turned into a training set (no logs, no labelled callouts, too few days).
 * The message is one line, meant to be shown as is: {@code bidsift: <message>}.
 */
public final class PreprocessException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public PreprocessException(String oneLineReason) {
    super(oneLineReason);
  }

  public PreprocessException(String oneLineReason, Throwable cause) {
    super(oneLineReason, cause);
  }
}
