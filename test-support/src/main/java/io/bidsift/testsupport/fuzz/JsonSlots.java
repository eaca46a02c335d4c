package io.bidsift.testsupport.fuzz;

import io.bidsift.testsupport.fuzz.JsonText.Literal;
import io.bidsift.testsupport.fuzz.JsonText.Member;
import io.bidsift.testsupport.fuzz.JsonText.Obj;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** Every place a value sits in a {@link JsonText} tree, with its path, so a mutation can pick one. */
final class JsonSlots {

  static final Predicate<Object> ANY = v -> true;
  static final Predicate<Object> NUMBERS = v -> sort(v).equals("number");
  static final Predicate<Object> ARRAYS = v -> v instanceof List<?>;
  static final Predicate<Object> STRINGS = v -> v instanceof String;

  /**
   * @param parent an {@link Obj} or a {@code List<Object>}, null for the root
   * @param index  the member's or element's position in the parent
   */
  record Slot(String path, Object value, Object parent, int index) {

    /** Puts {@code replacement} here; returns the (possibly new) root. */
    @SuppressWarnings("unchecked")
    Object replace(Object root, Object replacement) {
      if (parent == null) {
        return replacement;
      }
      if (parent instanceof Obj o) {
        o.members().set(index, new Member(o.members().get(index).name(), replacement));
      } else {
        ((List<Object>) parent).set(index, replacement);
      }
      return root;
    }
  }

  private JsonSlots() {
  }

  static List<Slot> of(Object root) {
    List<Slot> out = new ArrayList<>();
    collect("$", root, null, 0, out);
    return out;
  }

  private static void collect(String path, Object value, Object parent, int index, List<Slot> out) {
    out.add(new Slot(path, value, parent, index));
    if (value instanceof Obj o) {
      for (int i = 0; i < o.members().size(); i++) {
        collect(path + "." + o.members().get(i).name(), o.members().get(i).value(), o, i, out);
      }
    } else if (value instanceof List<?> a) {
      for (int i = 0; i < a.size(); i++) {
        collect(path + "[" + i + "]", a.get(i), a, i, out);
      }
    }
  }

  /** The JSON type of a value: object, array, string, number, boolean or null. */
  static String sort(Object value) {
    if (value instanceof Obj) {
      return "object";
    }
    if (value instanceof List<?>) {
      return "array";
    }
    if (value instanceof String) {
      return "string";
    }
    String text = ((Literal) value).text();
    return text.equals("null") ? "null" : text.equals("true") || text.equals("false") ? "boolean" : "number";
  }
}
