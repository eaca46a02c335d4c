package io.bidsift.simulator.fleet;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** The bodies of the faulty answers. */
final class FleetResponses {

  /** Bigger than any response limit an exchange should accept (contracts cap responses well below this). */
  static final int OVERSIZED_BYTES = 2 * 1024 * 1024;

  private FleetResponses() {
  }

  /** Starts like a bid response and stops mid-object, so no JSON parser accepts it. */
  static byte[] malformed(String requestId) {
    return ("{\"id\":\"" + escape(requestId) + "\",\"seatbid\":[{\"bid\":[{\"id\":\"1\",\"price\":")
        .getBytes(StandardCharsets.UTF_8);
  }

  /** A syntactically valid response padded with an ext string to {@link #OVERSIZED_BYTES}. */
  static byte[] oversized(String requestId) {
    byte[] head = ("{\"id\":\"" + escape(requestId) + "\",\"ext\":{\"padding\":\"").getBytes(StandardCharsets.UTF_8);
    byte[] tail = "\"}}".getBytes(StandardCharsets.UTF_8);
    byte[] body = new byte[OVERSIZED_BYTES];
    Arrays.fill(body, (byte) 'x');
    System.arraycopy(head, 0, body, 0, head.length);
    System.arraycopy(tail, 0, body, body.length - tail.length, tail.length);
    return body;
  }

  private static String escape(String s) {
    return s == null ? "" : s.replace("\\", "\\\\").replace("\"", "\\\"");
  }
}
