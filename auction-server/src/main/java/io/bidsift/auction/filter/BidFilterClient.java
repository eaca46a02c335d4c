package io.bidsift.auction.filter;

import com.fasterxml.jackson.core.JsonParser;
import io.bidsift.auction.callout.CalloutClient;
import io.bidsift.auction.callout.CalloutResult;
import io.bidsift.auction.callout.Endpoint;
import io.bidsift.json.JsonArray;
import io.bidsift.json.JsonBoolean;
import io.bidsift.json.JsonInputException;
import io.bidsift.json.JsonLimits;
import io.bidsift.json.JsonNull;
import io.bidsift.json.JsonNumber;
import io.bidsift.json.JsonObject;
import io.bidsift.json.JsonString;
import io.bidsift.json.JsonSupport;
import io.bidsift.json.JsonValue;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import reactor.core.publisher.Mono;

/**
 * Asks the bid filter (contracts.md §3, {@code POST {filter}/v1/filter}) which candidates to call.
 * Fails open: a slow (over the time budget), failing, non-200 or nonsensical answer, or an open
 * circuit breaker, gives {@link FilterVerdict#failOpen} with the reason, and the auction calls every
 * candidate. The returned Mono never errors.
 */
public final class BidFilterClient {

  private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
      .withZone(ZoneOffset.UTC);
  private static final Duration PROBE_BUDGET_FLOOR = Duration.ofMillis(500);
  private static final JsonSupport JSON = new JsonSupport(new JsonLimits(1024 * 1024, 16, 4096, 64));

  private final CalloutClient callouts;
  private final Endpoint endpoint;
  private final Duration budget;
  private final FilterBreaker breaker;

  /** The filter gets an endpoint, and so connection pools, of its own: it must not queue behind DSP callouts. */
  public BidFilterClient(CalloutClient callouts, URI filterBase, Duration budget, FilterBreaker breaker) {
    this.callouts = callouts;
    String base = filterBase.toString();
    this.endpoint = new Endpoint("bid-filter",
        URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/v1/filter"),
        Map.of("Content-Type", "application/json"));
    this.budget = budget;
    this.breaker = breaker;
  }

  public FilterBreaker breaker() {
    return breaker;
  }

  /**
   * @param requestJson the (up-converted) BidRequest as JSON
   * @param dsps        candidate ids (validated ids: no JSON escaping needed)
   * @param ts          the auction's time
   */
  public Mono<FilterVerdict> filter(byte[] requestJson, List<String> dsps, Instant ts) {
    FilterBreaker.Permit permit = breaker.acquire();
    if (permit == FilterBreaker.Permit.REJECTED) {
      return Mono.just(FilterVerdict.failOpen("circuit_open"));
    }
    byte[] body = body(requestJson, dsps, ts);
    if (permit == FilterBreaker.Permit.PROBE) {
      // The probe runs beside the auction, with a generous budget: a filter that is merely cold (a
      // fresh JVM compiling its hot path) answers a probe in tens of milliseconds, and judged by the
      // auction's few-millisecond budget it would fail every probe and stay cut off for good.
      call(body, probeBudget()).subscribe(this::record, e -> breaker.onFailure());
      return Mono.just(FilterVerdict.failOpen("circuit_open"));
    }
    return call(body, budget)
        .doOnNext(this::record)
        // A cancelled auction (client gone) counts as a failure, like a timeout would have.
        .doOnCancel(breaker::onFailure);
  }

  private Duration probeBudget() {
    Duration generous = budget.multipliedBy(20);
    return generous.compareTo(PROBE_BUDGET_FLOOR) < 0 ? PROBE_BUDGET_FLOOR : generous;
  }

  private void record(FilterVerdict verdict) {
    if (verdict.failedOpen()) {
      breaker.onFailure();
    } else {
      breaker.onSuccess();
    }
  }

  private Mono<FilterVerdict> call(byte[] body, Duration timeout) {
    return callouts.post(endpoint, body, timeout).map(BidFilterClient::verdict);
  }

  private static FilterVerdict verdict(CalloutResult result) {
    return switch (result.kind()) {
      case TIMEOUT -> FilterVerdict.failOpen("timeout");
      case TOO_LARGE, FAILED -> FilterVerdict.failOpen("error");
      case ANSWERED -> result.status() == 200 ? parse(result.body()) : FilterVerdict.failOpen("http_" + result.status());
    };
  }

  static byte[] body(byte[] requestJson, List<String> dsps, Instant ts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(requestJson.length + 32 * dsps.size() + 64);
    out.writeBytes("{\"request\":".getBytes(StandardCharsets.US_ASCII));
    out.writeBytes(requestJson);
    StringBuilder rest = new StringBuilder(",\"dsps\":[");
    for (int i = 0; i < dsps.size(); i++) {
      rest.append(i == 0 ? "\"" : ",\"").append(dsps.get(i)).append('"');
    }
    rest.append("],\"ts\":\"").append(TS.format(ts)).append("\"}");
    out.writeBytes(rest.toString().getBytes(StandardCharsets.US_ASCII));
    return out.toByteArray();
  }

  /** The filter's 200 body, or a fail-open verdict ("garbage") when it does not have the §3 shape. */
  static FilterVerdict parse(byte[] body) {
    JsonValue tree;
    try (JsonParser p = JSON.parser(body, 0, body.length)) {
      p.nextToken();
      tree = JsonSupport.readTree(p);
    } catch (IOException | JsonInputException e) {
      return FilterVerdict.failOpen("garbage");
    }
    if (!(tree instanceof JsonObject root) || !(root.get("decisions") instanceof JsonArray decisions)) {
      return FilterVerdict.failOpen("garbage");
    }
    JsonValue model = root.get("model");
    if (model != null && !(model instanceof JsonString) && !(model instanceof JsonNull)) {
      return FilterVerdict.failOpen("garbage");
    }
    Map<String, FilterDecision> byDsp = new HashMap<>();
    for (JsonValue element : decisions.elements()) {
      FilterDecision d = decision(element);
      if (d == null) {
        return FilterVerdict.failOpen("garbage");
      }
      byDsp.put(d.dsp(), d);
    }
    return new FilterVerdict(model instanceof JsonString s ? s.value() : null, byDsp, null);
  }

  private static FilterDecision decision(JsonValue element) {
    if (!(element instanceof JsonObject o) || !(o.get("dsp") instanceof JsonString dsp)
        || !(o.get("call") instanceof JsonBoolean call)) {
      return null;
    }
    JsonValue explore = o.get("explore");
    if (explore != null && !(explore instanceof JsonBoolean)) {
      return null;
    }
    Double score = number(o.get("score"));
    Double threshold = number(o.get("threshold"));
    if ((o.get("score") != null && !(o.get("score") instanceof JsonNull) && score == null)
        || (o.get("threshold") != null && !(o.get("threshold") instanceof JsonNull) && threshold == null)) {
      return null;
    }
    return new FilterDecision(dsp.value(), score, threshold, call.value(),
        explore instanceof JsonBoolean b && b.value());
  }

  private static Double number(JsonValue v) {
    if (v instanceof JsonNumber n) {
      double d = n.doubleValue();
      return Double.isFinite(d) ? d : null;
    }
    return null;
  }
}
