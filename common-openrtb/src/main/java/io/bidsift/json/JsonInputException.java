package io.bidsift.json;

/**
 * The one exception the JSON layer and the OpenRTB codec throw for bad input: malformed
 * JSON, a value of the wrong type, or input beyond {@link JsonLimits}. Its message names the
 * offending field by path, e.g. {@code request.imp[0].banner.w must be an integer}.
 */
public final class JsonInputException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final StringBuilder path = new StringBuilder();
  private final String reason;
  private String root = "";

  public JsonInputException(String reason) {
    super(reason, null, false, false);
    this.reason = reason;
  }

  /** Prepends one path segment ({@code .banner}, {@code [0]}) while the exception unwinds. */
  public JsonInputException within(String segment) {
    path.insert(0, segment);
    return this;
  }

  /** Names the document root ({@code request}, {@code response}); set once, at the top. */
  public JsonInputException atRoot(String rootName) {
    this.root = rootName;
    return this;
  }

  /** The path of the offending field, e.g. {@code request.imp[0].banner.w}. */
  public String path() {
    String p = path.length() > 0 && path.charAt(0) == '.' && root.isEmpty()
        ? path.substring(1) : path.toString();
    return root + p;
  }

  public String reason() {
    return reason;
  }

  @Override
  public String getMessage() {
    String p = path();
    return p.isEmpty() ? reason : p + " " + reason;
  }
}
