package io.bidsift.registry;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Where trained model bundles wait for approval and from where approved ones are promoted.
 * A port with two adapters that pass the same contract test ({@code ModelRegistryContract}):
 * {@link LocalModelRegistry} (a directory, the embedded default) and {@link SageMakerModelRegistry}.
 *
 * <p>A bundle is a directory with {@code manifest.json} at its root listing every other file
 * with its sha256 ({@link ModelBundle}). The registry checks those sums when a bundle is
 * registered and again when it is fetched, so a bundle that changed anywhere on the way is refused.
 */
public interface ModelRegistry extends AutoCloseable {

  /** Longest approval or rejection note (SageMaker's limit for ApprovalDescription). */
  int MAX_NOTE_LENGTH = 1024;

  /**
   * Verifies the bundle and registers it as {@link ApprovalStatus#PENDING}.
   *
   * @throws InvalidBundleException     when the bundle is malformed or a file does not match its sha256
   * @throws DuplicateVersionException  when the version is already registered
   */
  RegisteredModel register(Path bundleDir);

  /** Every registered version, oldest registration first. */
  List<RegisteredModel> list();

  Optional<RegisteredModel> find(String version);

  /**
   * Sets a version's approval status, with the note and the time of the change.
   *
   * @throws UnknownVersionException when the version is not registered
   */
  RegisteredModel setStatus(String version, ApprovalStatus status, String note);

  /** @throws UnknownVersionException when the version is not registered */
  default RegisteredModel approve(String version, String note) {
    return setStatus(version, ApprovalStatus.APPROVED, note);
  }

  /** @throws UnknownVersionException when the version is not registered */
  default RegisteredModel reject(String version, String note) {
    return setStatus(version, ApprovalStatus.REJECTED, note);
  }

  /** The most recently approved version (see {@link RegisteredModel#BY_STATUS_CHANGE}), if any. */
  default Optional<RegisteredModel> latestApproved() {
    return list().stream()
        .filter(m -> m.status() == ApprovalStatus.APPROVED)
        .max(RegisteredModel.BY_STATUS_CHANGE);
  }

  /**
   * Copies the bundle of a version to {@code targetDir} (which must not exist, or be empty) and
   * verifies every file against the manifest; a bundle that does not verify is not left there.
   *
   * @return {@code targetDir}, holding the verified bundle
   * @throws UnknownVersionException when the version is not registered
   * @throws InvalidBundleException  when the stored bundle does not verify
   */
  Path fetch(String version, Path targetDir);

  /** Names this registry in messages, e.g. {@code local:/srv/registry}. */
  String describe();

  /** Releases the connections of an adapter that opened them; a no-op for the others. */
  @Override
  default void close() {
  }
}
