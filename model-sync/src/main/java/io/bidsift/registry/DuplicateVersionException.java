package io.bidsift.registry;

/** A model of the same version is already registered; versions are immutable once registered. */
public final class DuplicateVersionException extends RegistryException {

  private static final long serialVersionUID = 1L;

  public DuplicateVersionException(String version, String registry) {
    super("model version '" + version + "' is already registered in " + registry);
  }
}
