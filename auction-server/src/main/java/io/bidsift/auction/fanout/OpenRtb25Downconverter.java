package io.bidsift.auction.fanout;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import io.bidsift.json.JsonObject;
import io.bidsift.json.JsonSupport;
import io.bidsift.json.JsonValue;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Moves the fields OpenRTB 2.6 made standard back to where 2.5 DSPs read them, the inverse of
 * {@code OpenRtbUpconverter}: {@code regs.gdpr / us_privacy / gpp / gpp_sid} to {@code regs.ext},
 * {@code user.consent / eids} to {@code user.ext}, {@code source.schain} to {@code source.ext}.
 * These are what a 2.5 DSP needs to bid lawfully (consent) and to trust the supply path; other
 * 2.6-only fields (rwdd, dooh, ...) are left in place, where a 2.5 parser ignores them.
 * Works on the JSON tree, so everything else is passed through byte for byte in meaning.
 */
public final class OpenRtb25Downconverter {

  private final JsonSupport json;

  public OpenRtb25Downconverter(JsonSupport json) {
    this.json = json;
  }

  public byte[] downconvert(byte[] request26) {
    JsonValue tree;
    try (JsonParser p = json.parser(request26, 0, request26.length)) {
      p.nextToken();
      tree = JsonSupport.readTree(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (!(tree instanceof JsonObject request)) {
      return request26;
    }
    request = moveToExt(request, "regs", "gdpr", "us_privacy", "gpp", "gpp_sid");
    request = moveToExt(request, "user", "consent", "eids");
    request = moveToExt(request, "source", "schain");
    ByteArrayBuilder out = new ByteArrayBuilder(request26.length + 64);
    try (JsonGenerator g = json.factory().createGenerator(out)) {
      JsonSupport.writeTree(g, request);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static JsonObject moveToExt(JsonObject request, String objectName, String... fields) {
    JsonObject object = request.object(objectName);
    if (object == null) {
      return request;
    }
    JsonObject ext = object.object("ext");
    JsonObject newExt = ext == null ? JsonObject.EMPTY : ext;
    JsonObject moved = object;
    for (String field : fields) {
      JsonValue value = object.get(field);
      if (value != null) {
        if (!newExt.has(field)) {
          newExt = newExt.with(field, value);
        }
        moved = moved.without(field);
      }
    }
    if (moved == object) {
      return request;
    }
    return request.with(objectName, moved.with("ext", newExt));
  }
}
