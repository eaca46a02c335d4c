package io.bidsift.registry;

/** The registry holds no model of the requested version. */
public final class UnknownVersionException extends RegistryException {

  private static final long serialVersionUID = 1L;

  public UnknownVersionException(String version, String registry) {
    super("no model version '" + version + "' in " + registry);
  }
}
