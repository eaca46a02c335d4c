package io.bidsift.openrtb;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import io.bidsift.json.JsonInputException;
import io.bidsift.json.JsonObject;
import io.bidsift.json.JsonSupport;
import io.bidsift.json.JsonValue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes one OpenRTB record type over jackson-core's streaming API, driven by the
 * record's components (resolved once, at construction). One generic codec instead of ~30
 * hand-written ones keeps every object's rules identical: null means absent, a component named
 * {@code unknown} collects fields the model does not type, and a wrong type is reported with
 * the field's path.
 */
final class RecordCodec<R extends Record> {

  private static final String UNKNOWN = "unknown";

  private enum Kind { STRING, INT, LONG, DOUBLE, OBJECT_TREE, ANY_TREE, RECORD, LIST_STRING, LIST_INT, LIST_DOUBLE, LIST_RECORD }

  private static final class Field {
    final String jsonName;
    final String pathSegment;
    final Kind kind;
    final MethodHandle accessor;
    RecordCodec<?> element;

    Field(String jsonName, Kind kind, MethodHandle accessor) {
      this.jsonName = jsonName;
      this.pathSegment = "." + jsonName;
      this.kind = kind;
      this.accessor = accessor;
    }
  }

  private final Class<R> type;
  private final Field[] fields;
  private final Map<String, Integer> indexByName;
  private final int unknownIndex;
  private final MethodHandle constructor;

  private RecordCodec(Class<R> type, Map<Class<?>, RecordCodec<?>> built) {
    this.type = type;
    built.put(type, this);
    RecordComponent[] components = type.getRecordComponents();
    MethodHandles.Lookup lookup = MethodHandles.publicLookup();
    Class<?>[] types = new Class<?>[components.length];
    this.fields = new Field[components.length];
    this.indexByName = new HashMap<>();
    int unknown = -1;
    try {
      for (int i = 0; i < components.length; i++) {
        RecordComponent c = components[i];
        types[i] = c.getType();
        MethodHandle accessor = lookup.unreflect(c.getAccessor())
            .asType(MethodType.methodType(Object.class, Object.class));
        if (c.getName().equals(UNKNOWN) && c.getType() == JsonObject.class) {
          unknown = i;
          fields[i] = new Field(UNKNOWN, Kind.OBJECT_TREE, accessor);
          continue;
        }
        JsonName rename = c.getAnnotation(JsonName.class);
        String jsonName = rename != null ? rename.value() : snakeCase(c.getName());
        Kind kind = kindOf(c.getGenericType());
        fields[i] = new Field(jsonName, kind, accessor);
        if (kind == Kind.RECORD || kind == Kind.LIST_RECORD) {
          fields[i].element = elementCodec(c.getGenericType(), built);
        }
        indexByName.put(jsonName, i);
      }
      this.constructor = lookup.findConstructor(type, MethodType.methodType(void.class, types))
          .asSpreader(Object[].class, components.length)
          .asType(MethodType.methodType(Object.class, Object[].class));
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot build a JSON codec for " + type.getName(), e);
    }
    this.unknownIndex = unknown;
  }

  static <R extends Record> RecordCodec<R> of(Class<R> type) {
    return new RecordCodec<>(type, new HashMap<>());
  }

  @SuppressWarnings("unchecked")
  private static RecordCodec<?> elementCodec(Type generic, Map<Class<?>, RecordCodec<?>> built) {
    Class<?> target = generic instanceof Class<?> c ? c : elementClass(generic);
    RecordCodec<?> existing = built.get(target);
    return existing != null ? existing : new RecordCodec<>((Class<? extends Record>) target, built);
  }

  private static Class<?> elementClass(Type generic) {
    if (generic instanceof ParameterizedType pt && pt.getRawType() == List.class
        && pt.getActualTypeArguments()[0] instanceof Class<?> c) {
      return c;
    }
    return null;
  }

