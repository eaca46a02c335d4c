package io.bidsift.modelsync;

/** A promotion could not be done; the message is one line fit for {@code bidsift promote: ...}. */
public final class PromotionException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public PromotionException(String message) {
    super(message);
  }

  public PromotionException(String message, Throwable cause) {
    super(message, cause);
  }
}
