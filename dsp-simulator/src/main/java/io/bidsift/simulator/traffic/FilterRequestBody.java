package io.bidsift.simulator.traffic;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The bid-filter service's request body (contracts.md §3): {@code {"request": BidRequest, "dsps": [ids]}}. */
public final class FilterRequestBody {

  private static final JsonFactory JSON = new JsonFactory();

  private FilterRequestBody() {
  }

  /** Wraps an encoded bid request, as is, with the DSP ids the filter is asked about. */
  public static byte[] wrap(byte[] bidRequestJson, List<String> dspIds) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(bidRequestJson.length + 32 + 24 * dspIds.size());
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      g.writeFieldName("request");
      g.writeRawValue(new String(bidRequestJson, StandardCharsets.UTF_8));
      g.writeArrayFieldStart("dsps");
      for (String id : dspIds) {
        g.writeString(id);
      }
      g.writeEndArray();
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("writing to memory cannot fail", e);
    }
    return out.toByteArray();
  }
}
