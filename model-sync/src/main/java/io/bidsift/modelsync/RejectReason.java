package io.bidsift.modelsync;

/** Why a published bundle was not swapped in; one counter each in {@link SyncCounters}. */
public enum RejectReason {
  /** The publication itself is malformed: an AppConfig document that is not the expected JSON. */
  INVALID_DOCUMENT,
  /** The downloaded tarball does not have the sha256 the document names. */
  CHECKSUM_MISMATCH,
  /** The bundle does not verify: a file altered or missing, a bad manifest, a corrupt or unsafe archive. */
  INVALID_BUNDLE,
  /** The bundle's manifest holds another version than the publication names. */
  VERSION_MISMATCH,
  /** The loader refused the bundle (e.g. the canary scores do not match, unsupported model). */
  LOAD_FAILED
}
