package io.bidsift.auction.http;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import io.bidsift.auction.AuctionResult;
import io.bidsift.auction.AuctionService;
import io.bidsift.auction.metrics.AuctionMetrics;
import io.bidsift.json.JsonInputException;
import io.bidsift.openrtb.BidRequest;
import io.bidsift.openrtb.OpenRtbCodec;
import io.bidsift.openrtb.OpenRtbUpconverter;
import io.bidsift.openrtb.RequestValidator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * {@code POST /openrtb2/auction} (contracts.md §4): 200 with a BidResponse, 204 when nobody bid,
 * 400 {@code {"errors": [...every problem...]}} for an invalid request, 413 for a body over the
 * request limit. Never a 5xx: a failure of our own is logged, counted
 * ({@code bidsift_internal_errors_total}) and answered 204, the answer a publisher handles anyway.
 *
 * <p>The body is read up to the codec's request limit and no further; parsing is bounded in
 * nesting and string sizes ({@code JsonLimits.REQUEST}). Once valid, the auction runs to its end
 * even when the caller hangs up, so every auction that started is logged.
 */
public final class AuctionHandler {

  private static final Logger LOG = LoggerFactory.getLogger(AuctionHandler.class);

  private final OpenRtbCodec codec;
  private final OpenRtbUpconverter upconverter;
  private final RequestValidator validator = new RequestValidator();
  private final AuctionService auctions;
  private final AuctionMetrics metrics;
  private final Clock clock;
  private final int maxBodyBytes;

  public AuctionHandler(OpenRtbCodec codec, AuctionService auctions, AuctionMetrics metrics, Clock clock) {
    this.codec = codec;
    this.upconverter = new OpenRtbUpconverter(codec);
    this.auctions = auctions;
    this.metrics = metrics;
    this.clock = clock;
    this.maxBodyBytes = codec.requestJson().limits().maxDocumentBytes();
  }

  public Mono<ServerResponse> auction(ServerRequest request) {
    long startNanos = System.nanoTime();
    Instant ts = clock.instant();
    long declared = request.headers().contentLength().orElse(-1);
    if (declared > maxBodyBytes) {
      return tooLarge();
    }
    return DataBufferUtils.join(request.exchange().getRequest().getBody(), maxBodyBytes)
        .map(AuctionHandler::bytesOf)
        .defaultIfEmpty(new byte[0])
        .flatMap(body -> handle(body, ts, startNanos))
        .onErrorResume(DataBufferLimitException.class, e -> tooLarge())
        .onErrorResume(e -> {
          metrics.internalError();
          LOG.error("auction failed; answered 204", e);
          return ServerResponse.noContent().build();
        });
  }

  private Mono<ServerResponse> handle(byte[] body, Instant ts, long startNanos) {
    BidRequest parsed;
    try {
      parsed = upconverter.upconvert(codec.parseRequest(body));
    } catch (JsonInputException e) {
      return badRequest(List.of(e.getMessage()));
    }
    List<String> problems = validator.validate(parsed);
    if (!problems.isEmpty()) {
      return badRequest(problems);
    }
    // toFuture subscribes now and fromFuture(.., true) ignores the caller's cancel: the auction
    // (bounded by tmax) finishes and is logged even if the publisher hangs up.
    return Mono.fromFuture(auctions.run(parsed, ts, startNanos).toFuture(), true)
        .flatMap(this::answer);
  }

  private Mono<ServerResponse> answer(AuctionResult result) {
    if (result.response() == null) {
      return ServerResponse.noContent().build();
    }
    return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON)
        .bodyValue(codec.writeResponse(result.response()));
  }

  private Mono<ServerResponse> badRequest(List<String> problems) {
    metrics.rejected("invalid");
    return ServerResponse.badRequest().contentType(MediaType.APPLICATION_JSON).bodyValue(errors(problems));
  }

  private Mono<ServerResponse> tooLarge() {
    metrics.rejected("too_large");
    return ServerResponse.status(HttpStatus.CONTENT_TOO_LARGE).contentType(MediaType.APPLICATION_JSON)
        .bodyValue(errors(List.of("request is too large: the limit is " + maxBodyBytes + " bytes")));
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

  private static byte[] bytesOf(DataBuffer buffer) {
    try {
      byte[] bytes = new byte[buffer.readableByteCount()];
      buffer.read(bytes);
      return bytes;
    } finally {
      DataBufferUtils.release(buffer);
    }
  }
}
