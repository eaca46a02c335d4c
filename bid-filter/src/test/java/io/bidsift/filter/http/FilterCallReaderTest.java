package io.bidsift.filter.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bidsift.json.JsonInputException;
import io.bidsift.openrtb.OpenRtbCodec;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class FilterCallReaderTest {

  private final FilterCallReader reader = new FilterCallReader(new OpenRtbCodec());

  private FilterCall read(String body) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    return reader.read(bytes, bytes.length);
  }

  private static final String REQUEST = "{\"id\":\"r1\",\"imp\":[{\"id\":\"1\",\"banner\":{\"w\":300,\"h\":250}}]}";

  @Test
  void readsRequestDspsAndTsAndIgnoresUnknownMembers() {
    FilterCall call = read("{\"extra\":{\"a\":[1,2]},\"request\":" + REQUEST
        + ",\"dsps\":[\"dsp-a\",\"dsp-b\",\"dsp-a\"],\"ts\":\"2026-11-20T13:45:12.345Z\"}");
    assertThat(call.request().id()).isEqualTo("r1");
    assertThat(call.dsps()).containsExactly("dsp-a", "dsp-b");
    assertThat(call.ts()).isEqualTo(Instant.parse("2026-11-20T13:45:12.345Z"));
  }

  @Test
  void dspsAndTsAreOptional() {
    FilterCall call = read("{\"request\":" + REQUEST + "}");
    assertThat(call.dsps()).isNull();
    assertThat(call.ts()).isNull();
  }

  @Test
  void anOddButParseableRequestIsAccepted() {
    // No device, no site or app, unknown fields: the filter scores it with those values missing.
    FilterCall call = read("{\"request\":{\"id\":\"x\",\"imp\":[],\"whatever\":{\"deep\":[true]}}}");
    assertThat(call.request().site()).isNull();
    assertThat(call.request().device()).isNull();
  }

  @Test
  void badInputIsRefusedWithAMessageNamingTheProblem() {
    assertRefused("not json", "body is not valid JSON");
    assertRefused("[1,2]", "JSON object");
    assertRefused("{\"dsps\":[\"a\"]}", "request is required");
    assertRefused("{\"request\":\"r1\"}", "request must be an object");
    assertRefused("{\"request\":{\"id\":\"r\",\"imp\":[{\"id\":\"1\",\"banner\":{\"w\":\"wide\"}}]}}", "request.imp[0].banner.w");
    assertRefused("{\"request\":" + REQUEST + ",\"dsps\":\"dsp-a\"}", "dsps must be an array");
    assertRefused("{\"request\":" + REQUEST + ",\"dsps\":[\"a\",3]}", "dsps[1]");
    assertRefused("{\"request\":" + REQUEST + ",\"ts\":\"yesterday\"}", "ts must be an ISO-8601");
    assertRefused("{\"request\":" + REQUEST + "} {}", "after");
    assertRefused("{\"request\":" + REQUEST, "");
  }

  private void assertRefused(String body, String messagePart) {
    assertThatThrownBy(() -> read(body)).as(body).isInstanceOf(JsonInputException.class).hasMessageContaining(messagePart);
  }
}
