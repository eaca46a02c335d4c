package io.bidsift.bundle;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
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
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reading and writing the pipeline's own JSON documents (manifest, metrics, hyperparameters) as
 * {@link io.bidsift.json} trees, on jackson-core streaming only: the bid filter and the model
 * registry read the same documents without Spark's Jackson databind.
 */
public final class JsonTrees {

  /** Our documents are small; 64 MiB bounds a hostile or corrupt one. */
  private static final JsonLimits LIMITS = new JsonLimits(64 * 1024 * 1024, 64, 16 * 1024 * 1024, 64);
  private static final JsonSupport JSON = new JsonSupport(LIMITS);

  private JsonTrees() {
  }

  /** Parses one JSON document; trailing content is an error. */
  public static JsonValue parse(byte[] bytes) {
    try (JsonParser p = JSON.parser(bytes, 0, bytes.length)) {
      p.nextToken();
      JsonValue v = JsonSupport.readTree(p);
      if (p.nextToken() != null) {
        throw new JsonInputException("has content after the end of the document");
      }
      return v;
    } catch (IOException e) {
      throw JsonSupport.malformed(e);
    }
  }

  /** Parses a document that must be an object. */
  public static JsonObject parseObject(byte[] bytes) {
    if (parse(bytes) instanceof JsonObject o) {
      return o;
    }
    throw new JsonInputException("must be a JSON object");
  }

  public static byte[] toBytes(JsonValue value, boolean pretty) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
    try (JsonGenerator g = JSON.factory().createGenerator(out)) {
      if (pretty) {
        g.useDefaultPrettyPrinter();
      }
      JsonSupport.writeTree(g, value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (pretty) {
      out.write('\n');
    }
    return out.toByteArray();
  }

  public static void write(Path file, JsonValue value) throws IOException {
    Files.write(file, toBytes(value, true));
  }

  /** A number, or null for NaN and infinities, which JSON cannot represent (an undefined metric). */
  public static JsonValue number(double value) {
    return Double.isFinite(value) ? JsonNumber.of(value) : JsonNull.INSTANCE;
  }

  public static JsonValue number(Double value) {
    return value == null ? JsonNull.INSTANCE : number(value.doubleValue());
  }

  public static JsonValue string(String value) {
    return value == null ? JsonNull.INSTANCE : new JsonString(value);
  }

  public static JsonArray strings(List<String> values) {
    List<JsonValue> elements = new ArrayList<>(values.size());
    for (String v : values) {
      elements.add(string(v));
    }
    return new JsonArray(elements);
  }

  public static JsonArray array(List<? extends JsonValue> values) {
    return new JsonArray(new ArrayList<>(values));
  }

  public static ObjectBuilder object() {
    return new ObjectBuilder();
  }

  /** The member, which must be an object. */
  public static JsonObject requireObject(JsonObject o, String name) {
    if (o.get(name) instanceof JsonObject v) {
      return v;
    }
    throw missingOrWrong(o, name, "an object");
  }

  public static JsonArray requireArray(JsonObject o, String name) {
    if (o.get(name) instanceof JsonArray v) {
      return v;
    }
    throw missingOrWrong(o, name, "an array");
  }

  public static String requireString(JsonObject o, String name) {
    if (o.get(name) instanceof JsonString v) {
      return v.value();
    }
    throw missingOrWrong(o, name, "a string");
  }

  public static double requireNumber(JsonObject o, String name) {
    if (o.get(name) instanceof JsonNumber v) {
      return v.doubleValue();
    }
    throw missingOrWrong(o, name, "a number");
  }

  public static int requireInt(JsonObject o, String name) {
    if (o.get(name) instanceof JsonNumber v && v.intValueExact() != null) {
      return v.intValueExact();
    }
    throw missingOrWrong(o, name, "an integer");
  }

  /** A number, or null when the member is absent or JSON null. */
  public static Double optionalNumber(JsonObject o, String name) {
    JsonValue v = o.get(name);
    if (v == null || v instanceof JsonNull) {
      return null;
    }
    if (v instanceof JsonNumber n) {
      return n.doubleValue();
    }
    throw new JsonInputException("must be a number or null").within("." + name);
  }

  public static String optionalString(JsonObject o, String name) {
    JsonValue v = o.get(name);
    if (v == null || v instanceof JsonNull) {
      return null;
    }
    if (v instanceof JsonString s) {
      return s.value();
    }
    throw new JsonInputException("must be a string or null").within("." + name);
  }

  /** The error for a member that is absent or not {@code what} (e.g. "an integer string"), path-qualified. */
  public static JsonInputException missingOrWrong(JsonObject o, String name, String what) {
    String reason = o.has(name) ? "must be " + what : "is missing (must be " + what + ")";
    return new JsonInputException(reason).within("." + name);
  }

  /** Builds an object with members in insertion order. */
  public static final class ObjectBuilder {
    private final Map<String, JsonValue> members = new LinkedHashMap<>();

    private ObjectBuilder() {
    }

    public ObjectBuilder put(String name, JsonValue value) {
      members.put(name, value == null ? JsonNull.INSTANCE : value);
      return this;
    }

    public ObjectBuilder put(String name, String value) {
      return put(name, string(value));
    }

    public ObjectBuilder put(String name, double value) {
      return put(name, number(value));
    }

    public ObjectBuilder put(String name, Double value) {
      return put(name, number(value));
    }

    public ObjectBuilder put(String name, long value) {
      return put(name, JsonNumber.of(value));
    }

    public ObjectBuilder put(String name, boolean value) {
      return put(name, JsonBoolean.of(value));
    }

    public JsonObject build() {
      return new JsonObject(members);
    }
  }
}
