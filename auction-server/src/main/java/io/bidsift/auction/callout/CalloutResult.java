package io.bidsift.auction.callout;

/**
 * How one callout ended.
 *
 * @param kind      answered, or why not
 * @param status    the HTTP status when answered, else 0
 * @param body      the answer's body when answered (possibly empty), else null
 * @param latencyNanos from the call to its end
 */
public record CalloutResult(Kind kind, int status, byte[] body, long latencyNanos) {

  public enum Kind {
    /** An HTTP answer arrived in full, whatever its status. */
    ANSWERED,
    /** No answer within the budget (waiting for a connection, connecting, or waiting for the answer). */
    TIMEOUT,
    /** The answer was over the size limit: it was not read further and its connection was closed. */
    TOO_LARGE,
    /** Refused, reset, closed early, not HTTP, or more callouts waiting for this endpoint than allowed. */
    FAILED
  }

  static CalloutResult answered(int status, byte[] body, long latencyNanos) {
    return new CalloutResult(Kind.ANSWERED, status, body, latencyNanos);
  }

  static CalloutResult of(Kind kind, long latencyNanos) {
    return new CalloutResult(kind, 0, null, latencyNanos);
  }
}
