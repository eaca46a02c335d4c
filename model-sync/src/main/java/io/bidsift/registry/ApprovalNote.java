package io.bidsift.registry;

/** The note given with an approval or rejection: optional, one line of text, bounded. */
final class ApprovalNote {

  private ApprovalNote() {
  }

  /** The note to store: null for none (null or blank), else trimmed; too long is an error. */
  static String normalize(String note) {
    if (note == null || note.isBlank()) {
      return null;
    }
    String trimmed = note.strip();
    if (trimmed.length() > ModelRegistry.MAX_NOTE_LENGTH) {
      throw new RegistryException("the note has " + trimmed.length() + " characters; at most "
          + ModelRegistry.MAX_NOTE_LENGTH + " are kept");
    }
    return trimmed;
  }
}
