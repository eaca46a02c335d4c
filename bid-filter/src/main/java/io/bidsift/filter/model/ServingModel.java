package io.bidsift.filter.model;

import io.bidsift.bundle.BundleFiles;
import io.bidsift.bundle.BundleManifest;
import io.bidsift.bundle.CanaryFile;
import io.bidsift.bundle.CanaryRow;
import io.bidsift.bundle.DspThreshold;
import io.bidsift.bundle.VerifiedBundle;
import io.bidsift.features.EncodingTables;
import io.bidsift.features.FeatureEncoder;
import io.bidsift.features.FeatureSchema;
import io.bidsift.json.JsonInputException;
import io.bidsift.predict.UnsupportedModelException;
import io.bidsift.predict.XgbPredictor;
import io.bidsift.signals.RequestSignals;
import java.util.List;
import java.util.Map;

/**
 * A model bundle ready to score: the predictor, the encoding tables and the per-DSP thresholds,
 * loaded from a verified bundle and proven on its canary set before anyone can swap it in.
 */
public final class ServingModel {

  /** The parity bar between XGBoost's own predict and ours on the canary set. */
  public static final double CANARY_TOLERANCE = 1e-6;

  /** Enough predictions for the JIT to compile the tree walk before live traffic sees it. */
  private static final int WARM_UP_PREDICTIONS = 20_000;

  private final BundleManifest manifest;
  private final XgbPredictor predictor;
  private final EncodingTables tables;
  private final List<String> dsps;

  private ServingModel(BundleManifest manifest, XgbPredictor predictor, EncodingTables tables) {
    this.manifest = manifest;
    this.predictor = predictor;
    this.tables = tables;
    this.dsps = List.copyOf(manifest.dsps().keySet());
  }

  /**
   * Builds the predictor and the tables, checks them against the feature spec this code encodes,
   * scores the canary set and warms the predictor up.
   *
   * @throws ModelRejectedException with a one-line reason when the bundle must not serve
   */
  public static ServingModel load(VerifiedBundle bundle) {
    BundleManifest m = bundle.manifest();
    String where = "model " + m.version();
    if (m.featureSpecVersion() != FeatureSchema.FEATURE_SPEC_VERSION || m.signalsVersion() != FeatureSchema.SIGNALS_VERSION) {
      throw new ModelRejectedException("feature_spec", where + " was trained on feature spec " + m.featureSpecVersion()
          + " / signals " + m.signalsVersion() + "; this filter encodes feature spec " + FeatureSchema.FEATURE_SPEC_VERSION
          + " / signals " + FeatureSchema.SIGNALS_VERSION);
    }
    if (!m.featureNames().equals(FeatureSchema.names())) {
      throw new ModelRejectedException("feature_spec", where + " lists other feature names than feature spec "
          + FeatureSchema.FEATURE_SPEC_VERSION);
    }
    XgbPredictor predictor;
    try {
      predictor = XgbPredictor.fromJson(bundle.model());
    } catch (UnsupportedModelException e) {
      throw new ModelRejectedException("model", where + ": " + e.getMessage());
    }
    if (predictor.featureCount() > FeatureSchema.size()) {
      throw new ModelRejectedException("model", where + " expects " + predictor.featureCount()
          + " features; the feature spec has " + FeatureSchema.size());
    }
    EncodingTables tables;
    List<CanaryRow> canary;
    try {
      tables = EncodingTables.fromJson(bundle.file(BundleFiles.ENCODINGS));
      canary = CanaryFile.read(bundle.file(BundleFiles.CANARY));
    } catch (JsonInputException | IllegalArgumentException | java.io.UncheckedIOException e) {
      throw new ModelRejectedException("bundle", where + ": " + e.getMessage());
    }
    if (canary.isEmpty()) {
      throw new ModelRejectedException("canary", where + " has an empty canary set: nothing proves the scorer");
    }
    checkCanary(where, predictor, canary);
    warmUp(predictor, canary);
    return new ServingModel(m, predictor, tables);
  }

  private static void checkCanary(String where, XgbPredictor predictor, List<CanaryRow> canary) {
    for (int i = 0; i < canary.size(); i++) {
      CanaryRow row = canary.get(i);
      float[] features = row.features();
      if (features.length != FeatureSchema.size()) {
        throw new ModelRejectedException("canary", where + ": canary row " + (i + 1) + " has " + features.length
            + " features; the feature spec has " + FeatureSchema.size());
      }
      float ours = predictor.predict(features);
      if (!(Math.abs(ours - row.score()) <= CANARY_TOLERANCE)) {
        throw new ModelRejectedException("canary", where + ": canary row " + (i + 1) + " (" + row.dsp() + ") scores "
            + ours + " here but " + row.score() + " in XGBoost");
      }
    }
  }

  private static void warmUp(XgbPredictor predictor, List<CanaryRow> canary) {
    float[][] rows = canary.stream().map(CanaryRow::features).toArray(float[][]::new);
    float sink = 0;
    for (int i = 0; i < WARM_UP_PREDICTIONS; i++) {
      sink += predictor.predict(rows[i % rows.length]);
    }
    if (Float.isInfinite(sink)) {
      // Only keeps the loop from being optimised away; a sum of probabilities is finite.
      throw new IllegalStateException("warm-up produced an infinite sum");
    }
  }

  public String version() {
    return manifest.version();
  }

  public BundleManifest manifest() {
    return manifest;
  }

  /** Whether the model was trained with this DSP; an unknown DSP is never filtered. */
  public boolean knows(String dsp) {
    return manifest.dsps().containsKey(dsp);
  }

  /** The DSPs the model knows, in the bundle's order; built once, asked on every call without dsps. */
  public List<String> dsps() {
    return dsps;
  }

  public Map<String, DspThreshold> thresholds() {
    return manifest.dsps();
  }

  /**
   * P(bid) of this DSP for the request.
   *
   * @param scratch a vector of at least {@link FeatureSchema#size()} slots, overwritten
   */
  public float score(RequestSignals signals, String dsp, float[] scratch) {
    FeatureEncoder.encode(signals, dsp, tables, scratch);
    return predictor.predict(scratch);
  }
}
