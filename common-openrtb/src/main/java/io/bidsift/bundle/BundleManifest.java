package io.bidsift.bundle;

import io.bidsift.json.JsonArray;
import io.bidsift.json.JsonInputException;
import io.bidsift.json.JsonObject;
import io.bidsift.json.JsonString;
import io.bidsift.json.JsonValue;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@code manifest.json}, the bundle's table of contents: what the model is, what it was trained
 * on, how to threshold its scores per DSP, how well it did, and the sha256 of every other file.
 *
 * @param format             manifest format, {@link #FORMAT}
 * @param version            model version, {@code <UTC yyyyMMdd'T'HHmmss'Z'>-<first 6 hex of model.json's sha256>}
 * @param created            when the bundle was written
 * @param signalsVersion     {@code RequestSignals.VERSION} the features were built from
 * @param featureSpecVersion {@code FeatureSchema.FEATURE_SPEC_VERSION} of the feature vector
 * @param featureNames       the feature vector, in order; a missing value is NaN
 * @param model              the model file
 * @param trainingWindow     days of the training split
 * @param targetRecall       the bid recall the per-DSP thresholds were chosen for
 * @param targetValueRecall  the share of bid value the thresholds keep too (0: none)
 * @param dsps               per DSP, in DSP order: threshold and recall table
 * @param metrics            summary of the evaluation on the held-out window (metrics.json has it all)
 * @param files              file name → lowercase hex sha256, for every file of the bundle but the manifest
 */
public record BundleManifest(
    int format,
    String version,
    Instant created,
    int signalsVersion,
    int featureSpecVersion,
    List<String> featureNames,
    ModelInfo model,
    TrainingWindow trainingWindow,
    double targetRecall,
    double targetValueRecall,
    Map<String, DspThreshold> dsps,
    JsonObject metrics,
    Map<String, String> files) {

  public static final int FORMAT = 1;

  public BundleManifest {
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(created, "created");
    featureNames = List.copyOf(featureNames);
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(trainingWindow, "trainingWindow");
    dsps = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(dsps));
    metrics = metrics == null ? JsonObject.EMPTY : metrics;
    files = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(files));
  }

  /** The threshold of a DSP, or null when the DSP is always called or unknown to the model. */
  public Double threshold(String dsp) {
    DspThreshold t = dsps.get(dsp);
    return t == null ? null : t.threshold();
  }

  public JsonObject toJson() {
    JsonTrees.ObjectBuilder dspsJson = JsonTrees.object();
    for (DspThreshold t : dsps.values()) {
      List<JsonValue> table = new ArrayList<>();
      for (RecallPoint p : t.recallTable()) {
        table.add(JsonTrees.object()
            .put("recall", p.recall())
            .put("threshold", p.threshold())
            .put("saved", p.saved())
            .put("value_recall", p.valueRecall())
            .build());
      }
      JsonTrees.ObjectBuilder d = JsonTrees.object()
          .put("threshold", t.threshold())
          .put("recall_table", JsonTrees.array(table));
      if (t.reason() != null) {
        d.put("reason", t.reason());
      }
      dspsJson.put(t.dsp(), d.build());
    }
    JsonTrees.ObjectBuilder filesJson = JsonTrees.object();
    files.forEach(filesJson::put);
    return JsonTrees.object()
        .put("format", format)
        .put("version", version)
        .put("created", created.toString())
        .put("signals_version", signalsVersion)
        .put("feature_spec_version", featureSpecVersion)
        .put("feature_names", JsonTrees.strings(featureNames))
        .put("model", JsonTrees.object()
            .put("file", model.file())
            .put("format", model.format())
            .put("objective", model.objective())
            .put("rounds", model.rounds())
            .put("xgboost_version", model.xgboostVersion())
            .build())
        .put("training_window", JsonTrees.object()
            .put("from", trainingWindow.from().toString())
            .put("to", trainingWindow.to().toString())
            .build())
        .put("target_recall", targetRecall)
        .put("target_value_recall", targetValueRecall)
        .put("dsps", dspsJson.build())
        .put("metrics", metrics)
        .put("files", filesJson.build())
        .build();
  }

  /**
   * Reads a manifest; unknown members are ignored (later formats may add some).
   *
   * @throws JsonInputException naming the offending member, e.g. {@code manifest.dsps.dsp-a.threshold must be a number or null}
   */
  public static BundleManifest fromJson(JsonObject json) {
    try {
      int format = JsonTrees.requireInt(json, "format");
      if (format != FORMAT) {
        throw new JsonInputException("is " + format + "; this reader knows format " + FORMAT).within(".format");
      }
      List<String> featureNames = new ArrayList<>();
      JsonArray names = JsonTrees.requireArray(json, "feature_names");
      for (int i = 0; i < names.elements().size(); i++) {
        if (!(names.elements().get(i) instanceof JsonString s)) {
          throw new JsonInputException("must be a string").within("[" + i + "]").within(".feature_names");
        }
        featureNames.add(s.value());
      }
      JsonObject modelJson = JsonTrees.requireObject(json, "model");
      ModelInfo model;
      try {
        model = new ModelInfo(JsonTrees.requireString(modelJson, "file"), JsonTrees.requireString(modelJson, "format"),
            JsonTrees.requireString(modelJson, "objective"), JsonTrees.requireInt(modelJson, "rounds"),
            JsonTrees.optionalString(modelJson, "xgboost_version"));
      } catch (JsonInputException e) {
        throw e.within(".model");
      }
      JsonObject window = JsonTrees.requireObject(json, "training_window");
      TrainingWindow trainingWindow;
      try {
        trainingWindow = new TrainingWindow(date(window, "from"), date(window, "to"));
      } catch (JsonInputException e) {
        throw e.within(".training_window");
      }
      Map<String, DspThreshold> dsps = new LinkedHashMap<>();
      for (Map.Entry<String, JsonValue> e : JsonTrees.requireObject(json, "dsps").members().entrySet()) {
        try {
          dsps.put(e.getKey(), dsp(e.getKey(), e.getValue()));
        } catch (JsonInputException ex) {
          throw ex.within("." + e.getKey()).within(".dsps");
        }
      }
      Map<String, String> files = new LinkedHashMap<>();
      for (Map.Entry<String, JsonValue> e : JsonTrees.requireObject(json, "files").members().entrySet()) {
        if (!(e.getValue() instanceof JsonString s) || !s.value().matches("[0-9a-f]{64}")) {
          throw new JsonInputException("must be a lowercase hex sha256").within("." + e.getKey()).within(".files");
        }
        files.put(e.getKey(), s.value());
      }
      Instant created;
      try {
        created = Instant.parse(JsonTrees.requireString(json, "created"));
      } catch (DateTimeParseException e) {
        throw new JsonInputException("must be an ISO-8601 instant").within(".created");
      }
      JsonObject metrics = json.get("metrics") instanceof JsonObject m ? m : JsonObject.EMPTY;
      Double valueTarget = JsonTrees.optionalNumber(json, "target_value_recall");
      return new BundleManifest(format, JsonTrees.requireString(json, "version"), created,
          JsonTrees.requireInt(json, "signals_version"), JsonTrees.requireInt(json, "feature_spec_version"),
          featureNames, model, trainingWindow, JsonTrees.requireNumber(json, "target_recall"),
          valueTarget == null ? 0.0 : valueTarget, dsps, metrics, files);
    } catch (JsonInputException e) {
      throw e.atRoot("manifest");
    }
  }

  private static DspThreshold dsp(String dsp, JsonValue value) {
    if (!(value instanceof JsonObject o)) {
      throw new JsonInputException("must be an object");
    }
    List<RecallPoint> table = new ArrayList<>();
    JsonArray rows = JsonTrees.requireArray(o, "recall_table");
    for (int i = 0; i < rows.elements().size(); i++) {
      if (!(rows.elements().get(i) instanceof JsonObject row)) {
        throw new JsonInputException("must be an object").within("[" + i + "]").within(".recall_table");
      }
      try {
        Double valueRecall = JsonTrees.optionalNumber(row, "value_recall");
        table.add(new RecallPoint(JsonTrees.requireNumber(row, "recall"), JsonTrees.requireNumber(row, "threshold"),
            JsonTrees.requireNumber(row, "saved"), valueRecall == null ? Double.NaN : valueRecall));
      } catch (JsonInputException e) {
        throw e.within("[" + i + "]").within(".recall_table");
      }
    }
    Double threshold = JsonTrees.optionalNumber(o, "threshold");
    String reason = JsonTrees.optionalString(o, "reason");
    if (threshold == null && reason == null) {
      reason = "no threshold";
    }
    return new DspThreshold(dsp, threshold, table, threshold == null ? reason : null);
  }

  private static LocalDate date(JsonObject o, String name) {
    try {
      return LocalDate.parse(JsonTrees.requireString(o, name));
    } catch (DateTimeParseException e) {
      throw new JsonInputException("must be a date YYYY-MM-DD").within("." + name);
    }
  }
}
