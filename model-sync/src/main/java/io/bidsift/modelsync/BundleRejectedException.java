package io.bidsift.modelsync;

import java.util.Objects;

/**
 * A published bundle that must not be served. Unlike {@link ModelSourceException} this is a
 * verdict: the same publication is not fetched again until it changes.
 */
public final class BundleRejectedException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final RejectReason reason;

  public BundleRejectedException(RejectReason reason, String message) {
    super(message);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  public BundleRejectedException(RejectReason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  public RejectReason reason() {
    return reason;
  }
}
