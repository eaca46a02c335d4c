package io.bidsift.bundle;

/** A bundle that must not be used: a file missing, altered, or a manifest that does not parse. */
public final class BundleVerificationException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public BundleVerificationException(String message) {
    super(message);
  }

  public BundleVerificationException(String message, Throwable cause) {
    super(message, cause);
  }
}
