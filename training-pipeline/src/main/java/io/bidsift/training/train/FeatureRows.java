package io.bidsift.training.train;

import io.bidsift.training.evaluate.BaselineScores;
import io.bidsift.training.evaluate.ScoredCallouts;
import java.util.Arrays;
import java.util.List;

/**
 * The labelled callouts of one split in memory: a dense row-major feature matrix (NaN is
 * missing) beside the columns evaluation needs. Dense {@code float[]} is what XGBoost4J's
 * DMatrix takes without conversion; 3.4 M rows × 61 features is 0.8 GB.
 */
public final class FeatureRows {

  private final List<String> dsps;
  private final int rows;
  private final int width;
  private final float[] features;
  private final int[] dsp;
  private final boolean[] bid;
  private final double[] price;
  private final boolean[] explore;
  private final double[] baselineRate;

  /**
   * @param dsps     DSP vocabulary, indexed by {@code dsp}
   * @param width    features per row
   * @param features {@code rows × width} floats, row-major
   * @param dsp      per row, index into {@code dsps}
   * @param bid      per row, the label
   * @param price    per row, the bid price, NaN when none
   * @param explore  per row, sent only because of the exploration slice
   * @param baselineRate per row, the baseline table's rate ({@code BaselineTable#rate}), NaN when the DSP had
   *                 no history
   */
  public FeatureRows(List<String> dsps, int width, float[] features, int[] dsp, boolean[] bid, double[] price,
                     boolean[] explore, double[] baselineRate) {
    this.dsps = List.copyOf(dsps);
    this.rows = dsp.length;
    if (width < 1 || (long) rows * width != features.length) {
      throw new IllegalArgumentException("features hold " + features.length + " floats, not " + rows + " rows of " + width);
    }
    if (bid.length != rows || price.length != rows || explore.length != rows || baselineRate.length != rows) {
      throw new IllegalArgumentException("columns differ in length");
    }
    this.width = width;
    this.features = features;
    this.dsp = dsp;
    this.bid = bid;
    this.price = price;
    this.explore = explore;
    this.baselineRate = baselineRate;
  }

  public List<String> dsps() {
    return dsps;
  }

  public int rows() {
    return rows;
  }

  public int width() {
    return width;
  }

  /** The matrix itself (not a copy): for building a DMatrix; callers must not modify it. */
  float[] matrix() {
    return features;
  }

  /** One row's features (a copy). */
  public float[] row(int i) {
    return Arrays.copyOfRange(features, i * width, (i + 1) * width);
  }

  public float feature(int row, int column) {
    return features[row * width + column];
  }

  public int dsp(int row) {
    return dsp[row];
  }

  public boolean bid(int row) {
    return bid[row];
  }

  public long bids() {
    long n = 0;
    for (boolean b : bid) {
      n += b ? 1 : 0;
    }
    return n;
  }

  /** Labels as XGBoost takes them: 1 for a bid, 0 otherwise. */
  float[] labels() {
    float[] y = new float[rows];
    for (int i = 0; i < rows; i++) {
      y[i] = bid[i] ? 1f : 0f;
    }
    return y;
  }

  /** The baseline's score of every row (see {@link BaselineScores}). */
  public double[] baselineScores(double fallback) {
    return BaselineScores.score(baselineRate, fallback);
  }

  /** These callouts with a score each, for evaluation. */
  public ScoredCallouts scored(double[] scores) {
    return new ScoredCallouts(dsps, dsp, bid, price, scores, explore);
  }
}
