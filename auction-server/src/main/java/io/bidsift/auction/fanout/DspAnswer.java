package io.bidsift.auction.fanout;

import io.bidsift.openrtb.BidResponse;

/**
 * What one DSP callout came to.
 *
 * @param status    how it ended
 * @param response  the parsed response when {@code status} is {@link Status#RESPONDED}, else null
 * @param latencyMs from sending to the answer (or to giving up)
 * @param error     why, for {@link Status#ERROR}: {@code http_500}, {@code malformed}, {@code too_large},
 *                  {@code connection}, ...; else null
 */
public record DspAnswer(Status status, BidResponse response, int latencyMs, String error) {

  public enum Status { RESPONDED, NO_BID, TIMEOUT, ERROR }

  public static DspAnswer responded(BidResponse response, int latencyMs) {
    return new DspAnswer(Status.RESPONDED, response, latencyMs, null);
  }

  public static DspAnswer noBid(int latencyMs) {
    return new DspAnswer(Status.NO_BID, null, latencyMs, null);
  }

  public static DspAnswer timeout(int latencyMs) {
    return new DspAnswer(Status.TIMEOUT, null, latencyMs, null);
  }

  public static DspAnswer error(String reason, int latencyMs) {
    return new DspAnswer(Status.ERROR, null, latencyMs, reason);
  }
}
