package io.bidsift.auction.http;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import io.bidsift.auction.AuctionResult;
import io.bidsift.auction.AuctionService;
import io.bidsift.auction.metrics.AuctionMetrics;
import io.bidsift.json.BoundedBody;
import io.bidsift.json.JsonInputException;
import io.bidsift.openrtb.BidRequest;
import io.bidsift.openrtb.OpenRtbCodec;
import io.bidsift.openrtb.OpenRtbUpconverter;
import io.bidsift.openrtb.RequestValidator;
import io.bidsift.serving.http.ClientErrors;
import io.bidsift.serving.http.LoadShedder;
import io.bidsift.serving.http.ShutdownDrain;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.BiFunction;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * {@code POST /openrtb2/auction} (contracts.md §4): 200 with a BidResponse, 204 when nobody bid,
 * 400 {@code {"errors": [...every problem...]}} for an invalid request, 413 for a body over the
 * request limit. Never a 5xx: a failure of our own is logged, counted
 * ({@code bidsift_internal_errors_total}) and answered 204, the answer a publisher handles anyway.
 * A client that hangs up mid-body or breaks HTTP framing is counted as a rejected request
 * ({@code bidsift_requests_rejected_total{reason="client_aborted" | "bad_framing"}}), not as our error.
 *
 * <p>Under overload ({@link LoadShedder}) a request is answered 204 before its body is read, with no
 * DSP called and nothing logged: it never became an auction. An admitted request's tmax counts from
 * when it was read, less the time it waited for its event loop. While the server shuts down
 * ({@link ShutdownDrain}) every answer closes its connection.
 *
 * <p>The body is read up to the codec's request limit and no further; parsing is bounded in
 * nesting and string sizes ({@code JsonLimits.REQUEST}). Once valid, the auction runs to its end
 * even when the caller hangs up, so every auction that started is logged.
 *
 * <p>A Reactor Netty route in front of Spring WebFlux (registered as a {@code NettyRouteProvider};
 * the actuator stays on WebFlux): WebFlux's dispatching, exchange and codec layers cost about a
 * fifth of the server's CPU per auction, for a path that needs none of them.
 */
public final class AuctionHandler implements BiFunction<HttpServerRequest, HttpServerResponse, Publisher<Void>> {

  private static final Logger LOG = LoggerFactory.getLogger(AuctionHandler.class);
  private static final String JSON = HttpHeaderValues.APPLICATION_JSON.toString();

  private final OpenRtbCodec codec;
  private final OpenRtbUpconverter upconverter;
  private final RequestValidator validator = new RequestValidator();
  private final AuctionService auctions;
  private final AuctionMetrics metrics;
  private final LoadShedder shedder;
  private final ShutdownDrain drain;
  private final Clock clock;
  private final int maxBodyBytes;

  public AuctionHandler(OpenRtbCodec codec, AuctionService auctions, AuctionMetrics metrics, LoadShedder shedder,
                        ShutdownDrain drain, Clock clock) {
    this.codec = codec;
    this.upconverter = new OpenRtbUpconverter(codec);
    this.auctions = auctions;
    this.metrics = metrics;
    this.shedder = shedder;
    this.drain = drain;
    this.clock = clock;
    this.maxBodyBytes = codec.requestJson().limits().maxDocumentBytes();
  }

  @Override
  public Publisher<Void> apply(HttpServerRequest request, HttpServerResponse response) {
    if (drain.draining()) {
      response.keepAlive(false);
    }
    long waited = shedder.waitedNanos();
    if (!shedder.admits(waited)) {
      return response.status(HttpResponseStatus.NO_CONTENT).send();
    }
    long startNanos = System.nanoTime() - waited;
    Instant ts = clock.instant();
    long declared = BoundedBody.declaredLength(request.requestHeaders().get(HttpHeaderNames.CONTENT_LENGTH));
    if (declared > maxBodyBytes) {
      return tooLarge(response);
    }
    return request.receive().asByteBuffer()
        .reduceWith(() -> new BoundedBody(maxBodyBytes, declared), BoundedBody::add)
        .flatMap(body -> framingRefused(response) ? Mono.<Void>empty() : handle(body.bytes(), ts, startNanos, response))
        .onErrorResume(BoundedBody.TooLarge.class, e -> tooLarge(response))
        .onErrorResume(e -> failed(e, response));
  }

  /**
   * Whether Reactor Netty has answered already: it refused the request's framing (a broken chunk)
   * and ended the body early, so what was read is cut short and not ours to answer.
   */
  private boolean framingRefused(HttpServerResponse response) {
    if (response.hasSentHeaders()) {
      metrics.rejected(ClientErrors.BAD_FRAMING);
      return true;
    }
    return false;
  }

  private Mono<Void> failed(Throwable e, HttpServerResponse response) {
    String clientError = ClientErrors.reason(e);
    if (clientError != null) {
      metrics.rejected(clientError);
      LOG.debug("request not complete ({}): {}", clientError, e.toString());
    } else {
      metrics.internalError();
      LOG.error("auction failed; answered 204", e);
    }
    // Reactor Netty answers broken framing itself, and nobody hears an answer to a client that hung up.
    return response.hasSentHeaders() || clientError != null ? Mono.empty()
        : response.status(HttpResponseStatus.NO_CONTENT).send();
  }

  private Mono<Void> handle(byte[] body, Instant ts, long startNanos, HttpServerResponse response) {
    BidRequest parsed;
    try {
      parsed = upconverter.upconvert(codec.parseRequest(body));
    } catch (JsonInputException e) {
      return badRequest(List.of(e.getMessage()), response);
    }
    List<String> problems = validator.validate(parsed);
    if (!problems.isEmpty()) {
      return badRequest(problems, response);
    }
    // toFuture subscribes now and fromFuture(.., true) ignores the caller's cancel: the auction
    // (bounded by tmax) finishes and is logged even if the publisher hangs up.
    return Mono.fromFuture(auctions.run(parsed, ts, startNanos).toFuture(), true)
        .flatMap(result -> answer(result, response));
  }

  private Mono<Void> answer(AuctionResult result, HttpServerResponse response) {
    if (result.response() == null) {
      return response.status(HttpResponseStatus.NO_CONTENT).send().then();
    }
    return json(response, HttpResponseStatus.OK, codec.writeResponse(result.response()));
  }

  private Mono<Void> badRequest(List<String> problems, HttpServerResponse response) {
    metrics.rejected("invalid");
    return json(response, HttpResponseStatus.BAD_REQUEST, errors(problems));
  }

  private Mono<Void> tooLarge(HttpServerResponse response) {
    metrics.rejected("too_large");
    return json(response, HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE,
        errors(List.of("request is too large: the limit is " + maxBodyBytes + " bytes")));
  }

  // No Content-Length of our own: Reactor Netty sets it for a single buffer.
  private static Mono<Void> json(HttpServerResponse response, HttpResponseStatus status, byte[] body) {
    return response.status(status)
        .header(HttpHeaderNames.CONTENT_TYPE, JSON)
        .sendByteArray(Mono.just(body))
        .then();
  }

  private byte[] errors(List<String> problems) {
    ByteArrayBuilder out = new ByteArrayBuilder(256);
    try (JsonGenerator g = codec.requestJson().factory().createGenerator(out)) {
      g.writeStartObject();
      g.writeArrayFieldStart("errors");
      for (String p : problems) {
        g.writeString(p);
      }
      g.writeEndArray();
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
