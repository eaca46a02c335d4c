package io.bidsift.registry;

/**
 * A registry operation could not be done. The message is one line that says what and why, fit
 * to be shown as is by a command ({@code bidsift register: ...}).
 */
public class RegistryException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public RegistryException(String message) {
    super(message);
  }

  public RegistryException(String message, Throwable cause) {
    super(message, cause);
  }
}
