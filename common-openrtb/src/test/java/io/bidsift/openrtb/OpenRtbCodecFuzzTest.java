package io.bidsift.openrtb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import io.bidsift.testsupport.OpenRtbCorpus;
import io.bidsift.json.JsonInputException;
import io.bidsift.json.JsonLimits;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Mutates every corpus request in ways hostile clients do and checks the codec's contract:
 * it either returns a request or throws {@link JsonInputException}, nothing else, and the
 * configured bounds hold.
 */
class OpenRtbCodecFuzzTest {

  private static final int MUTATIONS_PER_FILE = 60;
  private static final String[] HOSTILE_VALUES = {
      "\"x\"", "-1", "0", "1e309", "-1e309", "99999999999999999999999", "1.7976931348623157E309",
      "1e-400", "true", "null", "[]", "{}", "[null]", "[[[[[[]]]]]]", "\"\\ud800\"", "\"\\u0000\"",
      "123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890",
  };

  private final OpenRtbCodec codec = new OpenRtbCodec();

  @Test
  void mutatedCorpusRequestsOnlyEverFailWithTheCodecsOwnException() {
    Random random = new Random(20261129L);
    int parsed = 0;
    int rejected = 0;
    for (Path file : OpenRtbCorpus.valid()) {
      String original = new String(OpenRtbCorpus.read(file), StandardCharsets.UTF_8);
      for (int i = 0; i < MUTATIONS_PER_FILE; i++) {
        byte[] mutant = mutate(original, random);
        try {
          BidRequest request = codec.parseRequest(mutant);
          // Whatever parses must also re-serialise and re-parse to the same value.
          assertThat(codec.parseRequest(codec.writeRequest(request))).isEqualTo(request);
          parsed++;
        } catch (JsonInputException expected) {
          assertThat(expected.getMessage()).startsWith("request");
          rejected++;
        } catch (Throwable t) {
          fail("mutant of " + file.getFileName() + " threw " + t + ":\n"
              + new String(mutant, StandardCharsets.UTF_8), t);
        }
      }
    }
    // Both branches must be exercised, or the mutations are not testing anything.
    assertThat(parsed).isGreaterThan(100);
    assertThat(rejected).isGreaterThan(100);
  }

  @Test
  void aMegabyteStringIsRejectedByTheSizeBound() {
    String request = "{\"id\":\"r\",\"site\":{\"page\":\"" + "a".repeat(1 << 20) + "\"}}";
    assertThatThrownBy(() -> codec.parseRequest(request))
        .isInstanceOf(JsonInputException.class)
        .hasMessageStartingWith("request is too large");
  }

  @Test
  void aLongStringWithinTheDocumentBoundIsRejectedByTheStringBound() {
    OpenRtbCodec roomy = new OpenRtbCodec(new JsonLimits(4 << 20, 64, 128 * 1024, 64), JsonLimits.RESPONSE);
    String request = "{\"id\":\"r\",\"ext\":{\"blob\":\"" + "a".repeat(1 << 20) + "\"}}";
    assertThatThrownBy(() -> roomy.parseRequest(request))
        .isInstanceOf(JsonInputException.class)
        .hasMessageStartingWith("request exceeds a limit: String length");
  }

  @Test
  void deepNestingIsRejectedBeforeItCostsStack() {
    int depth = 100_000;
    String request = "{\"id\":\"r\",\"ext\":{\"a\":" + "[".repeat(depth) + "]".repeat(depth) + "}}";
    OpenRtbCodec roomy = new OpenRtbCodec(new JsonLimits(1 << 20, 64, 1024, 64), JsonLimits.RESPONSE);
    assertThatThrownBy(() -> roomy.parseRequest(request))
        .isInstanceOf(JsonInputException.class)
        .hasMessageContaining("nesting depth");
  }

  @Test
  void hugeNumbersAreRejectedWithoutBeingParsedAtLength() {
    String request = "{\"id\":\"r\",\"tmax\":" + "9".repeat(5000) + "}";
    assertThatThrownBy(() -> codec.parseRequest(request))
        .isInstanceOf(JsonInputException.class)
        .hasMessageStartingWith("request exceeds a limit: Number length");
  }

  private static byte[] mutate(String json, Random random) {
    String mutant = switch (random.nextInt(6)) {
      case 0 -> json.substring(0, random.nextInt(json.length()));
      case 1 -> replaceAValue(json, random);
      case 2 -> replaceAValue(replaceAValue(json, random), random);
      case 3 -> insertAt(json, random, "{\"deep\":" + "[".repeat(200) + "]".repeat(200) + "}");
      case 4 -> deleteARange(json, random);
      default -> null;
    };
    if (mutant != null) {
      return mutant.getBytes(StandardCharsets.UTF_8);
    }
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    for (int flips = 1 + random.nextInt(4); flips > 0; flips--) {
      bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
    }
    return bytes;
  }

  /** Replaces the value after a random ':' with a hostile one. */
  private static String replaceAValue(String json, Random random) {
    List<Integer> colons = new ArrayList<>();
    for (int i = 0; i < json.length(); i++) {
      if (json.charAt(i) == ':') {
        colons.add(i);
      }
    }
    if (colons.isEmpty()) {
      return json;
    }
    int at = colons.get(random.nextInt(colons.size())) + 1;
    int end = at;
    while (end < json.length() && json.charAt(end) != ',' && json.charAt(end) != '}') {
      end++;
    }
    return json.substring(0, at) + HOSTILE_VALUES[random.nextInt(HOSTILE_VALUES.length)] + json.substring(end);
  }

  private static String insertAt(String json, Random random, String text) {
    int at = json.indexOf(':', random.nextInt(json.length()));
    return at < 0 ? json : json.substring(0, at + 1) + text + "," + json.substring(at + 1);
  }

  private static String deleteARange(String json, Random random) {
    int from = random.nextInt(json.length());
    int to = Math.min(json.length(), from + 1 + random.nextInt(40));
    return json.substring(0, from) + json.substring(to);
  }
}
