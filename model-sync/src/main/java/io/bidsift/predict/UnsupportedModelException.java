package io.bidsift.predict;

/**
 * A model {@link XgbPredictor} cannot score exactly as XGBoost would: malformed JSON, or a feature
 * it does not implement (categorical splits, multi-class or multi-target output, an objective
 * other than logistic, a booster other than gbtree). Thrown at load, never while predicting; the
 * message is one line naming what is wrong, with a JSON path where one applies.
 */
public final class UnsupportedModelException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  public UnsupportedModelException(String message) {
    super(message);
  }

  public UnsupportedModelException(String message, Throwable cause) {
    super(message, cause);
  }
}
