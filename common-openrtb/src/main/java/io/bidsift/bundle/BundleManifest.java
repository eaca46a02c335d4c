package io.bidsift.bundle;

import io.bidsift.json.JsonArray;
import io.bidsift.json.JsonInputException;
import io.bidsift.json.JsonNull;
import io.bidsift.json.JsonObject;
import io.bidsift.json.JsonString;
import io.bidsift.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * {@code manifest.json}, the bundle's table of contents: what the model is, what it was trained
 * on, how to threshold its scores per DSP, how well it did, and the sha256 of every other file.
 * The one definition of it: training writes it, and the bid filter, model-sync and the registry
 * read it, all with the same rules.
 *
 * <p>Rules checked on every instance, read or built:
 * <ul>
 *   <li>{@code version} is a model version ({@link #VERSION_RULE}): it becomes a directory name
 *       and an S3 key segment;</li>
 *   <li>every name in {@code files} is a flat file name ({@link #FILE_NAME_RULE}): a bundle is one
 *       directory, so a name can neither reach into a subdirectory nor leave the bundle
 *       ({@code ../x});</li>
 *   <li>every digest in {@code files} is a sha256 as 64 lowercase hex digits, the form
 *       {@link BundleFiles#sha256} writes; uppercase is refused, not normalised, so a digest is
 *       compared as written;</li>
 *   <li>{@code files} lists the model file.</li>
 * </ul>
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

  public static final String VERSION_RULE = "1 to 128 letters, digits, '.', '_' or '-', starting with a letter or digit";
  public static final String FILE_NAME_RULE = "1 to 100 letters, digits, '.', '_' or '-', starting with a letter or"
      + " digit, and not " + BundleFiles.MANIFEST + " itself; no '/': a bundle is one flat directory";

  private static final Pattern VERSION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
  /** 100 bytes is what a ustar entry name holds without a prefix, so every bundle packs as a plain tarball. */
  private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

  /**
   * @throws JsonInputException when a rule above is broken, naming the member, e.g.
   *                            {@code manifest.files.model.json must be a sha256 as 64 lowercase hex digits (0-9, a-f)}
   */
  public BundleManifest {
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(created, "created");
    featureNames = List.copyOf(featureNames);
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(trainingWindow, "trainingWindow");
    dsps = Collections.unmodifiableMap(new LinkedHashMap<>(dsps));
    metrics = metrics == null ? JsonObject.EMPTY : metrics;
    files = Collections.unmodifiableMap(new LinkedHashMap<>(files));
    try {
      checkRules(version, model, files);
    } catch (JsonInputException e) {
      throw e.atRoot("manifest");
    }
  }

  /** Whether {@code version} is a model version ({@link #VERSION_RULE}), safe as a directory name and a key. */
  public static boolean isValidVersion(String version) {
    return version != null && VERSION.matcher(version).matches();
  }

  /** Whether {@code name} may be listed in {@code files} ({@link #FILE_NAME_RULE}). */
  public static boolean isValidFileName(String name) {
    return name != null && FILE_NAME.matcher(name).matches() && !name.equals(BundleFiles.MANIFEST);
  }

  private static void checkRules(String version, ModelInfo model, Map<String, String> files) {
    if (!isValidVersion(version)) {
      throw new JsonInputException("is " + quoted(version) + ", which is not a model version (" + VERSION_RULE + ")")
          .within(".version");
    }
    for (Map.Entry<String, String> f : files.entrySet()) {
      if (!isValidFileName(f.getKey())) {
        throw new JsonInputException("names " + quoted(f.getKey()) + ", which is not a bundle file name ("
            + FILE_NAME_RULE + ")").within(".files");
      }
      if (!BundleFiles.isSha256(f.getValue())) {
        throw new JsonInputException("must be a sha256 as 64 lowercase hex digits (0-9, a-f)")
            .within("." + f.getKey()).within(".files");
      }
    }
    if (!files.containsKey(model.file())) {
      throw new JsonInputException("does not list the model file " + quoted(model.file())).within(".files");
    }
  }

  /** The text as a JSON string: quoted, and on one line whatever it holds. */
  private static String quoted(String text) {
    return new String(JsonTrees.toBytes(new JsonString(text), false), StandardCharsets.UTF_8);
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
   * Parses the bytes of {@code manifest.json}.
   *
   * @throws JsonInputException with a one-line reason, e.g. {@code manifest is not valid JSON: ... (line 2, column 13)}
   *                            or one of {@link #fromJson}'s
   */
  public static BundleManifest parse(byte[] json) {
    JsonObject tree;
    try {
      tree = JsonTrees.parseObject(json);
    } catch (JsonInputException e) {
      throw e.atRoot("manifest");
    }
    return fromJson(tree);
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
        // a digest that is not a string is kept as null, which the constructor refuses as not a sha256
        files.put(e.getKey(), e.getValue() instanceof JsonString s ? s.value() : null);
      }
      Instant created;
      try {
        created = Instant.parse(JsonTrees.requireString(json, "created"));
      } catch (DateTimeParseException e) {
        throw new JsonInputException("must be an ISO-8601 instant").within(".created");
      }
      JsonObject metrics = metrics(json.get("metrics"));
      Double valueTarget = JsonTrees.optionalNumber(json, "target_value_recall");
      return new BundleManifest(format, JsonTrees.requireString(json, "version"), created,
          JsonTrees.requireInt(json, "signals_version"), JsonTrees.requireInt(json, "feature_spec_version"),
          featureNames, model, trainingWindow, JsonTrees.requireNumber(json, "target_recall"),
          valueTarget == null ? 0.0 : valueTarget, dsps, metrics, files);
    } catch (JsonInputException e) {
      throw e.atRoot("manifest");
    }
  }

  /** The metrics object; absent or null is empty. */
  private static JsonObject metrics(JsonValue value) {
    if (value == null || value instanceof JsonNull) {
      return JsonObject.EMPTY;
    }
    if (value instanceof JsonObject o) {
      return o;
    }
    throw new JsonInputException("must be an object").within(".metrics");
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
