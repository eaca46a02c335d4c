package io.bidsift.openrtb;

import static org.assertj.core.api.Assertions.assertThat;

import io.bidsift.testsupport.OpenRtbCorpus;
import io.bidsift.json.JsonInputException;
import io.bidsift.json.JsonLimits;
import io.bidsift.json.JsonObject;
import io.bidsift.json.JsonSupport;
import io.bidsift.json.JsonValue;
import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The whole pipeline an incoming request goes through (parse, up-convert, validate) over
 * Prebid Server's sample requests: what Prebid accepts we accept, and what it rejects we reject
 * naming the same field.
 */
class OpenRtbCorpusTest {

  /**
   * Prebid Server accepts this one only because it completes the imp from a stored request
   * ({@code imp.ext.prebid.storedrequest}); BidSift has no stored requests, so as received it has
   * no media type and no site, app or dooh, and is rightly rejected.
   */
  /** The field path in a Prebid message: {@code request.imp[0].banner.h}, {@code Request imp[0].banner.format[0]}. */
  private static final Pattern PREBID_PATH = Pattern.compile("(?:request\\.|Request )([A-Za-z0-9_.\\[\\]]+)");

  private static Map<String, String> expectedPaths;

  private final OpenRtbCodec codec = new OpenRtbCodec();
  private final OpenRtbUpconverter upconverter = new OpenRtbUpconverter(codec);
  private final RequestValidator validator = new RequestValidator();

  @BeforeAll
  static void readExpectedFieldPaths() throws IOException {
    byte[] json = OpenRtbCorpus.read(OpenRtbCorpus.root().resolve("invalid/EXPECTED.json"));
    JsonSupport support = new JsonSupport(JsonLimits.REQUEST);
    JsonObject expected;
    try (JsonParser p = support.parser(json, 0, json.length)) {
      p.nextToken();
      expected = (JsonObject) JsonSupport.readTree(p);
    }
    expectedPaths = new TreeMap<>();
    for (Map.Entry<String, JsonValue> e : expected.members().entrySet()) {
      expectedPaths.put(e.getKey(), fieldPath(((JsonObject) e.getValue()).string("prebid_error")));
    }
  }

  static List<Path> validCorpus() {
    return OpenRtbCorpus.valid();
  }

  static List<Path> invalidCorpus() {
    return OpenRtbCorpus.invalid();
  }

  @Test
  void corpusHasEveryFileAndEveryInvalidOneHasAnExpectation() {
    assertThat(OpenRtbCorpus.valid()).hasSize(53);
    assertThat(OpenRtbCorpus.invalid()).hasSize(46);
    assertThat(expectedPaths.keySet())
        .containsExactlyInAnyOrderElementsOf(OpenRtbCorpus.invalid().stream()
            .map(p -> p.getFileName().toString()).toList());
  }

  @ParameterizedTest
  @MethodSource("validCorpus")
  void everyRequestPrebidAcceptsParsesUpconvertsAndValidatesWithoutProblems(Path file) {
    List<String> problems = problems(file);
    assertThat(problems).as("%s: %s", file.getFileName(), problems).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("invalidCorpus")
  void everyRequestPrebidRejectsIsRejectedNamingTheSameField(Path file) {
    String path = expectedPaths.get(file.getFileName().toString());
    List<String> problems = problems(file);
    assertThat(problems).as("%s", file.getFileName()).isNotEmpty();
    assertThat(problems).as("%s: expected a problem naming %s, got %s", file.getFileName(), path, problems)
        .anyMatch(message -> namesField(message, path));
    assertThat(problems).allMatch(message -> message.startsWith("request"));
  }

  @Test
  void fieldPathsAreReadFromBothPrebidMessageStyles() {
    assertThat(fieldPath("Invalid request: request.imp[0].banner.h must be a positive number"))
        .isEqualTo("request.imp[0].banner.h");
    assertThat(fieldPath("Invalid request: Request imp[0].banner.format[0] must define non-zero \"h\"."))
        .isEqualTo("request.imp[0].banner.format[0]");
    assertThat(fieldPath("Invalid request: request.site should include at least one of request.site.id or request.site.page.\n"))
        .isEqualTo("request.site");
    assertThat(fieldPath("Invalid request: request.imp must contain at least one element.\n")).isEqualTo("request.imp");
  }

  @Test
  void aMessageNamesAFieldOnlyAsAWholePathSegment() {
    assertThat(namesField("request.imp[0].banner.h must be a positive number", "request.imp[0].banner")).isTrue();
    assertThat(namesField("request.site, request.app or request.dooh is required", "request.app")).isTrue();
    assertThat(namesField("request.imp[0].banner.hmax is not supported", "request.imp[0].banner.h")).isFalse();
    assertThat(namesField("request.tmax must not be negative", "request.imp")).isFalse();
  }

  private List<String> problems(Path file) {
    try {
      return validator.validate(upconverter.upconvert(codec.parseRequest(OpenRtbCorpus.read(file))));
    } catch (JsonInputException e) {
      return List.of(e.getMessage());
    }
  }

  private static String fieldPath(String prebidError) {
    Matcher m = PREBID_PATH.matcher(prebidError);
    if (!m.find()) {
      throw new IllegalStateException("no field path in Prebid's message: " + prebidError);
    }
    String path = "request." + m.group(1);
    return path.endsWith(".") ? path.substring(0, path.length() - 1) : path;
  }

  /** True when the message contains the path, not followed by more of a field name. */
  private static boolean namesField(String message, String path) {
    for (int at = message.indexOf(path); at >= 0; at = message.indexOf(path, at + 1)) {
      int end = at + path.length();
      if (end == message.length() || !isNameChar(message.charAt(end))) {
        return true;
      }
    }
    return false;
  }

  private static boolean isNameChar(char c) {
    return Character.isLetterOrDigit(c) || c == '_';
  }
}
