package io.bidsift.features;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.bidsift.features.EncodingTables.KeyCounts;
import io.bidsift.json.JsonInputException;
import io.bidsift.json.JsonLimits;
import io.bidsift.json.JsonSupport;
import io.bidsift.signals.RequestSignals;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * {@code encodings.json}, streamed both ways (tables can hold hundreds of thousands of keys):
 *
 * <pre>{@code
 * {"feature_spec_version": 1, "signals_version": 1, "smoothing": 20.0,
 *  "dsps": ["dsp-a", "dsp-b"],
 *  "counts": {
 *    "dsp-a": {"bids": 120, "trials": 4000,
 *              "publisher": [["pub-1", 12, 300], ...],
 *              "publisher_format": [["pub-1", "banner", 3, 100], ...], ...}}}
 * }</pre>
 *
 * Keys are array elements rather than member names: they are data, and Jackson's member-name
 * symbol table is not meant for hundreds of thousands of distinct names. Written in sorted order,
 * so equal tables give equal files. Unknown top-level members are ignored; an unknown key kind
 * is an error (it means another feature spec).
 */
final class EncodingTablesJson {

  /** Our own file, but possibly large: no document size bound, string and depth bounds only. */
  private static final JsonSupport JSON = new JsonSupport(new JsonLimits(Integer.MAX_VALUE, 8, 64 * 1024, 64));

  private EncodingTablesJson() {
  }

  static void write(EncodingTables tables, OutputStream out) throws IOException {
    try (JsonGenerator g = JSON.factory().createGenerator(out, JsonEncoding.UTF8)) {
      g.writeStartObject();
      g.writeNumberField("feature_spec_version", FeatureSchema.FEATURE_SPEC_VERSION);
      g.writeNumberField("signals_version", FeatureSchema.SIGNALS_VERSION);
      g.writeNumberField("smoothing", tables.smoothing());
      g.writeArrayFieldStart("dsps");
      for (String dsp : tables.dsps()) {
        g.writeString(dsp);
      }
      g.writeEndArray();
      g.writeObjectFieldStart("counts");
      List<List<String>> sortedKeys = new ArrayList<>();
      for (KeyKind kind : KeyKind.all()) {
        KeyCounts counts = tables.keyCounts(kind);
        sortedKeys.add(new ArrayList<>(new TreeSet<>(kind.isPair() ? counts.pairs().keySet() : counts.single().keySet())));
      }
      for (String dsp : tables.dsps()) {
        EncodingTables.Dsp d = tables.dsp(dsp);
        if (d.trials == 0) {
          continue;
        }
        g.writeObjectFieldStart(dsp);
        g.writeNumberField("bids", d.bids);
        g.writeNumberField("trials", d.trials);
        for (KeyKind kind : KeyKind.all()) {
          writeKind(g, kind, tables.keyCounts(kind), sortedKeys.get(kind.ordinal()), d.index);
        }
        g.writeEndObject();
      }
      g.writeEndObject();
      g.writeEndObject();
    }
  }

  /** The DSP's keys with trials, as {@code [key, bids, trials]} or {@code [key, sub_key, bids, trials]}. */
  private static void writeKind(JsonGenerator g, KeyKind kind, KeyCounts counts, List<String> sortedKeys, int dsp)
      throws IOException {
    g.writeArrayFieldStart(kind.wireName());
    for (String key : sortedKeys) {
      if (kind.isPair()) {
        for (Map.Entry<String, long[]> bySub : new TreeMap<>(counts.pairs().get(key)).entrySet()) {
          long[] c = bySub.getValue();
          if (c[2 * dsp + 1] > 0) {
            g.writeStartArray();
            g.writeString(key);
            g.writeString(bySub.getKey());
            g.writeNumber(c[2 * dsp]);
            g.writeNumber(c[2 * dsp + 1]);
            g.writeEndArray();
          }
        }
      } else {
        long[] c = counts.single().get(key);
        if (c[2 * dsp + 1] > 0) {
          g.writeStartArray();
          g.writeString(key);
          g.writeNumber(c[2 * dsp]);
          g.writeNumber(c[2 * dsp + 1]);
          g.writeEndArray();
        }
      }
    }
    g.writeEndArray();
  }

