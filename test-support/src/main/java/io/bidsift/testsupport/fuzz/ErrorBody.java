package io.bidsift.testsupport.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** The services' 4xx body, {@code {"errors": ["...", ...]}}: at least one message, none empty. */
public final class ErrorBody {

  private ErrorBody() {
  }

  /** @return what is wrong with the body, null when it names the problem as it must */
  public static String problem(byte[] body) {
    String text = new String(body, StandardCharsets.UTF_8);
    Object parsed;
    try {
      parsed = JsonText.parse(body);
    } catch (IllegalArgumentException e) {
      return "the error body is not JSON (" + e.getMessage() + "): " + text;
    }
    if (!(parsed instanceof JsonText.Obj o) || o.members().size() != 1 || !o.members().get(0).name().equals("errors")
        || !(o.members().get(0).value() instanceof List<?> errors) || errors.isEmpty()
        || !errors.stream().allMatch(e -> e instanceof String s && !s.isBlank())) {
      return "the error body is not {\"errors\": [\"...\"]}: " + text;
    }
    return null;
  }
}
