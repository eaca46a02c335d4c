package io.bidsift.auction.config;

import java.net.URI;
import java.util.Objects;

/**
 * One DSP the auction server may call.
 *
 * @param id              DSP id: in the logs, the bid filter's decisions and the metrics
 * @param endpoint        absolute http(s) URL of its OpenRTB endpoint
 * @param openRtb         the version it speaks
 * @param qps             most callouts per second, 0 for no cap
 * @param tmaxDeductionMs taken off the time left for this DSP (its network distance): it is told,
 *                        and given, that much less than the auction has left
 * @param pretargeting    what it buys at all
 * @param enabled         false keeps it configured but never a candidate
 * @param gzip            send request bodies gzipped ({@code Content-Encoding: gzip})
 */
public record DspConfig(String id, URI endpoint, OpenRtbVersion openRtb, int qps, int tmaxDeductionMs,
                        Pretargeting pretargeting, boolean enabled, boolean gzip) {

  public DspConfig {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(openRtb, "openRtb");
    Objects.requireNonNull(pretargeting, "pretargeting");
  }

  public DspConfig withQps(int newQps) {
    return new DspConfig(id, endpoint, openRtb, newQps, tmaxDeductionMs, pretargeting, enabled, gzip);
  }
}
