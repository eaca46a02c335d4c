package io.bidsift.filter.http;

import io.bidsift.filter.decide.AuctionFilter;
import io.bidsift.filter.decide.FilterMetrics;
import io.bidsift.filter.decide.FilterResult;
import io.bidsift.filter.model.ModelHolder;
import io.bidsift.filter.model.ServingModel;
import io.bidsift.json.BoundedBody;
import io.bidsift.json.JsonInputException;
import io.bidsift.serving.http.ClientErrors;
import io.bidsift.serving.http.LoadShedder;
import io.bidsift.serving.http.ShutdownDrain;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.List;
import java.util.function.BiFunction;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * {@code POST /v1/filter}. A client's mistake is a 400 naming it (413 for an oversized body); a
 * failure of ours answers every DSP called (fail open) rather than a 5xx, because a filter
 * problem must never cost an auction its bids.
 *
 * <p>A Reactor Netty route ahead of Spring WebFlux (a {@code NettyRouteProvider}; the other
 * endpoints and the actuator stay on WebFlux): WebFlux's dispatching, exchange and codec layers
 * were most of the service's CPU per call, several times the scoring itself.
 *
 * <p>Under overload ({@link LoadShedder}) a call is answered 503 at once, before its body is read:
 * the auction server then fails open straight away instead of waiting out its budget for an answer
 * that would come too late.
 */
public final class FilterHandler implements BiFunction<HttpServerRequest, HttpServerResponse, Publisher<Void>> {

  private static final Logger log = LoggerFactory.getLogger(FilterHandler.class);
  private static final String JSON = HttpHeaderValues.APPLICATION_JSON.toString();

  private final FilterCallReader reader;
  private final FilterResultWriter writer;
  private final AuctionFilter filter;
  private final ModelHolder models;
  private final FilterMetrics metrics;
  private final LoadShedder shedder;
  private final ShutdownDrain drain;
  private final int maxBodyBytes;

  public FilterHandler(FilterCallReader reader, FilterResultWriter writer, AuctionFilter filter, ModelHolder models,
      FilterMetrics metrics, LoadShedder shedder, ShutdownDrain drain, int maxBodyBytes) {
    this.reader = reader;
    this.writer = writer;
    this.filter = filter;
    this.models = models;
    this.metrics = metrics;
    this.shedder = shedder;
    this.drain = drain;
    this.maxBodyBytes = maxBodyBytes;
  }

  @Override
  public Publisher<Void> apply(HttpServerRequest request, HttpServerResponse response) {
    if (drain.draining()) {
      response.keepAlive(false);   // shutting down: the client's next call goes to another instance
    }
    if (!shedder.admits(shedder.waitedNanos())) {
      return json(response, HttpResponseStatus.SERVICE_UNAVAILABLE,
          writer.errors(List.of("overloaded: the call would be answered too late; fail open")));
    }
    long declared = BoundedBody.declaredLength(request.requestHeaders().get(HttpHeaderNames.CONTENT_LENGTH));
    if (declared > maxBodyBytes) {
      return tooLarge(response);
    }
    return request.receive().asByteBuffer()
        .reduceWith(() -> new BoundedBody(maxBodyBytes, declared), BoundedBody::add)
        .flatMap(body -> framingRefused(response) ? Mono.<Void>empty() : answer(body.bytes(), response))
        .onErrorResume(BoundedBody.TooLarge.class, e -> tooLarge(response))
        .onErrorResume(e -> failed(e, response));
  }

  /**
   * Whether Reactor Netty has answered already: it refused the call's framing (a broken chunk) and
   * ended the body early, so what was read is cut short and not ours to answer.
   */
  private boolean framingRefused(HttpServerResponse response) {
    if (response.hasSentHeaders()) {
      metrics.clientError(ClientErrors.BAD_FRAMING);
      return true;
    }
    return false;
  }

  private Mono<Void> failed(Throwable e, HttpServerResponse response) {
    String clientError = ClientErrors.reason(e);
    if (clientError == null) {
      log.error("reading a filter call failed", e);
      metrics.failedOpen("error");
      return response.hasSentHeaders() ? Mono.empty() : json(response, HttpResponseStatus.OK,
          writer.write(FilterResult.failOpen(models.current() != null ? models.current().dsps() : List.of(), false,
              false)));
    }
    metrics.clientError(clientError);
    log.debug("call not complete ({}): {}", clientError, e.toString());
    // Reactor Netty answers broken framing itself, and nobody hears an answer to a client that hung up.
    return Mono.empty();
  }

  private Mono<Void> answer(byte[] body, HttpServerResponse response) {
    if (body.length == 0) {
      return badRequest("the body is empty; expected {\"request\": {...OpenRTB BidRequest...}}", response);
    }
    FilterCall call;
    try {
      call = reader.read(body, body.length);
    } catch (JsonInputException e) {
      return badRequest(e.getMessage(), response);
    }
    FilterResult result;
    try {
      result = filter.decide(call.request(), call.dsps(), call.ts());
    } catch (RuntimeException e) {
      log.error("scoring request {} failed; every DSP is called for it", call.request().id(), e);
      metrics.failedOpen("error");
      ServingModel model = models.current();
      List<String> dsps = call.dsps() != null ? call.dsps() : model != null ? model.dsps() : List.of();
      result = FilterResult.failOpen(dsps, false, false);
    }
    return json(response, HttpResponseStatus.OK, writer.write(result));
  }

  private Mono<Void> badRequest(String error, HttpServerResponse response) {
    return json(response, HttpResponseStatus.BAD_REQUEST, writer.errors(List.of(error)));
  }

  private Mono<Void> tooLarge(HttpServerResponse response) {
    return json(response, HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE,
        writer.errors(List.of("the body is larger than " + maxBodyBytes + " bytes")));
  }

  // No Content-Length of our own: Reactor Netty sets it for a single buffer.
  private Mono<Void> json(HttpServerResponse response, HttpResponseStatus status, byte[] body) {
    metrics.answered(status.code());
    return response.status(status)
        .header(HttpHeaderNames.CONTENT_TYPE, JSON)
        .sendByteArray(Mono.just(body))
        .then();
  }
}
