package io.bidsift.auction.fanout;

import io.bidsift.auction.callout.CalloutClient;
import io.bidsift.auction.callout.CalloutResult;
import io.bidsift.auction.callout.Endpoint;
import io.bidsift.auction.config.DspConfig;
import io.bidsift.json.JsonInputException;
import io.bidsift.openrtb.BidResponse;
import io.bidsift.openrtb.OpenRtbCodec;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Calls one DSP. Whatever the DSP does (hang, 500, truncated JSON, a huge body, a reset) ends as a
 * {@link DspAnswer} within the time given, never an exception.
 */
public final class DspClient {

  private final CalloutClient callouts;
  private final OpenRtbCodec codec;
  private final Map<String, Endpoint> endpoints = new HashMap<>();

  public DspClient(CalloutClient callouts, OpenRtbCodec codec, List<DspConfig> dsps) {
    this.callouts = callouts;
    this.codec = codec;
    for (DspConfig dsp : dsps) {
      Map<String, String> headers = new LinkedHashMap<>();
      headers.put("Content-Type", "application/json");
      headers.put("x-openrtb-version", dsp.openRtb().wire());
      if (dsp.gzip()) {
        headers.put("Content-Encoding", "gzip");
      }
      endpoints.put(dsp.id(), new Endpoint(dsp.id(), dsp.endpoint(), headers));
    }
  }

  /**
   * @param body   the request as this DSP must see it (version, tmax, gzip already applied)
   * @param answer called once, within the budget, on an event loop
   */
  public void call(DspConfig dsp, byte[] body, Duration budget, Consumer<DspAnswer> answer) {
    Endpoint endpoint = endpoints.get(dsp.id());
    if (endpoint == null) {
      throw new IllegalArgumentException("not a configured DSP: " + dsp.id());
    }
    callouts.post(endpoint, body, budget, result -> answer.accept(answer(result)));
  }

  private DspAnswer answer(CalloutResult result) {
    int latencyMs = (int) TimeUnit.NANOSECONDS.toMillis(result.latencyNanos());
    return switch (result.kind()) {
      case TIMEOUT -> DspAnswer.timeout(latencyMs);
      case TOO_LARGE -> DspAnswer.error("too_large", latencyMs);
      case FAILED -> DspAnswer.error("connection", latencyMs);
      case ANSWERED -> answered(result.status(), result.body(), latencyMs);
    };
  }

  private DspAnswer answered(int status, byte[] body, int latencyMs) {
    if (status == 204) {
      return DspAnswer.noBid(latencyMs);
    }
    if (status != 200) {
      return DspAnswer.error("http_" + status, latencyMs);
    }
    if (body.length == 0) {
      return DspAnswer.noBid(latencyMs);
    }
    try {
      return DspAnswer.responded(codec.parseResponse(body), latencyMs);
    } catch (JsonInputException e) {
      return DspAnswer.error("malformed", latencyMs);
    }
  }
}
