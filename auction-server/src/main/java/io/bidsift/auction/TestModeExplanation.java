package io.bidsift.auction;

import io.bidsift.auction.config.DspConfig;
import io.bidsift.auction.filter.FilterVerdict;
import io.bidsift.auction.health.DspHealthGate;
import io.bidsift.json.JsonArray;
import io.bidsift.json.JsonBoolean;
import io.bidsift.json.JsonNull;
import io.bidsift.json.JsonNumber;
import io.bidsift.json.JsonObject;
import io.bidsift.json.JsonString;
import io.bidsift.json.JsonValue;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The response {@code ext} of a test request ({@code test: 1}): every configured DSP's fate in the
 * auction, with why.
 *
 * <pre>
 * "ext": {"bidsift": {
 *   "model": "20261129T055110Z-ccd4a2", "filter": "ok",
 *   "dsps": {
 *     "dsp-atlas": {"fate": "won", "score": 0.31, "explore": false, "latency_ms": 41, "price": 2.1},
 *     "dsp-flux": {"fate": "filtered", "score": 0.002, "explore": false},
 *     "dsp-recall": {"fate": "below_floor", "latency_ms": 33, "price": 0.4,
 *                    "reasons": ["response.seatbid[0].bid[0].price 0.4 is below request.imp[0].bidfloor 0.5"]},
 *     "dsp-eurobid": {"fate": "not_targeted"},
 *     "dsp-nimbus": {"fate": "throttled", "explore": false, "health": "throttled", "error_rate": 100.0},
 *     "dsp-quasar": {"fate": "error", "explore": false, "health": "probe", "error_rate": 95.0, "latency_ms": 2,
 *                    "error": "http 500"}}}}
 * </pre>
 * {@code filter} is {@code ok} or why every candidate was called (timeout, circuit_open, disabled, ...).
 * {@code health} is there only for a DSP throttled for failing: {@code throttled} (not called) or
 * {@code probe} (called in its probe share); {@code error_rate} is the % of errors and timeouts its
 * throttle judged then, absent while too few calls were judged.
 */
final class TestModeExplanation {

  private TestModeExplanation() {
  }

  static JsonObject of(FilterVerdict verdict, List<CalloutState> states, List<DspConfig> dsps) {
    Map<String, CalloutState> byDsp = new HashMap<>();
    for (CalloutState s : states) {
      byDsp.put(s.dsp.id(), s);
    }
    Map<String, JsonValue> perDsp = new LinkedHashMap<>();
    for (DspConfig dsp : dsps) {
      CalloutState s = byDsp.get(dsp.id());
      perDsp.put(dsp.id(), s == null ? fate(DspFate.NOT_TARGETED) : explain(s));
    }
    Map<String, JsonValue> bidsift = new LinkedHashMap<>();
    bidsift.put("model", verdict.model() == null ? JsonNull.INSTANCE : new JsonString(verdict.model()));
    bidsift.put("filter", new JsonString(verdict.failedOpen() ? verdict.failure() : "ok"));
    bidsift.put("dsps", new JsonObject(perDsp));
    return new JsonObject(Map.of("bidsift", new JsonObject(bidsift)));
  }

  private static JsonObject fate(DspFate fate) {
    return new JsonObject(Map.of("fate", new JsonString(fate.wire())));
  }

  private static JsonObject explain(CalloutState s) {
    Map<String, JsonValue> m = new LinkedHashMap<>();
    m.put("fate", new JsonString(s.fate.wire()));
    if (s.score() != null) {
      m.put("score", JsonNumber.of(s.score()));
    }
    m.put("explore", JsonBoolean.of(s.explored()));
    if (s.health != null && s.health != DspHealthGate.Admission.CALL) {
      m.put("health", new JsonString(s.health == DspHealthGate.Admission.PROBE ? "probe" : "throttled"));
      if (s.failureRate >= 0) {
        m.put("error_rate", JsonNumber.of(s.failureRate));
      }
    }
    if (s.sent) {
      m.put("latency_ms", JsonNumber.of(s.answer.latencyMs()));
      if (s.answer.error() != null) {
        m.put("error", new JsonString(s.answer.error()));
      }
    }
    if (s.bidPrice != null) {
      m.put("price", JsonNumber.of(s.bidPrice));
    }
    if (!s.problems.isEmpty()) {
      List<JsonValue> reasons = new ArrayList<>(s.problems.size());
      for (String p : s.problems) {
        reasons.add(new JsonString(p));
      }
      m.put("reasons", new JsonArray(reasons));
    }
    return new JsonObject(m);
  }
}