  private static Kind kindOf(Type generic) {
    if (generic == String.class) {
      return Kind.STRING;
    } else if (generic == Integer.class) {
      return Kind.INT;
    } else if (generic == Long.class) {
      return Kind.LONG;
    } else if (generic == Double.class) {
      return Kind.DOUBLE;
    } else if (generic == JsonObject.class) {
      return Kind.OBJECT_TREE;
    } else if (generic == JsonValue.class) {
      return Kind.ANY_TREE;
    } else if (isModelRecord(generic)) {
      return Kind.RECORD;
    }
    Class<?> element = elementClass(generic);
    if (element == String.class) {
      return Kind.LIST_STRING;
    } else if (element == Integer.class) {
      return Kind.LIST_INT;
    } else if (element == Double.class) {
      return Kind.LIST_DOUBLE;
    } else if (isModelRecord(element)) {
      return Kind.LIST_RECORD;
    }
    throw new IllegalArgumentException("unsupported component type " + generic);
  }

  private static boolean isModelRecord(Type t) {
    return t instanceof Class<?> c && c.isRecord() && !JsonValue.class.isAssignableFrom(c);
  }

  static String snakeCase(String camel) {
    StringBuilder sb = new StringBuilder(camel.length() + 4);
    for (int i = 0; i < camel.length(); i++) {
      char ch = camel.charAt(i);
      if (Character.isUpperCase(ch)) {
        sb.append('_').append(Character.toLowerCase(ch));
      } else {
        sb.append(ch);
      }
    }
    return sb.toString();
  }

  Class<R> type() {
    return type;
  }

