package io.bidsift.auctionlog;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import io.bidsift.json.JsonInputException;
import io.bidsift.json.JsonLimits;
import io.bidsift.json.JsonSupport;
import io.bidsift.openrtb.BidRequest;
import io.bidsift.openrtb.OpenRtbCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Encodes and decodes one line of the auction log, format v1 (contracts.md §1). Thread-safe and
 * immutable: build one around the shared {@link OpenRtbCodec} and share it.
 *
 * <p>Decoding ignores unknown fields at every level (the request keeps its own in
 * {@code unknown}, so re-encoding preserves them) and unknown {@code skip} reasons, and rejects anything else that does not fit
 * the format with a {@link JsonInputException} naming the field, e.g.
 * {@code callouts[2].outcome is not one of bid, no_bid, timeout, error, filtered}. Only the
 * jackson-core 2.15 streaming API is used, so Spark executors can call {@link #decode} per line.
 */
public final class AuctionLogCodec {

  /** Room for the callouts and the line's own fields beyond the largest accepted request. */
  private static final int LINE_OVERHEAD_BYTES = 256 * 1024;
  private static final String OUTCOME_NAMES = "bid, no_bid, timeout, error, filtered";
  private static final int MAX_QUOTED_VALUE = 40;

  private final OpenRtbCodec openRtb;
  private final JsonSupport lineJson;

  public AuctionLogCodec(OpenRtbCodec openRtb) {
    this.openRtb = openRtb;
    JsonLimits request = openRtb.requestJson().limits();
    // The request sits one level below the line's root object.
    this.lineJson = new JsonSupport(new JsonLimits(request.maxDocumentBytes() + LINE_OVERHEAD_BYTES,
        request.maxDepth() + 1, request.maxStringLength(), request.maxNumberLength()));
  }

  /** The longest line {@link #decode} accepts, in bytes. */
  public int maxLineBytes() {
    return lineJson.limits().maxDocumentBytes();
  }

  /**
   * One line of UTF-8 JSON without the terminating newline (JSON escapes newlines in strings, so
   * the bytes never contain one). {@code ts} is written with millisecond precision.
   *
   * @throws IllegalArgumentException when a score or price is NaN or infinite (JSON has no such number)
   */
  public byte[] encode(AuctionRecord record) {
    ByteArrayBuilder out = new ByteArrayBuilder(2048);
    try (JsonGenerator g = lineJson.factory().createGenerator(out)) {
      write(g, record);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  public String encodeAsString(AuctionRecord record) {
    return new String(encode(record), StandardCharsets.UTF_8);
  }

  /** Writes the record as one JSON object into a generator the caller owns. */
  public void write(JsonGenerator g, AuctionRecord record) throws IOException {
    g.writeStartObject();
    g.writeNumberField("v", AuctionRecord.FORMAT_VERSION);
    g.writeStringField("ts", LogTimestamp.format(record.ts()));
    g.writeFieldName("request");
    openRtb.writeRequest(g, record.request());
    g.writeStringField("model", record.model());
    g.writeArrayFieldStart("callouts");
    List<Callout> callouts = record.callouts();
    for (int i = 0; i < callouts.size(); i++) {
      writeCallout(g, callouts.get(i), i);
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  private static void writeCallout(JsonGenerator g, Callout c, int index) throws IOException {
    g.writeStartObject();
    g.writeStringField("dsp", c.dsp());
    g.writeBooleanField("sent", c.sent());
    g.writeBooleanField("explore", c.explore());
    writeNullableNumber(g, "score", c.score(), index);
    g.writeStringField("outcome", c.outcome().wire());
    writeNullableNumber(g, "price", c.price(), index);
    g.writeFieldName("latency_ms");
    if (c.latencyMs() == null) {
      g.writeNull();
    } else {
      g.writeNumber(c.latencyMs().intValue());
    }
    if (c.skip() != null) {
      g.writeStringField("skip", c.skip().wire());
    }
    g.writeEndObject();
  }

  private static void writeNullableNumber(JsonGenerator g, String name, Double value, int index)
      throws IOException {
    g.writeFieldName(name);
    if (value == null) {
      g.writeNull();
    } else if (!Double.isFinite(value)) {
      throw new IllegalArgumentException("callouts[" + index + "]." + name + " must be finite, was " + value);
    } else {
      g.writeNumber(value.doubleValue());
    }
  }

  public AuctionRecord decode(String line) {
    byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
    return decode(bytes, 0, bytes.length);
  }

  /**
   * Decodes the line in {@code bytes[offset, offset+length)} (without its newline).
   *
   * @throws JsonInputException when the line is not a v1 auction record; the message names the field
   */
  public AuctionRecord decode(byte[] bytes, int offset, int length) {
    if (length > maxLineBytes()) {
      throw new JsonInputException("line is too large: " + length + " bytes, the limit is " + maxLineBytes());
    }
    try (JsonParser p = lineJson.factory().createParser(bytes, offset, length)) {
      JsonToken first = p.nextToken();
      if (first == null) {
        throw new JsonInputException("line is empty");
      }
      if (first != JsonToken.START_OBJECT) {
        throw new JsonInputException("line must be a JSON object");
      }
      AuctionRecord record = readLine(p);
      if (p.nextToken() != null) {
        throw new JsonInputException("line has content after the end of the JSON object");
      }
      return record;
    } catch (IOException e) {
      throw new JsonInputException("line " + JsonSupport.malformed(e).reason());
    }
  }

  private AuctionRecord readLine(JsonParser p) throws IOException {
    boolean versionSeen = false;
    Instant ts = null;
    BidRequest request = null;
    String model = null;
    List<Callout> callouts = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken t = p.nextToken();
      try {
        switch (name) {
          case "v" -> {
            if (t != JsonToken.VALUE_NUMBER_INT || p.getNumberType() != JsonParser.NumberType.INT
                || p.getIntValue() != AuctionRecord.FORMAT_VERSION) {
              throw new JsonInputException("must be " + AuctionRecord.FORMAT_VERSION + ", was " + quote(p));
            }
            versionSeen = true;
          }
          case "ts" -> ts = readTimestamp(p, t);
          case "request" -> {
            if (t != JsonToken.START_OBJECT) {
              throw new JsonInputException("must be an object");
            }
            request = openRtb.readRequest(p);
          }
          case "model" -> model = readNullableString(p, t);
          case "callouts" -> callouts = readCallouts(p, t);
          default -> p.skipChildren();
        }
      } catch (JsonInputException e) {
        // readRequest already names its root ("request.imp[0]..."), so only our own fields get a segment.
        throw name.equals("request") && !e.path().isEmpty() ? e : e.within("." + name);
      }
    }
    requirePresent(versionSeen, "v");
    requirePresent(ts != null, "ts");
    requirePresent(request != null, "request");
    requirePresent(callouts != null, "callouts");
    return new AuctionRecord(ts, request, model, callouts);
  }

  private static Instant readTimestamp(JsonParser p, JsonToken t) throws IOException {
    if (t != JsonToken.VALUE_STRING) {
      throw new JsonInputException("must be a string");
    }
    String text = p.getText();
    try {
      return LogTimestamp.parse(text);
    } catch (DateTimeException e) {
      throw new JsonInputException("is not an ISO-8601 UTC timestamp: " + quote(p));
    }
  }

  private static List<Callout> readCallouts(JsonParser p, JsonToken t) throws IOException {
    if (t != JsonToken.START_ARRAY) {
      throw new JsonInputException("must be an array");
    }
    List<Callout> callouts = new ArrayList<>();
    for (int i = 0; p.nextToken() != JsonToken.END_ARRAY; i++) {
      try {
        callouts.add(readCallout(p));
      } catch (JsonInputException e) {
        throw e.within("[" + i + "]");
      }
    }
    return callouts;
  }

  private static Callout readCallout(JsonParser p) throws IOException {
    if (p.currentToken() != JsonToken.START_OBJECT) {
      throw new JsonInputException("must be an object");
    }
    String dsp = null;
    Boolean sent = null;
    Boolean explore = null;
    Double score = null;
    Outcome outcome = null;
    Double price = null;
    Integer latencyMs = null;
    SkipReason skip = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken t = p.nextToken();
      try {
        switch (name) {
          case "dsp" -> {
            if (t != JsonToken.VALUE_STRING) {
              throw new JsonInputException("must be a string");
            }
            dsp = p.getText();
          }
          case "sent" -> sent = readBoolean(t);
          case "explore" -> explore = readBoolean(t);
          case "score" -> score = readNullableDouble(p, t);
          case "outcome" -> outcome = readOutcome(p, t);
          case "price" -> price = readNullableDouble(p, t);
          case "latency_ms" -> latencyMs = readNullableInt(p, t);
          case "skip" -> skip = readSkip(p, t);
          default -> p.skipChildren();
        }
      } catch (JsonInputException e) {
        throw e.within("." + name);
      }
    }
    requirePresent(dsp != null, "dsp");
    requirePresent(sent != null, "sent");
    requirePresent(explore != null, "explore");
    requirePresent(outcome != null, "outcome");
    // A skip on a sent callout contradicts the format; like an unknown value, it is ignored, not fatal.
    return new Callout(dsp, sent, explore, score, outcome, price, latencyMs, sent ? null : skip);
  }

  /** An unknown reason (a newer writer's) reads as absent: readers ignore what they do not know. */
  private static SkipReason readSkip(JsonParser p, JsonToken t) throws IOException {
    if (t == JsonToken.VALUE_STRING) {
      return SkipReason.fromWire(p.getText());
    }
    p.skipChildren();
    return null;
  }

  private static Outcome readOutcome(JsonParser p, JsonToken t) throws IOException {
    Outcome outcome = t == JsonToken.VALUE_STRING ? Outcome.fromWire(p.getText()) : null;
    if (outcome == null) {
      throw new JsonInputException("is not one of " + OUTCOME_NAMES + ": " + quote(p));
    }
    return outcome;
  }

  private static boolean readBoolean(JsonToken t) {
    if (t == JsonToken.VALUE_TRUE) {
      return true;
    } else if (t == JsonToken.VALUE_FALSE) {
      return false;
    }
    throw new JsonInputException("must be a boolean");
  }

  private static String readNullableString(JsonParser p, JsonToken t) throws IOException {
    if (t == JsonToken.VALUE_NULL) {
      return null;
    } else if (t == JsonToken.VALUE_STRING) {
      return p.getText();
    }
    throw new JsonInputException("must be a string or null");
  }

  private static Double readNullableDouble(JsonParser p, JsonToken t) throws IOException {
    if (t == JsonToken.VALUE_NULL) {
      return null;
    } else if (t != JsonToken.VALUE_NUMBER_INT && t != JsonToken.VALUE_NUMBER_FLOAT) {
      throw new JsonInputException("must be a number or null");
    }
    double d = p.getDoubleValue();
    if (Double.isInfinite(d)) {
      throw new JsonInputException("is out of range: " + p.getText());
    }
    return d;
  }

  private static Integer readNullableInt(JsonParser p, JsonToken t) throws IOException {
    if (t == JsonToken.VALUE_NULL) {
      return null;
    } else if (t != JsonToken.VALUE_NUMBER_INT) {
      throw new JsonInputException("must be an integer or null");
    } else if (p.getNumberType() != JsonParser.NumberType.INT) {
      throw new JsonInputException("is out of range: " + p.getText());
    }
    return p.getIntValue();
  }

  private static void requirePresent(boolean present, String field) {
    if (!present) {
      throw new JsonInputException("is missing").within("." + field);
    }
  }

  /** The current value as it appeared, shortened: the reason names the bad value, not a whole object. */
  private static String quote(JsonParser p) throws IOException {
    JsonToken t = p.currentToken();
    if (t == JsonToken.START_OBJECT) {
      return "an object";
    } else if (t == JsonToken.START_ARRAY) {
      return "an array";
    }
    String text = p.getText();
    if (text.length() > MAX_QUOTED_VALUE) {
      text = text.substring(0, MAX_QUOTED_VALUE) + "...";
    }
    return t == JsonToken.VALUE_STRING ? '"' + text + '"' : text;
  }
}
