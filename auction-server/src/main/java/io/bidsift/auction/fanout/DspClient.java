package io.bidsift.auction.fanout;

import io.bidsift.auction.config.DspConfig;
import io.bidsift.json.JsonInputException;
import io.bidsift.openrtb.BidResponse;
import io.bidsift.openrtb.OpenRtbCodec;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

/**
 * Calls one DSP over the shared, pooled keep-alive client. Whatever the DSP does (hang, 500,
 * truncated JSON, a huge body, a reset) ends as a {@link DspAnswer} within the time given: the
 * returned Mono never errors and never outlives its budget.
 */
public final class DspClient {

  private final HttpClient http;
  private final OpenRtbCodec codec;
  private final int maxResponseBytes;

  public DspClient(HttpClient http, OpenRtbCodec codec, int maxResponseBytes) {
    this.http = http;
    this.codec = codec;
    this.maxResponseBytes = maxResponseBytes;
  }

  /** @param body the request as this DSP must see it (version, tmax, gzip already applied) */
  public Mono<DspAnswer> call(DspConfig dsp, byte[] body, Duration budget) {
    return Mono.defer(() -> {
      long start = System.nanoTime();
      return http.post().uri(dsp.endpoint())
          .send((request, out) -> {
            request.requestHeaders()
                .set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
                .set("x-openrtb-version", dsp.openRtb().wire());
            if (dsp.gzip()) {
              request.requestHeaders().set(HttpHeaderNames.CONTENT_ENCODING, HttpHeaderValues.GZIP);
            }
            return out.send(Mono.just(Unpooled.wrappedBuffer(body)));
          })
          // response(..) hands the connection back to the pool once the body is consumed (keep-alive);
          // an error (too large) drops it instead.
          .response((response, content) -> {
            int status = response.status().code();
            if (status != 200) {
              return content.then(Mono.just(Raw.of(status, null)));
            }
            String declared = response.responseHeaders().get(HttpHeaderNames.CONTENT_LENGTH);
            if (declared != null && parseLength(declared) > maxResponseBytes) {
              return Mono.error(new ResponseTooLarge());
            }
            return content
                .reduceWith(() -> new ByteArrayOutputStream(4096), this::append)
                .map(out -> Raw.of(status, out.toByteArray()));
          })
          .next()
          .map(raw -> answer(raw, millisSince(start)))
          .timeout(budget)
          .onErrorResume(e -> Mono.just(failure(e, millisSince(start))));
    });
  }

  private ByteArrayOutputStream append(ByteArrayOutputStream out, ByteBuf chunk) {
    if (out.size() + (long) chunk.readableBytes() > maxResponseBytes) {
      throw new ResponseTooLarge();
    }
    byte[] bytes = new byte[chunk.readableBytes()];
    chunk.readBytes(bytes);
    out.writeBytes(bytes);
    return out;
  }

  private DspAnswer answer(Raw raw, int latencyMs) {
    if (raw.status() == 204) {
      return DspAnswer.noBid(latencyMs);
    }
    if (raw.status() != 200) {
      return DspAnswer.error("http_" + raw.status(), latencyMs);
    }
    if (raw.body().length == 0) {
      return DspAnswer.noBid(latencyMs);
    }
    try {
      BidResponse response = codec.parseResponse(raw.body());
      return DspAnswer.responded(response, latencyMs);
    } catch (JsonInputException e) {
      return DspAnswer.error("malformed", latencyMs);
    }
  }

  private static DspAnswer failure(Throwable e, int latencyMs) {
    if (e instanceof TimeoutException) {
      return DspAnswer.timeout(latencyMs);
    }
    if (e instanceof ResponseTooLarge) {
      return DspAnswer.error("too_large", latencyMs);
    }
    return DspAnswer.error("connection", latencyMs);
  }

  private static long parseLength(String text) {
    try {
      return Long.parseLong(text.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static int millisSince(long startNanos) {
    return (int) TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
  }

  private record Raw(int status, byte[] body) {
    static Raw of(int status, byte[] body) {
      return new Raw(status, body);
    }
  }

  /** Thrown inside the response pipeline to abort reading (and drop the connection). */
  private static final class ResponseTooLarge extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ResponseTooLarge() {
      super("DSP response over the size limit", null, false, false);
    }
  }
}
