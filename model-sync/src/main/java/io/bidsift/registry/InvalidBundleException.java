package io.bidsift.registry;

/** A model bundle is malformed or its files do not match the sha256 sums in its manifest. */
public final class InvalidBundleException extends RegistryException {

  private static final long serialVersionUID = 1L;

  public InvalidBundleException(String message) {
    super(message);
  }
}
