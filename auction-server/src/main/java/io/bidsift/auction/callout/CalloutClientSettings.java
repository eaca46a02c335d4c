package io.bidsift.auction.callout;

import java.time.Duration;

/**
 * Limits of the callout client, per endpoint.
 *
 * @param maxConnections  open connections to one endpoint, over all event loops
 * @param maxWaiting      callouts to one endpoint that may wait for a busy connection (once no more may
 *                        be opened), over all event loops; beyond that a callout fails at once
 * @param connectTimeout  for opening a connection
 * @param maxResponseBytes an answer over this is cut off ({@link CalloutResult.Kind#TOO_LARGE})
 * @param lateAnswerGrace how long a connection whose callout timed out may keep waiting for the late
 *                        answer (then it is reused) before it is closed
 * @param maxIdle         an idle connection older than this is closed, before the peer's keep-alive
 *                        timeout can close it under a request
 */
public record CalloutClientSettings(int maxConnections, int maxWaiting, Duration connectTimeout,
                                    int maxResponseBytes, Duration lateAnswerGrace, Duration maxIdle) {

  public CalloutClientSettings {
    if (maxConnections < 1 || maxWaiting < 0 || maxResponseBytes < 1) {
      throw new IllegalArgumentException("maxConnections and maxResponseBytes must be positive, maxWaiting >= 0");
    }
    if (connectTimeout.isNegative() || connectTimeout.isZero() || lateAnswerGrace.isNegative()
        || maxIdle.isNegative() || maxIdle.isZero()) {
      throw new IllegalArgumentException("timeouts must be positive");
    }
  }

  /** Per-endpoint limits for DSP callouts and the bid filter. */
  public static CalloutClientSettings defaults(int maxResponseBytes) {
    return new CalloutClientSettings(1024, 4096, Duration.ofSeconds(1), maxResponseBytes, Duration.ofSeconds(2),
        Duration.ofSeconds(20));
  }

  int perLoop(int total, int loops) {
    return Math.max(1, (total + loops - 1) / loops);
  }
}
