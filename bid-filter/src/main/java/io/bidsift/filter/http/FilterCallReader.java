package io.bidsift.filter.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.bidsift.json.JsonInputException;
import io.bidsift.json.JsonSupport;
import io.bidsift.openrtb.BidRequest;
import io.bidsift.openrtb.OpenRtbCodec;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Reads a filter call in one streaming pass: the BidRequest goes straight into the OpenRTB model,
 * unknown members are skipped. Every problem is a {@link JsonInputException} whose message names
 * the member, e.g. {@code request.imp[0].banner.w must be an integer}.
 */
public final class FilterCallReader {

  /** More candidates than any exchange configures: a guard against a pathological body. */
  static final int MAX_DSPS = 1_000;

  private final OpenRtbCodec codec;

  public FilterCallReader(OpenRtbCodec codec) {
    this.codec = codec;
  }

  public FilterCall read(byte[] body, int length) {
    try (JsonParser p = codec.requestJson().parser(body, 0, length)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new JsonInputException("the body must be a JSON object with a request member");
      }
      BidRequest request = null;
      List<String> dsps = null;
      Instant ts = null;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken value = p.nextToken();
        switch (name) {
          case "request" -> {
            if (value != JsonToken.START_OBJECT) {
              throw new JsonInputException("request must be an object (an OpenRTB BidRequest)");
            }
            request = codec.readRequest(p);
          }
          case "dsps" -> dsps = value == JsonToken.VALUE_NULL ? null : dsps(p, value);
          case "ts" -> ts = value == JsonToken.VALUE_NULL ? null : ts(p, value);
          default -> p.skipChildren();
        }
      }
      if (p.nextToken() != null) {
        throw new JsonInputException("the body has content after its JSON object");
      }
      if (request == null) {
        throw new JsonInputException("request is required (an OpenRTB BidRequest object)");
      }
      return new FilterCall(request, dsps, ts);
    } catch (IOException e) {
      throw JsonSupport.malformed(e).atRoot("body");
    }
  }

  private static List<String> dsps(JsonParser p, JsonToken value) throws IOException {
    if (value != JsonToken.START_ARRAY) {
      throw new JsonInputException("dsps must be an array of DSP ids");
    }
    // Distinct, in the order asked: a DSP listed twice is still one callout.
    LinkedHashSet<String> out = new LinkedHashSet<>();
    int i = 0;
    for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken(), i++) {
      if (t != JsonToken.VALUE_STRING || p.getText().isEmpty()) {
        throw new JsonInputException("dsps[" + i + "] must be a non-empty string");
      }
      if (i >= MAX_DSPS) {
        throw new JsonInputException("dsps has more than " + MAX_DSPS + " entries");
      }
      out.add(p.getText());
    }
    return new ArrayList<>(out);
  }

  private static Instant ts(JsonParser p, JsonToken value) throws IOException {
    if (value != JsonToken.VALUE_STRING) {
      throw new JsonInputException("ts must be an ISO-8601 UTC time such as 2026-11-20T13:45:12.345Z");
    }
    try {
      return Instant.parse(p.getText());
    } catch (DateTimeParseException e) {
      throw new JsonInputException("ts must be an ISO-8601 UTC time such as 2026-11-20T13:45:12.345Z, was '"
          + p.getText() + "'");
    }
  }
}
