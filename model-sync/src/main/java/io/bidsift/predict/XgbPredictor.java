package io.bidsift.predict;

/**
 * Scores feature vectors with an XGBoost {@code binary:logistic} tree ensemble, in pure Java and
 * without allocating: the bid filter's hot path. Load a model with {@link #fromJson}; an instance
 * is immutable and may be shared by any number of threads.
 *
 * <p>Arithmetic follows XGBoost's CPU predictor: a split goes left when {@code value < threshold}
 * and to its default child when the value is missing (NaN); the margin starts at the base score's
 * logit and adds each tree's leaf in float, in tree order; the probability is XGBoost's float
 * sigmoid. Margins equal XGBoost4J's bit for bit; probabilities too, but for about 3 rows in
 * 10,000 that differ by one float ulp (at most 1.2e-7), where the JDK's {@code exp} and glibc's
 * {@code expf} round differently.
 *
 * <p>Trees of depth up to {@value TreeLayout#MAX_COMPLETE_DEPTH} are scored branch-free from
 * complete, heap-ordered trees ({@link CompleteTrees}); deeper ones from linked nodes
 * ({@link LinkedTrees}). Both keep a model in a few flat primitive arrays.
 */
public final class XgbPredictor {

  private final int featureCount;
  private final float baseMargin;
  private final TreeLayout trees;

  XgbPredictor(int featureCount, float baseMargin, TreeLayout trees) {
    this.featureCount = featureCount;
    this.baseMargin = baseMargin;
    this.trees = trees;
  }

  /**
   * Loads a model saved by XGBoost as JSON ({@code Booster.saveModel("model.json")}).
   *
   * @throws UnsupportedModelException when the JSON is malformed or the model uses a feature this
   *                                   predictor does not implement
   */
  public static XgbPredictor fromJson(byte[] modelJson) {
    return XgbModelReader.read(modelJson, TreeLayout.MAX_COMPLETE_DEPTH);
  }

  /** The number of features the model was trained on: the length every input must have. */
  public int featureCount() {
    return featureCount;
  }

  public int treeCount() {
    return trees.treeCount();
  }

  /**
   * P(bid) for one feature vector: the sigmoid of {@link #margin}.
   *
   * @param features exactly {@link #featureCount()} values, NaN for missing
   * @throws IllegalArgumentException when the vector has another length
   */
  public float predict(float[] features) {
    return sigmoid(margin(features));
  }

  /**
   * The raw score: the base score's logit plus every tree's leaf value.
   *
   * @param features exactly {@link #featureCount()} values, NaN for missing
   * @throws IllegalArgumentException when the vector has another length
   */
  public float margin(float[] features) {
    if (features.length != featureCount) {
      throw new IllegalArgumentException("the model takes " + featureCount + " features, got " + features.length);
    }
    return trees.addLeaves(features, baseMargin);
  }

  /**
   * XGBoost's {@code common::Sigmoid(float)}, operation for operation: the clamp keeps expf from
   * overflowing and the epsilon (which cannot change a float sum of at least 1) is kept for parity.
   * {@code expf} is taken as the double exponential rounded to float.
   */
  static float sigmoid(float margin) {
    float e = (float) Math.exp(Math.min(-margin, 88.7f));
    return 1.0f / (e + 1.0f + 1e-16f);
  }
}