  static EncodingTables read(InputStream in) throws IOException {
    try (JsonParser p = JSON.factory().createParser(in)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new JsonInputException("must be a JSON object");
      }
      return readTables(p);
    } catch (JsonInputException e) {
      throw e.atRoot("encodings");
    } catch (JsonProcessingException e) {
      throw JsonSupport.malformed(e).atRoot("encodings");
    }
  }

  private static EncodingTables readTables(JsonParser p) throws IOException {
    Integer specVersion = null;
    Integer signalsVersion = null;
    Double smoothing = null;
    List<String> dsps = null;
    Map<String, DspRead> counts = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken t = p.nextToken();
      try {
        switch (name) {
          case "feature_spec_version" -> specVersion = readInt(p, t);
          case "signals_version" -> signalsVersion = readInt(p, t);
          case "smoothing" -> smoothing = readPositiveDouble(p, t);
          case "dsps" -> dsps = readStrings(p, t);
          case "counts" -> counts = readCounts(p, t);
          default -> p.skipChildren();
        }
      } catch (JsonInputException e) {
        throw e.within("." + name);
      }
    }
    require(specVersion != null, "feature_spec_version");
    require(signalsVersion != null, "signals_version");
    require(smoothing != null, "smoothing");
    require(dsps != null, "dsps");
    require(counts != null, "counts");
    if (specVersion != FeatureSchema.FEATURE_SPEC_VERSION) {
      throw new JsonInputException("is " + specVersion + ", but this build encodes features of version "
          + FeatureSchema.FEATURE_SPEC_VERSION).within(".feature_spec_version");
    }
    if (signalsVersion != FeatureSchema.SIGNALS_VERSION) {
      throw new JsonInputException("is " + signalsVersion + ", but this build extracts signals of version "
          + FeatureSchema.SIGNALS_VERSION).within(".signals_version");
    }
    EncodingTables.Builder builder = EncodingTables.builder(smoothing).addDsps(dsps);
    for (Map.Entry<String, DspRead> e : counts.entrySet()) {
      if (!dsps.contains(e.getKey())) {
        throw new JsonInputException("has a DSP that is not in dsps").within(".counts." + e.getKey());
      }
      e.getValue().addTo(e.getKey(), builder);
    }
    return builder.build();
  }

  /** One DSP's counts as read, checked, before they go into the builder. */
  private record DspRead(long bids, long trials, List<KeyRead> keys) {
    void addTo(String dsp, EncodingTables.Builder builder) {
      builder.addTotals(dsp, bids, trials);
      for (KeyRead k : keys) {
        builder.addKeyCounts(dsp, k.kind, k.key, k.subKey, k.bids, k.trials);
      }
    }
  }

  private record KeyRead(KeyKind kind, String key, String subKey, long bids, long trials) {
  }

  private static Map<String, DspRead> readCounts(JsonParser p, JsonToken t) throws IOException {
    if (t != JsonToken.START_OBJECT) {
      throw new JsonInputException("must be an object");
    }
    Map<String, DspRead> counts = new TreeMap<>();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String dsp = p.currentName();
      try {
        counts.put(dsp, readDsp(p, p.nextToken()));
      } catch (JsonInputException e) {
        throw e.within("." + dsp);
      }
    }
    return counts;
  }

  private static DspRead readDsp(JsonParser p, JsonToken t) throws IOException {
    if (t != JsonToken.START_OBJECT) {
      throw new JsonInputException("must be an object");
    }
    Long bids = null;
    Long trials = null;
    List<KeyRead> keys = new ArrayList<>();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken v = p.nextToken();
      try {
        if (name.equals("bids")) {
          bids = readCount(p, v);
        } else if (name.equals("trials")) {
          trials = readCount(p, v);
        } else {
          KeyKind kind = KeyKind.fromWireName(name);
          if (kind == null) {
            throw new JsonInputException("is not a key kind of feature spec " + FeatureSchema.FEATURE_SPEC_VERSION);
          }
          readKeys(p, v, kind, keys);
        }
      } catch (JsonInputException e) {
        throw e.within("." + name);
      }
    }
    require(bids != null, "bids");
    require(trials != null, "trials");
    checkCounts(bids, trials);
    return new DspRead(bids, trials, keys);
  }

  private static void readKeys(JsonParser p, JsonToken t, KeyKind kind, List<KeyRead> out) throws IOException {
    if (t != JsonToken.START_ARRAY) {
      throw new JsonInputException("must be an array");
    }
    for (int i = 0; p.nextToken() != JsonToken.END_ARRAY; i++) {
      try {
        if (p.currentToken() != JsonToken.START_ARRAY) {
          throw new JsonInputException(kind.isPair() ? "must be [key, sub_key, bids, trials]"
              : "must be [key, bids, trials]");
        }
        String key = readString(p, p.nextToken());
        String subKey = kind.isPair() ? readString(p, p.nextToken()) : null;
        long bids = readCount(p, p.nextToken());
        long trials = readCount(p, p.nextToken());
        if (p.nextToken() != JsonToken.END_ARRAY) {
          throw new JsonInputException("has too many elements");
        }
        checkCounts(bids, trials);
        out.add(new KeyRead(kind, key, subKey, bids, trials));
      } catch (JsonInputException e) {
        throw e.within("[" + i + "]");
      }
    }
  }

  private static void checkCounts(long bids, long trials) {
    if (trials < bids) {
      throw new JsonInputException("has more bids than trials: " + bids + " of " + trials);
    }
  }

  private static List<String> readStrings(JsonParser p, JsonToken t) throws IOException {
    if (t != JsonToken.START_ARRAY) {
      throw new JsonInputException("must be an array of strings");
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; p.nextToken() != JsonToken.END_ARRAY; i++) {
      try {
        out.add(readString(p, p.currentToken()));
      } catch (JsonInputException e) {
        throw e.within("[" + i + "]");
      }
    }
    return out;
  }

  private static String readString(JsonParser p, JsonToken t) throws IOException {
    if (t != JsonToken.VALUE_STRING) {
      throw new JsonInputException("must be a string");
    }
    return p.getText();
  }

  private static long readCount(JsonParser p, JsonToken t) throws IOException {
    if (t != JsonToken.VALUE_NUMBER_INT || p.getNumberType() == JsonParser.NumberType.BIG_INTEGER
        || p.getLongValue() < 0) {
      throw new JsonInputException("must be a non-negative integer");
    }
    return p.getLongValue();
  }

  private static int readInt(JsonParser p, JsonToken t) throws IOException {
    if (t != JsonToken.VALUE_NUMBER_INT || p.getNumberType() != JsonParser.NumberType.INT) {
      throw new JsonInputException("must be an integer");
    }
    return p.getIntValue();
  }

  private static double readPositiveDouble(JsonParser p, JsonToken t) throws IOException {
    if ((t != JsonToken.VALUE_NUMBER_INT && t != JsonToken.VALUE_NUMBER_FLOAT) || !(p.getDoubleValue() > 0)
        || Double.isInfinite(p.getDoubleValue())) {
      throw new JsonInputException("must be a positive number");
    }
    return p.getDoubleValue();
  }

  private static void require(boolean present, String field) {
    if (!present) {
      throw new JsonInputException("is missing").within("." + field);
    }
  }
}
