package io.bidsift.json;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** A JSON object; member order is kept as read. */
public record JsonObject(Map<String, JsonValue> members) implements JsonValue {

  public static final JsonObject EMPTY = new JsonObject(Map.of());

  public JsonObject {
    members = members.isEmpty() ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(members));
  }

  public JsonValue get(String name) {
    return members.get(name);
  }

  public boolean has(String name) {
    return members.containsKey(name);
  }

  public boolean isEmpty() {
    return members.isEmpty();
  }

  /** The member as an object, or null when it is absent or of another type. */
  public JsonObject object(String name) {
    return members.get(name) instanceof JsonObject o ? o : null;
  }

  /** The member as a string, or null when it is absent or of another type. */
  public String string(String name) {
    return members.get(name) instanceof JsonString s ? s.value() : null;
  }

  /** A copy without the named members; this object itself when none of them is present. */
  public JsonObject without(String... names) {
    boolean any = false;
    for (String n : names) {
      any |= members.containsKey(n);
    }
    if (!any) {
      return this;
    }
    Map<String, JsonValue> copy = new LinkedHashMap<>(members);
    for (String n : names) {
      copy.remove(n);
    }
    return new JsonObject(copy);
  }

  /** A copy with one member set (added last, or replaced in place). */
  public JsonObject with(String name, JsonValue value) {
    Map<String, JsonValue> copy = new LinkedHashMap<>(members);
    copy.put(name, value);
    return new JsonObject(copy);
  }
}
