package io.bidsift.testsupport.fuzz;

import io.bidsift.testsupport.fuzz.JsonText.Literal;
import io.bidsift.testsupport.fuzz.JsonText.Member;
import io.bidsift.testsupport.fuzz.JsonText.Obj;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * Deterministic mutations of valid OpenRTB requests: mutation {@code i} of a given seed is always
 * the same bytes, so a failure is reproduced from its index alone, in any order and at any
 * concurrency. For the bid filter every body is a call, {@code {"request": ..., "dsps": [...],
 * "ts": ...}}, and a mutation hits either the request inside or the call itself.
 *
 * <p>The big values (10 MB body, 100,000-element arrays, 10,000 levels of nesting, long strings)
 * are built once per generator and shared by every mutation that uses them.
 */
public final class RequestMutator {

  private static final String JSON = "application/json";
  private static final String UTF8_MARK = "@@INVALID_UTF8@@";
  private static final int DEPTH = 10_000;
  private static final int ARRAY_SIZE = 100_000;
  private static final int HUGE_BODY_BYTES = 10 * 1024 * 1024;

  private static final List<Literal> SWAPS = literals("\"x\"", "\"\"", "0", "-1", "1.5", "{}", "[]", "null", "true",
      "false", "{\"a\":1}", "[\"x\"]", "[{}]");
  private static final List<Literal> HUGE_NUMBERS = literals("1e400", "-1e400", "1e-400", "12345678901234567890",
      "-12345678901234567890", "9223372036854775808", "2147483648", "-2147483649", "-0", "-0.0", "NaN", "Infinity",
      "-Infinity", "0x10", "1" + "0".repeat(99), "0." + "0".repeat(80) + "1", "1E+2147483648", "01", "1.", "+1");
  private static final List<byte[]> INVALID_UTF8 = List.of(bytes(0xff), bytes(0xc0, 0x80), bytes(0xed, 0xa0, 0x80),
      bytes(0xf8, 0x88, 0x80, 0x80, 0x80), bytes(0x80), bytes(0xe2, 0x82), bytes(0xf4, 0x90, 0x80, 0x80),
      bytes(0xc3, 0x28), bytes(0xfe, 0xfe, 0xff, 0xff));
  private static final List<String> CONTENT_TYPES = Arrays.asList("text/plain", "application/x-www-form-urlencoded",
      "multipart/form-data; boundary=x", "application/xml", null, "application/json; charset=iso-8859-1", "*/*",
      "application/octet-stream", "");

  private final List<byte[]> requests;
  private final List<String> dsps;
  private final long seed;
  private final List<Literal> deepValues = literals("[".repeat(DEPTH) + "]".repeat(DEPTH),
      "{\"a\":".repeat(DEPTH) + "1" + "}".repeat(DEPTH));
  private final List<Literal> hugeArrays = literals(repeated("0", ARRAY_SIZE), repeated("{}", ARRAY_SIZE));
  private final List<Literal> longStrings = literals(quoted(100_000), quoted(140 * 1024), quoted(1024 * 1024));
  private final byte[] hugeBody;

  private RequestMutator(List<byte[]> requests, List<String> dsps, long seed) {
    if (requests.isEmpty()) {
      throw new IllegalArgumentException("no valid requests to mutate");
    }
    this.requests = List.copyOf(requests);
    this.dsps = dsps;
    this.seed = seed;
    this.hugeBody = hugeBody();
  }

  /** Bodies for {@code POST /openrtb2/auction}: each a mutated request. */
  public static RequestMutator forAuctions(List<byte[]> validRequests, long seed) {
    return new RequestMutator(validRequests, null, seed);
  }

  /** Bodies for {@code POST /v1/filter}: calls asking about {@code dsps}. */
  public static RequestMutator forFilterCalls(List<byte[]> validRequests, List<String> dsps, long seed) {
    return new RequestMutator(validRequests, List.copyOf(dsps), seed);
  }

