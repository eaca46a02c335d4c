package io.bidsift.auctionlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonParser;
import io.bidsift.testsupport.OpenRtbCorpus;
import io.bidsift.json.JsonArray;
import io.bidsift.json.JsonInputException;
import io.bidsift.json.JsonLimits;
import io.bidsift.json.JsonNull;
import io.bidsift.json.JsonNumber;
import io.bidsift.json.JsonObject;
import io.bidsift.json.JsonString;
import io.bidsift.json.JsonSupport;
import io.bidsift.openrtb.BidRequest;
import io.bidsift.openrtb.OpenRtbCodec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AuctionLogCodecTest {

  private static final String TS = "'2026-11-20T13:45:12.345Z'";
  private static final String REQUEST = "{'id':'r1','imp':[{'id':'1','banner':{'w':300,'h':250}}]}";
  private static final String CALLOUT =
      "{'dsp':'dsp-a','sent':true,'explore':false,'score':0.0831,'outcome':'bid','price':1.42,'latency_ms':37}";

  private final OpenRtbCodec openRtb = new OpenRtbCodec();
  private final AuctionLogCodec codec = new AuctionLogCodec(openRtb);

  @Test
  void everyCorpusRequestSurvivesAnEncodeDecodeRoundTrip() {
    List<Path> files = OpenRtbCorpus.valid();
    assertThat(files).hasSizeGreaterThan(40);
    for (Path file : files) {
      BidRequest request = openRtb.parseRequest(OpenRtbCorpus.read(file));
      AuctionRecord record = AuctionLogFixtures.record(request, Instant.parse("2026-11-20T13:45:12.345Z"), "m-7");

      byte[] line = codec.encode(record);
      AuctionRecord decoded = codec.decode(line, 0, line.length);

      assertThat(decoded).as(file.getFileName().toString()).isEqualTo(record);
      assertThat(codec.encode(decoded)).as(file.getFileName().toString()).isEqualTo(line);
    }
  }

  @Test
  void encodedLineContainsNoNewlineEvenWhenTheRequestDoes() {
    BidRequest withNewline = openRtb.parseRequest(
        json("{'id':'r1','site':{'name':'first line\\nsecond line\\r\\n'},'imp':[{'id':'1','banner':{'w':1,'h':1}}]}"));
    assertThat(withNewline.site().name()).isEqualTo("first line\nsecond line\r\n");
    AuctionRecord record = new AuctionRecord(Instant.EPOCH, withNewline, null, List.of());

    byte[] line = codec.encode(record);

    assertThat(new String(line, StandardCharsets.UTF_8)).doesNotContain("\n").doesNotContain("\r");
    assertThat(codec.decode(line, 0, line.length)).isEqualTo(record);
  }

  @Test
  void tsIsWrittenInUtcWithExactlyThreeFractionDigits() throws IOException {
    assertThat(encodedTs(Instant.parse("2026-11-20T13:45:12Z"))).isEqualTo("2026-11-20T13:45:12.000Z");
    assertThat(encodedTs(Instant.parse("2026-11-20T13:45:12.3Z"))).isEqualTo("2026-11-20T13:45:12.300Z");
    assertThat(encodedTs(Instant.parse("2026-11-20T14:45:12.345+01:00"))).isEqualTo("2026-11-20T13:45:12.345Z");
    // Finer than milliseconds is truncated, never rounded into the next millisecond (or hour partition).
    assertThat(encodedTs(Instant.parse("2026-11-20T23:59:59.999999999Z"))).isEqualTo("2026-11-20T23:59:59.999Z");
  }

  @Test
  void decodeAcceptsAnyIso8601InstantNotOnlyTheCanonicalForm() {
    assertThat(decodeTs("2026-11-20T13:45:12.345Z")).isEqualTo(Instant.parse("2026-11-20T13:45:12.345Z"));
    assertThat(decodeTs("2026-11-20T13:45:12Z")).isEqualTo(Instant.parse("2026-11-20T13:45:12Z"));
    assertThat(decodeTs("2026-11-20T13:45:12.345678Z")).isEqualTo(Instant.parse("2026-11-20T13:45:12.345678Z"));
    assertThat(decodeTs("2026-11-20T14:45:12.345+01:00")).isEqualTo(Instant.parse("2026-11-20T13:45:12.345Z"));
    assertThat(decodeTs("2028-02-29T00:00:00.000Z")).isEqualTo(Instant.parse("2028-02-29T00:00:00Z"));
  }

  @Test
  void nullsAreWrittenAsExplicitNullsWithTheContractFieldNames() throws IOException {
    AuctionRecord record = new AuctionRecord(Instant.parse("2026-11-20T13:45:12.345Z"),
        openRtb.parseRequest(json(REQUEST)), null,
        List.of(new Callout("dsp-e", false, false, null, Outcome.FILTERED, null, null, null)));

    JsonObject line = tree(codec.encode(record));

    assertThat(line.members().keySet()).containsExactly("v", "ts", "request", "model", "callouts");
    assertThat(line.get("v")).isEqualTo(new JsonNumber("1"));
    assertThat(line.get("model")).isEqualTo(JsonNull.INSTANCE);
    JsonObject callout = (JsonObject) ((JsonArray) line.get("callouts")).elements().get(0);
    assertThat(callout.members().keySet())
        .containsExactly("dsp", "sent", "explore", "score", "outcome", "price", "latency_ms");
    assertThat(callout.get("score")).isEqualTo(JsonNull.INSTANCE);
    assertThat(callout.get("price")).isEqualTo(JsonNull.INSTANCE);
    assertThat(callout.get("latency_ms")).isEqualTo(JsonNull.INSTANCE);
    assertThat(callout.get("outcome")).isEqualTo(new JsonString("filtered"));
    assertThat(codec.decode(codec.encode(record), 0, codec.encode(record).length)).isEqualTo(record);
  }

  @Test
  void everySkipReasonRoundTripsUnderItsContractName() throws IOException {
    for (SkipReason reason : SkipReason.values()) {
      AuctionRecord record = new AuctionRecord(Instant.parse("2026-11-20T13:45:12.345Z"),
          openRtb.parseRequest(json(REQUEST)), "m1",
          List.of(new Callout("dsp-e", false, false, 0.01, Outcome.FILTERED, null, null, reason)));

      byte[] line = codec.encode(record);

      JsonObject callout = (JsonObject) ((JsonArray) tree(line).get("callouts")).elements().get(0);
      assertThat(callout.get("skip")).isEqualTo(new JsonString(reason.wire()));
      assertThat(codec.decode(line, 0, line.length)).isEqualTo(record);
    }
    assertThat(Stream.of(SkipReason.values()).map(SkipReason::wire))
        .containsExactly("model", "qps", "health", "time", "shed", "privacy");
  }

  @Test
  void aFilteredCalloutOfAnOlderFileWithoutSkipReadsWithNoReason() {
    String line = json("{'v':1,'ts':" + TS + ",'request':" + REQUEST + ",'model':'m1','callouts':[{'dsp':'dsp-e',"
        + "'sent':false,'explore':false,'score':0.01,'outcome':'filtered','price':null,'latency_ms':null}]}");

    Callout callout = codec.decode(line).callouts().get(0);

    assertThat(callout.skip()).isNull();
    assertThat(callout.outcome()).isEqualTo(Outcome.FILTERED);
  }

  @Test
  void anUnknownOrMistypedSkipIsIgnoredRatherThanFailingTheLine() {
    for (String skip : List.of("'overheated'", "7", "{'why':'x'}", "null")) {
      String line = json("{'v':1,'ts':" + TS + ",'request':" + REQUEST + ",'model':null,'callouts':[{'dsp':'dsp-e',"
          + "'sent':false,'explore':false,'score':null,'outcome':'filtered','price':null,'latency_ms':null,"
          + "'skip':" + skip + "},{'dsp':'dsp-f','sent':false,'explore':false,'score':null,'outcome':'filtered',"
          + "'price':null,'latency_ms':null,'skip':'qps'}]}");

      List<Callout> callouts = codec.decode(line).callouts();

      assertThat(callouts).extracting(Callout::skip).as(skip).containsExactly(null, SkipReason.QPS);
    }
  }

  @Test
  void aSkipOnASentCalloutIsIgnoredOnReadAndRefusedOnConstruction() {
    String line = json("{'v':1,'ts':" + TS + ",'request':" + REQUEST + ",'model':null,'callouts':[{'dsp':'dsp-a',"
        + "'sent':true,'explore':false,'score':null,'outcome':'no_bid','price':null,'latency_ms':4,'skip':'qps'}]}");

    assertThat(codec.decode(line).callouts().get(0).skip()).isNull();
    assertThatThrownBy(() -> new Callout("dsp-a", true, false, null, Outcome.NO_BID, null, 4, SkipReason.QPS))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("qps");
  }

  @Test
  void contractExampleLineDecodes() {
    String line = json("{'v':1,'ts':" + TS + ",'request':" + REQUEST + ",'model':'model version used',"
        + "'callouts':[" + CALLOUT + "]}");

    AuctionRecord record = codec.decode(line);

    assertThat(record.ts()).isEqualTo(Instant.parse("2026-11-20T13:45:12.345Z"));
    assertThat(record.request().id()).isEqualTo("r1");
    assertThat(record.request().imp().get(0).banner().w()).isEqualTo(300);
    assertThat(record.model()).isEqualTo("model version used");
    assertThat(record.callouts()).containsExactly(new Callout("dsp-a", true, false, 0.0831, Outcome.BID, 1.42, 37, null));
    assertThat(record.callouts().get(0).label()).isEqualTo(1);
  }

  @Test
  void unknownFieldsAreIgnoredOutsideTheRequestAndPreservedInsideIt() throws IOException {
    String line = json("{'host':'auction-3','v':1,'meta':{'a':[1,{'b':null}]},'ts':" + TS + ","
        + "'request':{'id':'r1','x_custom':{'k':[1,2]},'imp':[{'id':'1','banner':{'w':300,'h':250}}]},"
        + "'model':null,'callouts':[{'dsp':'dsp-a','seat':{'id':'s'},'sent':true,'explore':false,"
        + "'score':null,'outcome':'no_bid','price':null,'latency_ms':5,'extra':[true]}],'v2_field':7}");

    AuctionRecord record = codec.decode(line);

    assertThat(record.callouts()).containsExactly(new Callout("dsp-a", true, false, null, Outcome.NO_BID, null, 5, null));
    assertThat(record.request().unknown().members()).containsOnlyKeys("x_custom");
    JsonObject reEncoded = tree(codec.encode(record));
    assertThat(reEncoded.members().keySet()).containsExactly("v", "ts", "request", "model", "callouts");
    assertThat(reEncoded.object("request").get("x_custom")).isEqualTo(record.request().unknown().get("x_custom"));
  }

  @Test
  void decodeReadsOnlyTheGivenSliceOfTheBuffer() {
    String good = json("{'v':1,'ts':" + TS + ",'request':" + REQUEST + ",'model':null,'callouts':[]}");
    byte[] buffer = ("garbage{\n" + good + "\n{not json").getBytes(StandardCharsets.UTF_8);

    AuctionRecord record = codec.decode(buffer, "garbage{\n".length(), good.length());

    assertThat(record.request().id()).isEqualTo("r1");
    assertThat(record.callouts()).isEmpty();
  }

  @Test
  void encodeRefusesANonFiniteScoreRatherThanWriteALineNoReaderAccepts() {
    AuctionRecord record = new AuctionRecord(Instant.EPOCH, openRtb.parseRequest(json(REQUEST)), null,
        List.of(new Callout("dsp-a", true, false, 0.1, Outcome.BID, 1.0, 1, null),
            new Callout("dsp-b", true, false, Double.NaN, Outcome.NO_BID, null, 1, null)));

    assertThatThrownBy(() -> codec.encode(record))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("callouts[1].score must be finite");
  }

  static Stream<Arguments> malformedLines() {
    String request = "'request':" + REQUEST;
    String tail = "'model':null,'callouts':[" + CALLOUT + "]";
    String head = "'v':1,'ts':" + TS + "," + request;
    return Stream.of(
        Arguments.of("not json", "line is not valid JSON"),
        Arguments.of("", "line is empty"),
        Arguments.of("[1,2]", "line must be a JSON object"),
        Arguments.of("{" + head + "," + tail + "} {}", "line has content after the end of the JSON object"),
        Arguments.of("{'v':1,'ts':" + TS + ",'requ", "line is not valid JSON"),
        Arguments.of("{'v':1,'ts':" + TS + ",'request':{'id':'r1',,}," + tail + "}", "line is not valid JSON"),
        Arguments.of("{'ts':" + TS + "," + request + "," + tail + "}", "v is missing"),
        Arguments.of("{'v':2,'ts':" + TS + "," + request + "," + tail + "}", "v must be 1, was 2"),
        Arguments.of("{'v':'1','ts':" + TS + "," + request + "," + tail + "}", "v must be 1, was \"1\""),
        Arguments.of("{'v':1," + request + "," + tail + "}", "ts is missing"),
        Arguments.of("{'v':1,'ts':1763646312345," + request + "," + tail + "}", "ts must be a string"),
        Arguments.of("{'v':1,'ts':'yesterday'," + request + "," + tail + "}",
            "ts is not an ISO-8601 UTC timestamp: \"yesterday\""),
        Arguments.of("{'v':1,'ts':'2026-13-20T13:45:12.345Z'," + request + "," + tail + "}",
            "ts is not an ISO-8601 UTC timestamp"),
        Arguments.of("{'v':1,'ts':'2026-02-30T13:45:12.345Z'," + request + "," + tail + "}",
            "ts is not an ISO-8601 UTC timestamp"),
        Arguments.of("{'v':1,'ts':" + TS + "," + tail + "}", "request is missing"),
        Arguments.of("{'v':1,'ts':" + TS + ",'request':[]," + tail + "}", "request must be an object"),
        Arguments.of("{'v':1,'ts':" + TS + ",'request':{'id':'r1','imp':[{'id':'1','banner':{'w':'300'}}]},"
            + tail + "}", "request.imp[0].banner.w must be an integer"),
        Arguments.of("{" + head + ",'model':5,'callouts':[]}", "model must be a string or null"),
        Arguments.of("{" + head + ",'model':null}", "callouts is missing"),
        Arguments.of("{" + head + ",'callouts':{}}", "callouts must be an array"),
        Arguments.of("{" + head + ",'callouts':[" + CALLOUT + ",5]}", "callouts[1] must be an object"),
        Arguments.of("{" + head + ",'callouts':[" + CALLOUT + "," + CALLOUT + "," + CALLOUT.replace("'bid'", "'won'")
            + "]}", "callouts[2].outcome is not one of bid, no_bid, timeout, error, filtered: \"won\""),
        Arguments.of("{" + head + ",'callouts':[" + CALLOUT.replace("'bid'", "null") + "]}",
            "callouts[0].outcome is not one of bid, no_bid, timeout, error, filtered: null"),
        Arguments.of("{" + head + ",'callouts':[" + CALLOUT.replace("'sent':true", "'sent':'yes'") + "]}",
            "callouts[0].sent must be a boolean"),
        Arguments.of("{" + head + ",'callouts':[" + CALLOUT.replace("'explore':false,", "") + "]}",
            "callouts[0].explore is missing"),
        Arguments.of("{" + head + ",'callouts':[" + CALLOUT.replace("'dsp':'dsp-a',", "") + "]}",
            "callouts[0].dsp is missing"),
        Arguments.of("{" + head + ",'callouts':[" + CALLOUT.replace("'dsp-a'", "7") + "]}",
            "callouts[0].dsp must be a string"),
        Arguments.of("{" + head + ",'callouts':[" + CALLOUT.replace("0.0831", "'high'") + "]}",
            "callouts[0].score must be a number or null"),
        Arguments.of("{" + head + ",'callouts':[" + CALLOUT.replace("1.42", "1e999") + "]}",
            "callouts[0].price is out of range"),
        Arguments.of("{" + head + ",'callouts':[" + CALLOUT.replace(":37", ":37.5") + "]}",
            "callouts[0].latency_ms must be an integer or null"),
        Arguments.of("{" + head + ",'callouts':[" + CALLOUT.replace(":37", ":9999999999") + "]}",
            "callouts[0].latency_ms is out of range"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("malformedLines")
  void malformedLineIsRejectedWithAPathQualifiedReason(String line, String expectedMessage) {
    assertThatThrownBy(() -> codec.decode(json(line)))
        .isInstanceOf(JsonInputException.class)
        .hasMessageStartingWith(expectedMessage);
  }

  /** Single quotes keep the JSON in these tests readable; no test string needs a literal one. */
  private static String json(String singleQuoted) {
    return singleQuoted.replace('\'', '"');
  }

  private String encodedTs(Instant ts) throws IOException {
    AuctionRecord record = new AuctionRecord(ts, openRtb.parseRequest(json(REQUEST)), null, List.of());
    return tree(codec.encode(record)).string("ts");
  }

  private Instant decodeTs(String ts) {
    return codec.decode(json("{'v':1,'ts':'" + ts + "','request':" + REQUEST + ",'callouts':[]}")).ts();
  }

  private static JsonObject tree(byte[] line) throws IOException {
    JsonSupport json = new JsonSupport(JsonLimits.REQUEST);
    try (JsonParser p = json.parser(line, 0, line.length)) {
      p.nextToken();
      return (JsonObject) JsonSupport.readTree(p);
    }
  }
}
