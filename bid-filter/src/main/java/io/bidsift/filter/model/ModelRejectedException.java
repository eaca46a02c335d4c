package io.bidsift.filter.model;

/**
 * A bundle that must not serve, with a one-line reason for the log and a short kind for the
 * rejection metric ({@code canary}, {@code model}, {@code feature_spec}, {@code bundle}).
 */
public final class ModelRejectedException extends RuntimeException {

  private final String kind;

  public ModelRejectedException(String kind, String message) {
    super(message);
    this.kind = kind;
  }

  public String kind() {
    return kind;
  }
}