  public Mutation mutation(int index) {
    SplittableRandom r = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + index);
    MutationKind kind = pick(r);
    byte[] request = requests.get(r.nextInt(requests.size()));
    switch (kind) {
      case VALID:
        return new Mutation(index, kind, false, JSON, wrap(request), "unchanged");
      case EMPTY_BODY:
        return new Mutation(index, kind, false, JSON, new byte[0], "no bytes");
      case HUGE_BODY:
        return new Mutation(index, kind, false, JSON, hugeBody, HUGE_BODY_BYTES + " bytes of padding");
      case CONTENT_TYPE:
        String type = CONTENT_TYPES.get(r.nextInt(CONTENT_TYPES.size()));
        return new Mutation(index, kind, false, type, wrap(request), "Content-Type: " + type);
      default:
        boolean onWrapper = dsps != null && r.nextInt(5) < 2;
        StringBuilder detail = new StringBuilder();
        byte[] body = onWrapper ? mutate(kind, wrap(request), r, detail) : wrap(mutate(kind, request, r, detail));
        return new Mutation(index, kind, onWrapper, JSON, body, detail.toString());
    }
  }

  private static MutationKind pick(SplittableRandom r) {
    int roll = r.nextInt(1000);
    for (MutationKind k : MutationKind.values()) {
      roll -= k.perMille;
      if (roll < 0) {
        return k;
      }
    }
    return MutationKind.VALID;
  }

  private byte[] mutate(MutationKind kind, byte[] doc, SplittableRandom r, StringBuilder detail) {
    switch (kind) {
      case TRUNCATION: {
        int cut = r.nextInt(doc.length);
        detail.append("cut at ").append(cut).append(" of ").append(doc.length);
        return Arrays.copyOf(doc, cut);
      }
      case BYTE_FLIP: {
        byte[] out = doc.clone();
        int flips = 1 + r.nextInt(4);
        for (int i = 0; i < flips; i++) {
          int at = r.nextInt(out.length);
          int mask = 1 + r.nextInt(255);
          out[at] ^= (byte) mask;
          detail.append(i == 0 ? "" : ", ").append(String.format("byte %d ^= 0x%02x", at, mask));
        }
        return out;
      }
      case TYPE_SWAP:
        return replaceValue(doc, r, detail, JsonSlots.ANY, current -> otherType(current, r));
      case HUGE_NUMBER:
        return replaceValue(doc, r, detail, JsonSlots.NUMBERS, current -> any(HUGE_NUMBERS, r));
      case DEEP_NESTING:
        return replaceValue(doc, r, detail, JsonSlots.ANY, current -> any(deepValues, r));
      case HUGE_ARRAY:
        return replaceValue(doc, r, detail, JsonSlots.ARRAYS, current -> any(hugeArrays, r));
      case OVERLONG_STRING:
        return replaceValue(doc, r, detail, JsonSlots.STRINGS, current -> any(longStrings, r));
      case DUPLICATE_KEY:
        return duplicateKey(doc, r, detail);
      case INVALID_UTF8:
        return invalidUtf8(doc, r, detail);
      default:
        throw new IllegalStateException("not a document mutation: " + kind);
    }
  }

  /** Replaces one value, preferably of the given sort, with what {@code replacement} makes of it. */
  private static byte[] replaceValue(byte[] doc, SplittableRandom r, StringBuilder detail,
      Predicate<Object> preferred, UnaryOperator<Object> replacement) {
    Object root = JsonText.parse(doc);
    List<JsonSlots.Slot> slots = JsonSlots.of(root);
    List<JsonSlots.Slot> candidates = slots.stream().filter(s -> preferred.test(s.value())).toList();
    // Now and then any value, so every sort of value is also replaced by every other.
    List<JsonSlots.Slot> from = candidates.isEmpty() || r.nextInt(5) == 0 ? slots : candidates;
    JsonSlots.Slot slot = from.get(r.nextInt(from.size()));
    Object value = replacement.apply(slot.value());
    String shown = value instanceof Literal l ? l.text() : String.valueOf(value);
    detail.append(slot.path()).append(" = ").append(shown.length() > 40 ? shown.substring(0, 40) + "..." : shown);
    return JsonText.write(slot.replace(root, value));
  }

  private static byte[] duplicateKey(byte[] doc, SplittableRandom r, StringBuilder detail) {
    Object root = JsonText.parse(doc);
    List<JsonSlots.Slot> objects = JsonSlots.of(root).stream()
        .filter(s -> s.value() instanceof Obj o && !o.members().isEmpty()).toList();
    Obj target = (Obj) objects.get(r.nextInt(objects.size())).value();
    int i = r.nextInt(target.members().size());
    Member original = target.members().get(i);
    // Half the time the second copy disagrees in type, the case a last-wins or first-wins reader differs on.
    Object second = r.nextBoolean() ? original.value() : otherType(original.value(), r);
    target.members().add(i + 1, new Member(original.name(), second));
    detail.append("\"").append(original.name()).append("\" twice, second = ").append(
        second instanceof Literal l ? l.text() : second instanceof String ? "\"" + second + "\"" : "a copy");
    return JsonText.write(root);
  }

  private static byte[] invalidUtf8(byte[] doc, SplittableRandom r, StringBuilder detail) {
    Object root = JsonText.parse(doc);
    List<JsonSlots.Slot> strings = JsonSlots.of(root).stream().filter(s -> JsonSlots.STRINGS.test(s.value())).toList();
    byte[] bad = INVALID_UTF8.get(r.nextInt(INVALID_UTF8.size()));
    StringBuilder hex = new StringBuilder();
    for (byte b : bad) {
      hex.append(String.format("%02x ", b & 0xff));
    }
    byte[] marked;
    if (strings.isEmpty() || r.nextInt(4) == 0) {
      // In a member name, which the reader matches against field names.
      Obj target = (Obj) JsonSlots.of(root).stream().filter(s -> s.value() instanceof Obj).findFirst()
          .orElseThrow().value();
      target.members().add(0, new Member(UTF8_MARK, new Literal("1")));
      detail.append("a member name = ").append(hex.toString().trim());
      marked = JsonText.write(root);
    } else {
      JsonSlots.Slot slot = strings.get(r.nextInt(strings.size()));
      String s = (String) slot.value();
      int at = r.nextInt(s.length() + 1);
      detail.append(slot.path()).append(" gets ").append(hex.toString().trim()).append(" at char ").append(at);
      marked = JsonText.write(slot.replace(root, s.substring(0, at) + UTF8_MARK + s.substring(at)));
    }
    return replaceMark(marked, bad);
  }

  private static byte[] replaceMark(byte[] doc, byte[] with) {
    byte[] mark = UTF8_MARK.getBytes(StandardCharsets.US_ASCII);
    ByteArrayOutputStream out = new ByteArrayOutputStream(doc.length);
    for (int i = 0; i < doc.length; i++) {
      if (i <= doc.length - mark.length && Arrays.equals(doc, i, i + mark.length, mark, 0, mark.length)) {
        out.writeBytes(with);
        i += mark.length - 1;
      } else {
        out.write(doc[i]);
      }
    }
    return out.toByteArray();
  }

  private static Literal otherType(Object current, SplittableRandom r) {
    String sort = JsonSlots.sort(current);
    while (true) {
      Literal candidate = any(SWAPS, r);
      if (!JsonSlots.sort(JsonText.parse(candidate.text().getBytes(StandardCharsets.UTF_8))).equals(sort)) {
        return candidate;
      }
    }
  }

  private byte[] wrap(byte[] request) {
    if (dsps == null) {
      return request;
    }
    StringBuilder head = new StringBuilder("{\"request\":");
    StringBuilder tail = new StringBuilder(",\"dsps\":[");
    for (int i = 0; i < dsps.size(); i++) {
      tail.append(i == 0 ? "\"" : ",\"").append(dsps.get(i)).append('"');
    }
    tail.append("],\"ts\":\"2026-11-05T12:00:00.000Z\"}");
    ByteArrayOutputStream out = new ByteArrayOutputStream(request.length + 256);
    out.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
    out.writeBytes(request);
    out.writeBytes(tail.toString().getBytes(StandardCharsets.UTF_8));
    return out.toByteArray();
  }

  /** A valid request (or call) padded to 10 MB with an ext string. */
  private byte[] hugeBody() {
    byte[] head = ("{\"id\":\"huge\",\"imp\":[{\"id\":\"1\",\"banner\":{\"w\":300,\"h\":250}}],"
        + "\"site\":{\"id\":\"s\"},\"ext\":{\"pad\":\"").getBytes(StandardCharsets.UTF_8);
    byte[] tail = "\"}}".getBytes(StandardCharsets.UTF_8);
    byte[] request = new byte[HUGE_BODY_BYTES - (dsps == null ? 0 : wrap(new byte[0]).length)];
    Arrays.fill(request, (byte) 'a');
    System.arraycopy(head, 0, request, 0, head.length);
    System.arraycopy(tail, 0, request, request.length - tail.length, tail.length);
    return wrap(request);
  }

  private static <T> T any(List<T> values, SplittableRandom r) {
    return values.get(r.nextInt(values.size()));
  }

  private static List<Literal> literals(String... texts) {
    return Arrays.stream(texts).map(Literal::new).toList();
  }

  private static String repeated(String element, int count) {
    return "[" + String.join(",", Collections.nCopies(count, element)) + "]";
  }

  private static String quoted(int length) {
    return "\"" + "a".repeat(length) + "\"";
  }

  private static byte[] bytes(int... values) {
    byte[] out = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = (byte) values[i];
    }
    return out;
  }
}
