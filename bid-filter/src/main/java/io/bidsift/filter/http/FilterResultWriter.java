package io.bidsift.filter.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.bidsift.filter.decide.Decision;
import io.bidsift.filter.decide.FilterResult;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Writes the filter's answer (contracts.md §3) and error bodies. {@code exploration} and
 * {@code shadow} extend the contract; {@code model_call} appears in shadow mode only.
 */
public final class FilterResultWriter {

  private final JsonFactory factory;

  public FilterResultWriter(JsonFactory factory) {
    this.factory = factory;
  }

  public byte[] write(FilterResult result) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(64 + 112 * result.decisions().size());
    try (JsonGenerator g = factory.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("model", result.model());
      g.writeBooleanField("exploration", result.exploration());
      if (result.shadow()) {
        g.writeBooleanField("shadow", true);
      }
      g.writeArrayFieldStart("decisions");
      for (Decision d : result.decisions()) {
        g.writeStartObject();
        g.writeStringField("dsp", d.dsp());
        g.writeFieldName("score");
        if (d.score() == null) {
          g.writeNull();
        } else {
          g.writeNumber(d.score());
        }
        g.writeFieldName("threshold");
        if (d.threshold() == null) {
          g.writeNull();
        } else {
          g.writeNumber(d.threshold());
        }
        g.writeBooleanField("call", d.call());
        g.writeBooleanField("explore", d.explore());
        if (result.shadow()) {
          g.writeBooleanField("model_call", d.modelCall());
        }
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("writing to memory cannot fail", e);
    }
    return out.toByteArray();
  }

  public byte[] errors(List<String> errors) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(128);
    try (JsonGenerator g = factory.createGenerator(out)) {
      g.writeStartObject();
      g.writeArrayFieldStart("errors");
      for (String e : errors) {
        g.writeString(e);
      }
      g.writeEndArray();
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("writing to memory cannot fail", e);
    }
    return out.toByteArray();
  }
}
