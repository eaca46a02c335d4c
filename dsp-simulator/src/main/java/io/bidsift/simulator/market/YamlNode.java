package io.bidsift.simulator.market;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A value of the parsed market file together with its path ({@code dsps[2].effects.user_id}),
 * so that every complaint names the field. Absent and null values are the same: "missing".
 */
final class YamlNode {

  private final Object value;
  private final String path;

  private YamlNode(Object value, String path) {
    this.value = value;
    this.path = path;
  }

  static YamlNode root(Object value) {
    return new YamlNode(value, "");
  }

  /** A value that stands at {@code path}, e.g. a merged copy of part of the file. */
  static YamlNode at(Object value, String path) {
    return new YamlNode(value, path);
  }

  String path() {
    return path;
  }

  boolean isMissing() {
    return value == null;
  }

  Object raw() {
    return value;
  }

  MarketFileException error(String problem) {
    return new MarketFileException((path.isEmpty() ? "the market file" : path) + " " + problem);
  }

  /** The member {@code key} of this mapping (missing when absent). */
  YamlNode get(String key) {
    return new YamlNode(mapping().get(key), path.isEmpty() ? key : path + "." + key);
  }

  /** This mapping's members in file order; fails on any key outside {@code allowed}. */
  YamlNode requireKeys(Set<String> allowed) {
    for (Object key : mapping().keySet()) {
      if (!allowed.contains(String.valueOf(key))) {
        String where = path.isEmpty() ? String.valueOf(key) : path + "." + key;
        throw new MarketFileException(where + " is not a known setting (known here: "
            + String.join(", ", new TreeSet<>(allowed)) + ")");
      }
    }
    return this;
  }

  /** The members of a mapping in file order; an empty map when missing. */
  Map<String, YamlNode> entries() {
    Map<String, YamlNode> out = new LinkedHashMap<>();
    if (value == null) {
      return out;
    }
    for (Map.Entry<?, ?> e : mapping().entrySet()) {
      String key = String.valueOf(e.getKey());
      out.put(key, new YamlNode(e.getValue(), path.isEmpty() ? key : path + "." + key));
    }
    return out;
  }

  /** The items of a sequence; an empty list when missing. */
  List<YamlNode> items() {
    if (value == null) {
      return List.of();
    }
    if (!(value instanceof List<?> list)) {
      throw error("must be a list");
    }
    List<YamlNode> out = new ArrayList<>(list.size());
    for (int i = 0; i < list.size(); i++) {
      out.add(new YamlNode(list.get(i), path + "[" + i + "]"));
    }
    return out;
  }

  /** A list of strings; a single string counts as a list of one. Empty when missing. */
  List<String> strings() {
    if (value instanceof String || value instanceof Number) {
      return List.of(string());
    }
    List<String> out = new ArrayList<>();
    for (YamlNode item : items()) {
      out.add(item.string());
    }
    return out;
  }

  String string() {
    if (value == null) {
      throw error("is required");
    }
    if (!(value instanceof String) && !(value instanceof Number)) {
      throw error("must be a text value");
    }
    String s = String.valueOf(value).strip();
    if (s.isEmpty()) {
      throw error("must not be empty");
    }
    return s;
  }

  String stringOr(String fallback) {
    return value == null ? fallback : string();
  }

  double number(double min, double max) {
    if (value == null) {
      throw error("is required");
    }
    if (!(value instanceof Number n)) {
      throw error("must be a number, got \"" + value + "\"");
    }
    double d = n.doubleValue();
    if (!(d >= min && d <= max)) {
      throw error("must be between " + plain(min) + " and " + plain(max) + ", got " + value);
    }
    return d;
  }

  double numberOr(double fallback, double min, double max) {
    return value == null ? fallback : number(min, max);
  }

  int integer(int min, int max) {
    if (value == null) {
      throw error("is required");
    }
    if (!(value instanceof Integer || value instanceof Long)) {
      throw error("must be a whole number, got " + value);
    }
    long v = ((Number) value).longValue();
    if (v < min || v > max) {
      throw error("must be between " + min + " and " + max + ", got " + value);
    }
    return (int) v;
  }

  int integerOr(int fallback, int min, int max) {
    return value == null ? fallback : integer(min, max);
  }

  long longValue() {
    if (!(value instanceof Integer || value instanceof Long)) {
      throw error(value == null ? "is required" : "must be a whole number, got " + value);
    }
    return ((Number) value).longValue();
  }

  boolean bool() {
    if (!(value instanceof Boolean b)) {
      throw error(value == null ? "is required" : "must be true or false, got " + value);
    }
    return b;
  }

  boolean boolOr(boolean fallback) {
    return value == null ? fallback : bool();
  }

  /** A date written as {@code 2026-11-06} (YAML reads it as a timestamp; a quoted one is text). */
  LocalDate date() {
    if (value instanceof Date d) {
      return d.toInstant().atOffset(ZoneOffset.UTC).toLocalDate();
    }
    try {
      return LocalDate.parse(string());
    } catch (DateTimeParseException e) {
      throw error("must be a date like 2026-11-06, got \"" + value + "\"");
    }
  }

  private Map<?, ?> mapping() {
    if (value == null) {
      throw error("is required");
    }
    if (!(value instanceof Map<?, ?> map)) {
      throw error("must be a mapping of settings");
    }
    return map;
  }

  private static String plain(double d) {
    return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
  }
}
