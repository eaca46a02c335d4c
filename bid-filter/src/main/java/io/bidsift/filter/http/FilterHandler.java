package io.bidsift.filter.http;

import io.bidsift.filter.decide.AuctionFilter;
import io.bidsift.filter.decide.FilterMetrics;
import io.bidsift.filter.decide.FilterResult;
import io.bidsift.filter.model.ModelHolder;
import io.bidsift.filter.model.ServingModel;
import io.bidsift.json.JsonInputException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.BodyExtractors;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * {@code POST /v1/filter}. A client's mistake is a 400 naming it (413 for an oversized body); a
 * failure of ours answers every DSP called (fail open) rather than a 5xx, because a filter
 * problem must never cost an auction its bids.
 */
public final class FilterHandler {

  private static final Logger log = LoggerFactory.getLogger(FilterHandler.class);
  private static final byte[] EMPTY = new byte[0];

  private final FilterCallReader reader;
  private final FilterResultWriter writer;
  private final AuctionFilter filter;
  private final ModelHolder models;
  private final FilterMetrics metrics;
  private final int maxBodyBytes;

  public FilterHandler(FilterCallReader reader, FilterResultWriter writer, AuctionFilter filter, ModelHolder models,
      FilterMetrics metrics, int maxBodyBytes) {
    this.reader = reader;
    this.writer = writer;
    this.filter = filter;
    this.models = models;
    this.metrics = metrics;
    this.maxBodyBytes = maxBodyBytes;
  }

  public Mono<ServerResponse> filter(ServerRequest request) {
    if (request.headers().contentLength().orElse(-1) > maxBodyBytes) {
      return tooLarge();
    }
    return DataBufferUtils.join(request.body(BodyExtractors.toDataBuffers()), maxBodyBytes)
        .map(FilterHandler::bytes)
        .defaultIfEmpty(EMPTY)
        .flatMap(this::answer)
        .onErrorResume(DataBufferLimitException.class, e -> tooLarge());
  }

  private Mono<ServerResponse> answer(byte[] body) {
    if (body.length == 0) {
      return badRequest("the body is empty; expected {\"request\": {...OpenRTB BidRequest...}}");
    }
    FilterCall call;
    try {
      call = reader.read(body, body.length);
    } catch (JsonInputException e) {
      return badRequest(e.getMessage());
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
    return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(writer.write(result));
  }

  private Mono<ServerResponse> badRequest(String error) {
    return ServerResponse.badRequest().contentType(MediaType.APPLICATION_JSON)
        .bodyValue(writer.errors(List.of(error)));
  }

  private Mono<ServerResponse> tooLarge() {
    return ServerResponse.status(HttpStatus.CONTENT_TOO_LARGE).contentType(MediaType.APPLICATION_JSON)
        .bodyValue(writer.errors(List.of("the body is larger than " + maxBodyBytes + " bytes")));
  }

  private static byte[] bytes(DataBuffer buffer) {
    try {
      byte[] bytes = new byte[buffer.readableByteCount()];
      buffer.read(bytes);
      return bytes;
    } finally {
      DataBufferUtils.release(buffer);
    }
  }
}
