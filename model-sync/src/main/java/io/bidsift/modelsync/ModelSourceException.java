package io.bidsift.modelsync;

/**
 * The source could not be reached or read: AppConfig or S3 down, throttling, a disk error. Not a
 * verdict on the bundle; {@link ModelSync} keeps serving and retries with backoff. The message is
 * one line fit for a log.
 */
public final class ModelSourceException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public ModelSourceException(String message) {
    super(message);
  }

  public ModelSourceException(String message, Throwable cause) {
    super(message, cause);
  }
}
