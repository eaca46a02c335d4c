package io.bidsift.simulator.fleet;

import java.util.Arrays;
import java.util.Locale;

/** How a simulated DSP misbehaves, for the exchange's reliability tests. */
public enum FaultMode {
  /** Answers as the behaviour model decides. */
  NONE,
  /** Answers as decided, but only well after the request's tmax. */
  SLOW,
  /** Answers HTTP 500. */
  HTTP500,
  /** Answers 200 with a body that is not valid JSON. */
  MALFORMED,
  /** Answers 200 with a body far larger than any sane response limit. */
  OVERSIZED,
  /** Resets the connection (SO_LINGER 0) instead of answering. */
  RESET;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static FaultMode parse(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    for (FaultMode m : values()) {
      if (m.wire().equals(t)) {
        return m;
      }
    }
    throw new IllegalArgumentException("unknown fault mode '" + text + "' (one of "
        + String.join("|", Arrays.stream(values()).map(FaultMode::wire).toList()) + ")");
  }
}
