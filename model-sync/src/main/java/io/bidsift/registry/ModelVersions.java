package io.bidsift.registry;

import io.bidsift.bundle.BundleManifest;

/** The registry's check of a model version before it becomes a key or a path; the rule is {@link BundleManifest}'s. */
public final class ModelVersions {

  private ModelVersions() {
  }

  /**
   * @return {@code version}
   * @throws RegistryException when it is not a model version ({@link BundleManifest#VERSION_RULE})
   */
  public static String requireValid(String version) {
    if (!BundleManifest.isValidVersion(version)) {
      throw new RegistryException("'" + version + "' is not a model version (" + BundleManifest.VERSION_RULE + ")");
    }
    return version;
  }
}
