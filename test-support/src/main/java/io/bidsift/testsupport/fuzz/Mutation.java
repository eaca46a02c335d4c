package io.bidsift.testsupport.fuzz;

import java.nio.charset.StandardCharsets;

/**
 * One request body the generator made; the same seed and index make the same bytes again.
 *
 * @param index       its number in the run
 * @param kind        what was done
 * @param wrapper     for the filter: the change hit the {@code {"request": ..., "dsps": [...]}} wrapper
 *                    rather than the request inside it
 * @param contentType the Content-Type header to send, null for none
 * @param body        the bytes to send
 * @param detail      where and how, for a failure report
 */
public record Mutation(int index, MutationKind kind, boolean wrapper, String contentType, byte[] body,
                       String detail) {

  public String label() {
    return kind.name().toLowerCase() + (wrapper ? "@wrapper" : "");
  }

  /** The first bytes of the body, printable, for a failure report. */
  public String preview(int max) {
    String text = new String(body, 0, Math.min(max, body.length), StandardCharsets.ISO_8859_1);
    StringBuilder out = new StringBuilder();
    for (char c : text.toCharArray()) {
      out.append(c >= 0x20 && c < 0x7f ? String.valueOf(c) : String.format("\\x%02x", (int) c));
    }
    return out + (body.length > max ? "... (" + body.length + " bytes)" : "");
  }
}
