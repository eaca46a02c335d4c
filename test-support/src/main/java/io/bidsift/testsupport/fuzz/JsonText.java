package io.bidsift.testsupport.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A small JSON tree for the mutation generator and the oracle (test-support stays free of
 * third-party dependencies). Objects keep their members as a list, so a mutation can write a key
 * twice; scalars other than strings keep their literal text, so a mutation can write any number
 * (or non-JSON text) where a value goes. Parses well-formed JSON only: its input is valid samples
 * and the services' own error bodies.
 */
public final class JsonText {

  /** An object, members in document order; duplicates allowed. */
  public record Obj(List<Member> members) {
  }

  public record Member(String name, Object value) {
  }

  /** A value written verbatim: a number, true, false, null, or whatever text a mutation puts there. */
  public record Literal(String text) {
  }

  private final String in;
  private int pos;

  private JsonText(String in) {
    this.in = in;
  }

  /**
   * @return an {@link Obj}, a {@code List<Object>} (array), a {@link String} or a {@link Literal}
   * @throws IllegalArgumentException when the text is not one JSON value
   */
  public static Object parse(byte[] utf8) {
    JsonText p = new JsonText(new String(utf8, StandardCharsets.UTF_8));
    Object value = p.value();
    p.skipSpace();
    if (p.pos != p.in.length()) {
      throw p.error("content after the value");
    }
    return value;
  }

  public static byte[] write(Object value) {
    StringBuilder out = new StringBuilder(1024);
    write(value, out);
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static void write(Object value, StringBuilder out) {
    if (value instanceof Obj o) {
      out.append('{');
      for (int i = 0; i < o.members().size(); i++) {
        Member m = o.members().get(i);
        out.append(i == 0 ? "" : ",");
        out.append(quote(m.name()));
        out.append(':');
        write(m.value(), out);
      }
      out.append('}');
    } else if (value instanceof List<?> a) {
      out.append('[');
      for (int i = 0; i < a.size(); i++) {
        out.append(i == 0 ? "" : ",");
        write(a.get(i), out);
      }
      out.append(']');
    } else if (value instanceof String s) {
      out.append(quote(s));
    } else {
      out.append(((Literal) value).text());
    }
  }

  /** {@code s} as a JSON string literal. */
  public static String quote(String s) {
    StringBuilder out = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 0x20) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.append('"').toString();
  }

  private Object value() {
    skipSpace();
    if (pos >= in.length()) {
      throw error("end of input where a value goes");
    }
    char c = in.charAt(pos);
    switch (c) {
      case '{':
        return object();
      case '[':
        return array();
      case '"':
        return string();
      default:
        int start = pos;
        while (pos < in.length() && "{}[],:\" \t\r\n".indexOf(in.charAt(pos)) < 0) {
          pos++;
        }
        if (start == pos) {
          throw error("unexpected '" + c + "'");
        }
        return new Literal(in.substring(start, pos));
    }
  }

  private Obj object() {
    pos++;
    List<Member> members = new ArrayList<>();
    skipSpace();
    if (peek() == '}') {
      pos++;
      return new Obj(members);
    }
    do {
      skipSpace();
      String name = string();
      skipSpace();
      expect(':');
      members.add(new Member(name, value()));
      skipSpace();
    } while (next() == ',');
    pos--;
    expect('}');
    return new Obj(members);
  }

  private List<Object> array() {
    pos++;
    List<Object> elements = new ArrayList<>();
    skipSpace();
    if (peek() == ']') {
      pos++;
      return elements;
    }
    do {
      elements.add(value());
      skipSpace();
    } while (next() == ',');
    pos--;
    expect(']');
    return elements;
  }

  private String string() {
    expect('"');
    StringBuilder out = new StringBuilder();
    while (true) {
      char c = next();
      if (c == '"') {
        return out.toString();
      }
      if (c != '\\') {
        out.append(c);
        continue;
      }
      char e = next();
      switch (e) {
        case 'n' -> out.append('\n');
        case 't' -> out.append('\t');
        case 'r' -> out.append('\r');
        case 'b' -> out.append('\b');
        case 'f' -> out.append('\f');
        case 'u' -> {
          if (pos + 4 > in.length()) {
            throw error("short \\u escape");
          }
          out.append((char) Integer.parseInt(in.substring(pos, pos + 4), 16));
          pos += 4;
        }
        default -> out.append(e);
      }
    }
  }

  private void skipSpace() {
    while (pos < in.length() && " \t\r\n".indexOf(in.charAt(pos)) >= 0) {
      pos++;
    }
  }

  private char peek() {
    return pos < in.length() ? in.charAt(pos) : '\0';
  }

  private char next() {
    if (pos >= in.length()) {
      throw error("unexpected end of input");
    }
    return in.charAt(pos++);
  }

  private void expect(char c) {
    if (next() != c) {
      throw error("expected '" + c + "'");
    }
  }

  private IllegalArgumentException error(String what) {
    return new IllegalArgumentException("not JSON: " + what + " at " + pos);
  }
}
