package io.bidsift.openrtb;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import io.bidsift.json.JsonInputException;
import io.bidsift.json.JsonLimits;
import io.bidsift.json.JsonSupport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Parses and writes OpenRTB 2.x requests and responses. Thread-safe and immutable: build one
 * and share it.
 *
 * <p>Every failure on bad input is a {@link JsonInputException} whose message names the field
 * ({@code request.imp[0].banner.w must be an integer}); nothing else escapes for any input.
 * Parsing checks types, not OpenRTB rules: run {@link RequestValidator} for those.
 */
public final class OpenRtbCodec {

  private final JsonSupport requestJson;
  private final JsonSupport responseJson;
  private final RecordCodec<BidRequest> requests = RecordCodec.of(BidRequest.class);
  private final RecordCodec<BidResponse> responses = RecordCodec.of(BidResponse.class);

  public OpenRtbCodec() {
    this(JsonLimits.REQUEST, JsonLimits.RESPONSE);
  }

  public OpenRtbCodec(JsonLimits requestLimits, JsonLimits responseLimits) {
    this.requestJson = new JsonSupport(requestLimits);
    this.responseJson = new JsonSupport(responseLimits);
  }

  public JsonSupport requestJson() {
    return requestJson;
  }

  public BidRequest parseRequest(byte[] json) {
    return parseRequest(json, 0, json.length);
  }

  public BidRequest parseRequest(String json) {
    return parseRequest(json.getBytes(StandardCharsets.UTF_8));
  }

  public BidRequest parseRequest(byte[] json, int offset, int length) {
    return parseDocument(requestJson, requests, json, offset, length, "request");
  }

  public BidResponse parseResponse(byte[] json) {
    return parseDocument(responseJson, responses, json, 0, json.length, "response");
  }

  /**
   * Reads a request embedded in a larger document (an auction log line); the parser is on the
   * request's START_OBJECT. Errors are reported relative to {@code request}.
   */
  public BidRequest readRequest(JsonParser p) throws IOException {
    try {
      return requests.read(p);
    } catch (JsonInputException e) {
      throw e.atRoot("request");
    }
  }

  public void writeRequest(JsonGenerator g, BidRequest request) throws IOException {
    requests.write(g, request);
  }

  public byte[] writeRequest(BidRequest request) {
    return write(requestJson, requests, request);
  }

  public byte[] writeResponse(BidResponse response) {
    return write(responseJson, responses, response);
  }

  public void writeResponse(JsonGenerator g, BidResponse response) throws IOException {
    responses.write(g, response);
  }

  public String writeRequestAsString(BidRequest request) {
    return new String(writeRequest(request), StandardCharsets.UTF_8);
  }

  private static <R extends Record> R parseDocument(JsonSupport json, RecordCodec<R> codec,
      byte[] bytes, int offset, int length, String root) {
    try (JsonParser p = json.parser(bytes, offset, length)) {
      JsonToken first = p.nextToken();
      if (first == null) {
        throw new JsonInputException("is empty");
      }
      R value = codec.read(p);
      if (p.nextToken() != null) {
        throw new JsonInputException("has content after the end of the JSON object");
      }
      return value;
    } catch (JsonInputException e) {
      throw e.atRoot(root);
    } catch (IOException e) {
      throw JsonSupport.malformed(e).atRoot(root);
    }
  }

  private static <R extends Record> byte[] write(JsonSupport json, RecordCodec<R> codec, R value) {
    ByteArrayBuilder out = new ByteArrayBuilder(1024);
    try (JsonGenerator g = json.factory().createGenerator(out)) {
      codec.write(g, value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
