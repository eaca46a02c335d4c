package io.bidsift.json;

/**
 * Bounds on JSON input, enforced while parsing so a hostile body costs bounded memory and time.
 *
 * @param maxDocumentBytes largest accepted document, in bytes
 * @param maxDepth         deepest nesting of objects and arrays
 * @param maxStringLength  longest string value, in chars
 * @param maxNumberLength  longest number literal, in chars
 */
public record JsonLimits(int maxDocumentBytes, int maxDepth, int maxStringLength, int maxNumberLength) {

  /** OpenRTB requests: real ones are 1 to 20 KB; 512 KiB leaves room for large native and schain content. */
  public static final JsonLimits REQUEST = new JsonLimits(512 * 1024, 64, 128 * 1024, 64);

  /** DSP responses carry ad markup, which can be large. */
  public static final JsonLimits RESPONSE = new JsonLimits(2 * 1024 * 1024, 64, 1024 * 1024, 64);

  public JsonLimits {
    if (maxDocumentBytes <= 0 || maxDepth <= 0 || maxStringLength <= 0 || maxNumberLength <= 0) {
      throw new IllegalArgumentException("JSON limits must be positive");
    }
  }
}
