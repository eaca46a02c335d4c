package io.bidsift.predict;

/**
 * Scores feature vectors with an XGBoost {@code binary:logistic} tree ensemble, in pure Java and
 * without allocating: the bid filter's hot path. Load a model with {@link #fromJson}; an instance
 * is immutable and may be shared by any number of threads.
 *
 * <p>Arithmetic follows XGBoost's CPU predictor so scores agree with {@code Booster.predict}
 * bit for bit in practice: a split goes left when {@code value < threshold} and to its default
 * child when the value is missing (NaN); the margin starts at the base score's logit and adds
 * each tree's leaf in float, in tree order; the probability is XGBoost's float sigmoid.
 *
 * <p>Layout: every tree's nodes in one {@code int[]}, {@value #STRIDE} ints per node, trees one
 * after another and each tree breadth-first so a node's two children sit side by side (right =
 * left + one node). A node is {@code [split, threshold, left]}: {@code split} is the feature
 * index shifted left once with the default-left flag in bit 0, or {@link #LEAF}; {@code threshold}
 * holds the float bits of the split threshold, or of the leaf value for a leaf; {@code left} is
 * the int offset of the left child. One walk touches one array, mostly one cache line per node.
 */
public final class XgbPredictor {

  static final int STRIDE = 3;
  static final int LEAF = -1;

  private final int featureCount;
  private final float baseMargin;
  private final int[] roots;
  private final int[] nodes;

  XgbPredictor(int featureCount, float baseMargin, int[] roots, int[] nodes) {
    this.featureCount = featureCount;
    this.baseMargin = baseMargin;
    this.roots = roots;
    this.nodes = nodes;
  }

  /**
   * Loads a model saved by XGBoost as JSON ({@code Booster.saveModel("model.json")}).
   *
   * @throws UnsupportedModelException when the JSON is malformed or the model uses a feature this
   *                                   predictor does not implement
   */
  public static XgbPredictor fromJson(byte[] modelJson) {
    return XgbModelReader.read(modelJson);
  }

  /** The number of features the model was trained on: the length every input must have. */
  public int featureCount() {
    return featureCount;
  }

  public int treeCount() {
    return roots.length;
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
    final int[] nodes = this.nodes;
    final int[] roots = this.roots;
    float sum = baseMargin;
    for (int t = 0; t < roots.length; t++) {
      int n = roots[t];
      int split;
      while ((split = nodes[n]) != LEAF) {
        float value = features[split >>> 1];
        int left = nodes[n + 2];
        boolean goLeft = value < Float.intBitsToFloat(nodes[n + 1]) || (value != value && (split & 1) != 0);
        n = goLeft ? left : left + STRIDE;
      }
      sum += Float.intBitsToFloat(nodes[n + 1]);
    }
    return sum;
  }

  /**
   * XGBoost's {@code common::Sigmoid(float)}, operation for operation: the clamp keeps expf from
   * overflowing and the epsilon (which cannot change a float sum of at least 1) is kept for parity.
   */
  static float sigmoid(float margin) {
    float e = (float) Math.exp(Math.min(-margin, 88.7f));
    return 1.0f / (e + 1.0f + 1e-16f);
  }
}
