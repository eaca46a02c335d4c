package io.bidsift.json;

import java.math.BigDecimal;

/** A JSON number as written; {@code 1.10} stays {@code 1.10}. */
public record JsonNumber(String text) implements JsonValue {

  public static JsonNumber of(long value) {
    return new JsonNumber(Long.toString(value));
  }

  public static JsonNumber of(double value) {
    return new JsonNumber(Double.toString(value));
  }

  public BigDecimal decimal() {
    return new BigDecimal(text);
  }

  public double doubleValue() {
    return Double.parseDouble(text);
  }

  /** The value as an int when it is a whole number in int range, else null. */
  public Integer intValueExact() {
    try {
      return decimal().intValueExact();
    } catch (ArithmeticException | NumberFormatException e) {
      return null;
    }
  }
}
