package io.bidsift.openrtb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonParser;
import io.bidsift.testsupport.OpenRtbCorpus;
import io.bidsift.json.JsonArray;
import io.bidsift.json.JsonInputException;
import io.bidsift.json.JsonLimits;
import io.bidsift.json.JsonNumber;
import io.bidsift.json.JsonObject;
import io.bidsift.json.JsonSupport;
import io.bidsift.json.JsonValue;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class OpenRtbCodecTest {

  private final OpenRtbCodec codec = new OpenRtbCodec();

  static List<Path> validCorpus() {
    return OpenRtbCorpus.valid();
  }

  @ParameterizedTest
  @MethodSource("validCorpus")
  void parseSerialiseParseIsIdenticalForEveryCorpusRequest(Path file) {
    BidRequest first = codec.parseRequest(OpenRtbCorpus.read(file));
    BidRequest second = codec.parseRequest(codec.writeRequest(first));
    assertThat(second).isEqualTo(first);
  }

  @ParameterizedTest
  @MethodSource("validCorpus")
  void serialisingKeepsEveryFieldOfTheOriginalDocument(Path file) throws IOException {
    byte[] original = OpenRtbCorpus.read(file);
    JsonValue before = tree(original);
    JsonValue after = tree(codec.writeRequest(codec.parseRequest(original)));
    assertThat(sameJson(before, after))
        .as("%s re-serialised:%n%s", file.getFileName(), new String(codec.writeRequest(codec.parseRequest(original)), StandardCharsets.UTF_8))
        .isTrue();
  }

  @Test
  void extAndUnknownFieldsSurviveARoundTrip() {
    String json = """
        {"id":"r1","imp":[{"id":"1","banner":{"w":300,"h":250,"hmax":90,"ext":{"a":[1,2.50,{"b":null}]}},
         "future_field":{"x":true}}],"site":{"id":"s","page":"https://example.com/a"},
         "ext":{"prebid":{"debug":true}},"brand_new_top_level":"kept"}""";
    BidRequest request = codec.parseRequest(json);

    Imp imp = request.imp().get(0);
    assertThat(imp.unknown().has("future_field")).isTrue();
    assertThat(imp.banner().unknown().get("hmax")).isEqualTo(new JsonNumber("90"));
    assertThat(request.unknown().string("brand_new_top_level")).isEqualTo("kept");

    String written = codec.writeRequestAsString(request);
    assertThat(written).contains("\"future_field\":{\"x\":true}", "\"hmax\":90",
        "\"a\":[1,2.50,{\"b\":null}]", "\"brand_new_top_level\":\"kept\"", "\"prebid\":{\"debug\":true}");
    assertThat(codec.parseRequest(written)).isEqualTo(request);
  }

  @Test
  void nativeImpIsReadFromTheJavaKeywordField() {
    BidRequest request = codec.parseRequest("""
        {"id":"r","imp":[{"id":"1","native":{"request":"{}","ver":"1.2"}}],"app":{"id":"a"}}""");
    assertThat(request.imp().get(0).nativeAd().ver()).isEqualTo("1.2");
    assertThat(codec.writeRequestAsString(request)).contains("\"native\":{\"request\":\"{}\",\"ver\":\"1.2\"}");
  }

  @Test
  void snakeCaseFieldsMapToCamelCaseComponents() {
    BidRequest request = codec.parseRequest("""
        {"id":"r","imp":[{"id":"1","banner":{"w":1,"h":1},"pmp":{"private_auction":1}}],
         "regs":{"us_privacy":"1YNN","gpp_sid":[2,6]}}""");
    assertThat(request.regs().usPrivacy()).isEqualTo("1YNN");
    assertThat(request.regs().gppSid()).containsExactly(2, 6);
    assertThat(request.imp().get(0).pmp().privateAuction()).isEqualTo(1);
  }

  @Test
  void wrongTypeIsReportedWithTheFieldPath() {
    assertThatThrownBy(() -> codec.parseRequest("""
        {"id":"r","imp":[{"id":"1"},{"id":"2","banner":{"format":[{"w":300,"h":"250"}]}}]}"""))
        .isInstanceOf(JsonInputException.class)
        .hasMessage("request.imp[1].banner.format[0].h must be an integer");
    assertThatThrownBy(() -> codec.parseRequest("{\"id\":5}"))
        .hasMessage("request.id must be a string");
    assertThatThrownBy(() -> codec.parseRequest("{\"imp\":{}}"))
        .hasMessage("request.imp must be an array");
    assertThatThrownBy(() -> codec.parseRequest("[1,2]"))
        .hasMessage("request must be an object");
  }

  @Test
  void numbersOutOfRangeAreRejectedNotWrapped() {
    assertThatThrownBy(() -> codec.parseRequest("{\"tmax\":99999999999}"))
        .isInstanceOf(JsonInputException.class)
        .hasMessage("request.tmax is out of range: 99999999999");
    assertThatThrownBy(() -> codec.parseRequest("{\"imp\":[{\"bidfloor\":1e999}]}"))
        .hasMessage("request.imp[0].bidfloor is out of range: 1e999");
    assertThatThrownBy(() -> codec.parseRequest("{\"tmax\":1.5}"))
        .hasMessage("request.tmax must be an integer");
  }

  @Test
  void nullMeansAbsent() {
    BidRequest request = codec.parseRequest("{\"id\":\"r\",\"site\":null,\"tmax\":null}");
    assertThat(request.site()).isNull();
    assertThat(request.tmax()).isNull();
    assertThat(codec.writeRequestAsString(request)).isEqualTo("{\"id\":\"r\"}");
  }

  @Test
  void malformedJsonNamesThePosition() {
    assertThatThrownBy(() -> codec.parseRequest("{\"id\":\"r\",}"))
        .isInstanceOf(JsonInputException.class)
        .hasMessageStartingWith("request is not valid JSON")
        .hasMessageContaining("line 1");
    assertThatThrownBy(() -> codec.parseRequest("")).hasMessage("request is empty");
    assertThatThrownBy(() -> codec.parseRequest("{\"id\":\"r\"} {}"))
        .hasMessage("request has content after the end of the JSON object");
  }

  @Test
  void inputBeyondTheLimitsIsRejected() {
    OpenRtbCodec small = new OpenRtbCodec(new JsonLimits(1000, 8, 100, 20), JsonLimits.RESPONSE);
    String big = "{\"id\":\"" + "x".repeat(2000) + "\"}";
    assertThatThrownBy(() -> small.parseRequest(big))
        .isInstanceOf(JsonInputException.class)
        .hasMessageStartingWith("request is too large: 2009 bytes");
    assertThatThrownBy(() -> small.parseRequest("{\"id\":\"" + "x".repeat(200) + "\"}"))
        .isInstanceOf(JsonInputException.class)
        .hasMessageStartingWith("request exceeds a limit: String length (200)");
    String deep = "{\"ext\":{\"a\":" + "[".repeat(20) + "]".repeat(20) + "}}";
    assertThatThrownBy(() -> small.parseRequest(deep))
        .isInstanceOf(JsonInputException.class)
        .hasMessageStartingWith("request exceeds a limit")
        .hasMessageContaining("nesting depth");
  }

  @Test
  void responsesRoundTrip() {
    String json = """
        {"id":"r","seatbid":[{"seat":"s","bid":[{"id":"b","impid":"1","price":1.25,
         "adm":"<div>${AUCTION_PRICE}</div>","adomain":["a.com"],"mtype":1,"ext":{"k":1}}]}],"cur":"USD"}""";
    BidResponse response = codec.parseResponse(json.getBytes(StandardCharsets.UTF_8));
    assertThat(response.seatbid().get(0).bid().get(0).price()).isEqualTo(1.25);
    assertThat(codec.parseResponse(codec.writeResponse(response))).isEqualTo(response);
  }

  private static JsonValue tree(byte[] json) throws IOException {
    try (JsonParser p = new JsonSupport(JsonLimits.REQUEST).parser(json, 0, json.length)) {
      p.nextToken();
      return JsonSupport.readTree(p);
    }
  }

  /** JSON equality where 1.0 equals 1.00 (typed doubles are re-written in canonical form). */
  private static boolean sameJson(JsonValue a, JsonValue b) {
    if (a instanceof JsonNumber x && b instanceof JsonNumber y) {
      return x.decimal().compareTo(y.decimal()) == 0;
    }
    if (a instanceof JsonObject x && b instanceof JsonObject y) {
      if (!x.members().keySet().equals(y.members().keySet())) {
        return false;
      }
      for (Map.Entry<String, JsonValue> e : x.members().entrySet()) {
        if (!sameJson(e.getValue(), y.get(e.getKey()))) {
          return false;
        }
      }
      return true;
    }
    if (a instanceof JsonArray x && b instanceof JsonArray y) {
      if (x.elements().size() != y.elements().size()) {
        return false;
      }
      for (int i = 0; i < x.elements().size(); i++) {
        if (!sameJson(x.elements().get(i), y.elements().get(i))) {
          return false;
        }
      }
      return true;
    }
    return a.equals(b);
  }
}
