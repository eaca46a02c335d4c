package io.bidsift.bundle;

import io.bidsift.json.JsonArray;
import io.bidsift.json.JsonInputException;
import io.bidsift.json.JsonNull;
import io.bidsift.json.JsonNumber;
import io.bidsift.json.JsonObject;
import io.bidsift.json.JsonValue;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code canary.jsonl}: one {@link CanaryRow} per line,
 * {@code {"dsp":"dsp-a","features":[3.0,null,0.25],"score":0.0831}}. Floats are written with
 * {@link Float#toString}, the shortest text that parses back to the same float, so a reader gets
 * exactly the values XGBoost scored.
 */
public final class CanaryFile {

  private CanaryFile() {
  }

  public static byte[] write(List<CanaryRow> rows) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(rows.size() * 512);
    for (CanaryRow row : rows) {
      float[] f = row.features();
      List<JsonValue> features = new ArrayList<>(f.length);
      for (float v : f) {
        features.add(Float.isNaN(v) ? JsonNull.INSTANCE : new JsonNumber(Float.toString(v)));
      }
      JsonObject line = JsonTrees.object()
          .put("dsp", row.dsp())
          .put("features", new JsonArray(features))
          .put("score", new JsonNumber(Float.toString(row.score())))
          .build();
      out.writeBytes(JsonTrees.toBytes(line, false));
      out.write('\n');
    }
    return out.toByteArray();
  }

  /**
   * Reads a canary file.
   *
   * @throws JsonInputException naming the line, e.g. {@code canary.jsonl:3.features[2] must be a number or null}
   */
  public static List<CanaryRow> read(byte[] bytes) {
    List<CanaryRow> rows = new ArrayList<>();
    String[] lines = new String(bytes, StandardCharsets.UTF_8).split("\n");
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].isBlank()) {
        continue;
      }
      try {
        JsonObject o = JsonTrees.parseObject(lines[i].getBytes(StandardCharsets.UTF_8));
        List<JsonValue> values = JsonTrees.requireArray(o, "features").elements();
        float[] features = new float[values.size()];
        for (int j = 0; j < features.length; j++) {
          JsonValue v = values.get(j);
          if (v instanceof JsonNull) {
            features[j] = Float.NaN;
          } else if (v instanceof JsonNumber n) {
            features[j] = Float.parseFloat(n.text());
          } else {
            throw new JsonInputException("must be a number or null").within("[" + j + "]").within(".features");
          }
        }
        rows.add(new CanaryRow(JsonTrees.requireString(o, "dsp"), features,
            (float) JsonTrees.requireNumber(o, "score")));
      } catch (JsonInputException e) {
        throw e.atRoot(BundleFiles.CANARY + ":" + (i + 1));
      }
    }
    return rows;
  }
}