  /** Reads the object the parser is on (its current token must be START_OBJECT). */
  @SuppressWarnings("unchecked")
  R read(JsonParser p) throws IOException {
    if (p.currentToken() != JsonToken.START_OBJECT) {
      throw new JsonInputException("must be an object");
    }
    Object[] args = new Object[fields.length];
    Map<String, JsonValue> unknown = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken value = p.nextToken();
      Integer index = indexByName.get(name);
      if (index == null) {
        if (unknownIndex < 0) {
          p.skipChildren();
          continue;
        }
        if (unknown == null) {
          unknown = new LinkedHashMap<>();
        }
        try {
          unknown.put(name, JsonSupport.readTree(p));
        } catch (JsonInputException e) {
          throw e.within("." + name);
        }
        continue;
      }
      if (value == JsonToken.VALUE_NULL) {
        args[index] = null;
        continue;
      }
      Field f = fields[index];
      try {
        args[index] = readValue(p, value, f.kind, f.element);
      } catch (JsonInputException e) {
        throw e.within(f.pathSegment);
      }
    }
    if (unknown != null) {
      args[unknownIndex] = new JsonObject(unknown);
    }
    try {
      return (R) (Object) constructor.invokeExact(args);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException(t);
    }
  }

  private static Object readValue(JsonParser p, JsonToken t, Kind kind, RecordCodec<?> element)
      throws IOException {
    switch (kind) {
      case STRING:
        if (t != JsonToken.VALUE_STRING) {
          throw new JsonInputException("must be a string");
        }
        return p.getText();
      case INT:
        if (t != JsonToken.VALUE_NUMBER_INT) {
          throw new JsonInputException("must be an integer");
        }
        if (p.getNumberType() != JsonParser.NumberType.INT) {
          throw new JsonInputException("is out of range: " + p.getText());
        }
        return p.getIntValue();
      case LONG:
        if (t != JsonToken.VALUE_NUMBER_INT) {
          throw new JsonInputException("must be an integer");
        }
        JsonParser.NumberType nt = p.getNumberType();
        if (nt != JsonParser.NumberType.INT && nt != JsonParser.NumberType.LONG) {
          throw new JsonInputException("is out of range: " + p.getText());
        }
        return p.getLongValue();
      case DOUBLE: {
        if (t != JsonToken.VALUE_NUMBER_INT && t != JsonToken.VALUE_NUMBER_FLOAT) {
          throw new JsonInputException("must be a number");
        }
        double d = p.getDoubleValue();
        if (Double.isInfinite(d)) {
          throw new JsonInputException("is out of range: " + p.getText());
        }
        return d;
      }
      case OBJECT_TREE:
        if (t != JsonToken.START_OBJECT) {
          throw new JsonInputException("must be an object");
        }
        return JsonSupport.readTree(p);
      case ANY_TREE:
        return JsonSupport.readTree(p);
      case RECORD:
        return element.read(p);
      default:
        return readList(p, t, kind, element);
    }
  }

  private static List<Object> readList(JsonParser p, JsonToken t, Kind kind, RecordCodec<?> element)
      throws IOException {
    if (t != JsonToken.START_ARRAY) {
      throw new JsonInputException("must be an array");
    }
    Kind elementKind = switch (kind) {
      case LIST_STRING -> Kind.STRING;
      case LIST_INT -> Kind.INT;
      case LIST_DOUBLE -> Kind.DOUBLE;
      default -> Kind.RECORD;
    };
    JsonToken e = p.nextToken();
    if (e == JsonToken.END_ARRAY) {
      return List.of();
    }
    List<Object> list = new ArrayList<>(4);
    for (int i = 0; e != JsonToken.END_ARRAY; i++, e = p.nextToken()) {
      try {
        if (e == JsonToken.VALUE_NULL) {
          throw new JsonInputException("must not be null");
        }
        list.add(readValue(p, e, elementKind, element));
      } catch (JsonInputException ex) {
        throw ex.within("[" + i + "]");
      }
    }
    return Collections.unmodifiableList(list);
  }

  /**
   * Reads a record from a tree, such as an ext member that OpenRTB 2.6 gives a typed place.
   * Writing the tree out and parsing it back keeps one set of reading rules; the cost only falls
   * on 2.5 requests. Throws {@link JsonInputException} (path relative to the tree) when the tree
   * does not fit the record.
   */
  R readTree(JsonFactory factory, JsonValue tree) {
    ByteArrayBuilder bytes = new ByteArrayBuilder(256);
    try (JsonGenerator g = factory.createGenerator(bytes)) {
      JsonSupport.writeTree(g, tree);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try (JsonParser p = factory.createParser(bytes.toByteArray())) {
      p.nextToken();
      return read(p);
    } catch (IOException e) {
      throw JsonSupport.malformed(e);
    }
  }

  void write(JsonGenerator g, Object record) throws IOException {
    g.writeStartObject();
    Object unknown = null;
    for (int i = 0; i < fields.length; i++) {
      Object v = get(fields[i], record);
      if (v == null) {
        continue;
      }
      if (i == unknownIndex) {
        unknown = v;
        continue;
      }
      g.writeFieldName(fields[i].jsonName);
      writeValue(g, v, fields[i].kind, fields[i].element);
    }
    if (unknown != null) {
      for (Map.Entry<String, JsonValue> e : ((JsonObject) unknown).members().entrySet()) {
        if (!indexByName.containsKey(e.getKey())) {
          g.writeFieldName(e.getKey());
          JsonSupport.writeTree(g, e.getValue());
        }
      }
    }
    g.writeEndObject();
  }

  private static Object get(Field f, Object record) {
    try {
      return (Object) f.accessor.invokeExact(record);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException(t);
    }
  }

  private static void writeValue(JsonGenerator g, Object v, Kind kind, RecordCodec<?> element)
      throws IOException {
    switch (kind) {
      case STRING -> g.writeString((String) v);
      case INT -> g.writeNumber((Integer) v);
      case LONG -> g.writeNumber((Long) v);
      case DOUBLE -> g.writeNumber((Double) v);
      case OBJECT_TREE, ANY_TREE -> JsonSupport.writeTree(g, (JsonValue) v);
      case RECORD -> element.write(g, v);
      default -> {
        g.writeStartArray();
        for (Object e : (List<?>) v) {
          switch (kind) {
            case LIST_STRING -> g.writeString((String) e);
            case LIST_INT -> g.writeNumber((Integer) e);
            case LIST_DOUBLE -> g.writeNumber((Double) e);
            default -> element.write(g, e);
          }
        }
        g.writeEndArray();
      }
    }
  }
}
