package io.bidsift.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON layer: jackson-core's streaming parser and generator only. Everything here uses
 * API present since jackson-core 2.15, the version Spark 3.5 ships, so the same jar runs in
 * Spring Boot 4 services (which bring a newer 2.x core beside Jackson 3) and in Spark executors.
 */
public final class JsonSupport {

  private final JsonFactory factory;
  private final JsonLimits limits;

  public JsonSupport(JsonLimits limits) {
    this.limits = limits;
    this.factory = new JsonFactoryBuilder()
        .streamReadConstraints(StreamReadConstraints.builder()
            .maxNestingDepth(limits.maxDepth())
            .maxStringLength(limits.maxStringLength())
            .maxNumberLength(limits.maxNumberLength())
            .build())
        .build();
  }

  public JsonLimits limits() {
    return limits;
  }

  public JsonFactory factory() {
    return factory;
  }

  /** Opens a parser over a whole document after checking its size and its UTF-8. */
  public JsonParser parser(byte[] bytes, int offset, int length) {
    if (length > limits.maxDocumentBytes()) {
      throw new JsonInputException("is too large: " + length + " bytes, the limit is "
          + limits.maxDocumentBytes());
    }
    int invalid = Utf8.firstInvalid(bytes, offset, length);
    if (invalid >= 0) {
      throw new JsonInputException("is not valid UTF-8: ill-formed byte sequence at byte " + (invalid - offset)
          + " (0x" + Integer.toHexString(bytes[invalid] & 0xff) + ")");
    }
    try {
      return factory.createParser(bytes, offset, length);
    } catch (IOException e) {
      throw malformed(e);
    }
  }

  /** Reads one value (the parser is on its first token) into a tree. */
  public static JsonValue readTree(JsonParser p) throws IOException {
    JsonToken t = p.currentToken();
    if (t == null) {
      throw new JsonInputException("is empty");
    }
    switch (t) {
      case START_OBJECT: {
        Map<String, JsonValue> members = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String name = p.getCurrentName();
          p.nextToken();
          try {
            members.put(name, readTree(p));
          } catch (JsonInputException e) {
            throw e.within("." + name);
          }
        }
        return members.isEmpty() ? JsonObject.EMPTY : new JsonObject(members);
      }
      case START_ARRAY: {
        List<JsonValue> elements = new ArrayList<>();
        int i = 0;
        while (p.nextToken() != JsonToken.END_ARRAY) {
          try {
            elements.add(readTree(p));
          } catch (JsonInputException e) {
            throw e.within("[" + i + "]");
          }
          i++;
        }
        return new JsonArray(elements);
      }
      case VALUE_STRING:
        return new JsonString(p.getText());
      case VALUE_NUMBER_INT:
      case VALUE_NUMBER_FLOAT:
        return new JsonNumber(p.getText());
      case VALUE_TRUE:
        return JsonBoolean.TRUE;
      case VALUE_FALSE:
        return JsonBoolean.FALSE;
      case VALUE_NULL:
        return JsonNull.INSTANCE;
      default:
        throw new JsonInputException("has an unexpected token " + t);
    }
  }

  public static void writeTree(JsonGenerator g, JsonValue v) throws IOException {
    if (v instanceof JsonObject o) {
      g.writeStartObject();
      for (Map.Entry<String, JsonValue> e : o.members().entrySet()) {
        g.writeFieldName(e.getKey());
        writeTree(g, e.getValue());
      }
      g.writeEndObject();
    } else if (v instanceof JsonArray a) {
      g.writeStartArray();
      for (JsonValue e : a.elements()) {
        writeTree(g, e);
      }
      g.writeEndArray();
    } else if (v instanceof JsonString s) {
      g.writeString(s.value());
    } else if (v instanceof JsonNumber n) {
      g.writeNumber(n.text());
    } else if (v instanceof JsonBoolean b) {
      g.writeBoolean(b.value());
    } else {
      g.writeNull();
    }
  }

  /** Turns a Jackson failure into our exception, keeping Jackson's reason and the position. */
  public static JsonInputException malformed(IOException e) {
    if (e instanceof JsonProcessingException jpe) {
      String reason = jpe.getOriginalMessage();
      int nl = reason == null ? -1 : reason.indexOf('\n');
      if (nl >= 0) {
        reason = reason.substring(0, nl);
      }
      if (jpe instanceof StreamConstraintsException) {
        return new JsonInputException("exceeds a limit: " + reason);
      }
      var loc = jpe.getLocation();
      String where = loc == null ? "" : " (line " + loc.getLineNr() + ", column " + loc.getColumnNr() + ")";
      return new JsonInputException("is not valid JSON: " + reason + where);
    }
    return new JsonInputException("could not be read: " + e.getMessage());
  }
}
