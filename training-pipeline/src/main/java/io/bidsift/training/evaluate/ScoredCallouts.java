package io.bidsift.training.evaluate;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Labelled callouts with a score each, column by column: what every evaluation figure is
 * computed from. Row {@code i} is one callout to DSP {@code dsps().get(dsp(i))}; a bid is a
 * positive, its price (USD CPM, NaN when unknown) its value. Immutable.
 */
public final class ScoredCallouts {

  private final List<String> dsps;
  private final int[] dsp;
  private final boolean[] bid;
  private final double[] price;
  private final double[] score;
  private final boolean[] explore;

  /**
   * @param dsps    DSP names, indexed by {@code dsp}
   * @param dsp     per row, index into {@code dsps}
   * @param bid     per row, the label
   * @param price   per row, the bid price; NaN when not a bid or not known
   * @param score   per row, P(bid) in [0, 1]
   * @param explore per row, the callout was sent only because of the exploration slice
   */
  public ScoredCallouts(List<String> dsps, int[] dsp, boolean[] bid, double[] price, double[] score, boolean[] explore) {
    this.dsps = List.copyOf(dsps);
    int n = dsp.length;
    if (bid.length != n || price.length != n || score.length != n || explore.length != n) {
      throw new IllegalArgumentException("columns differ in length");
    }
    for (int i = 0; i < n; i++) {
      if (dsp[i] < 0 || dsp[i] >= this.dsps.size()) {
        throw new IllegalArgumentException("row " + i + " has no DSP (index " + dsp[i] + ")");
      }
      if (!(score[i] >= 0 && score[i] <= 1)) {
        throw new IllegalArgumentException("row " + i + " has a score outside [0, 1]: " + score[i]);
      }
    }
    this.dsp = dsp;
    this.bid = bid;
    this.price = price;
    this.score = score;
    this.explore = explore;
  }

  public int size() {
    return dsp.length;
  }

  public List<String> dsps() {
    return dsps;
  }

  public int dsp(int row) {
    return dsp[row];
  }

  public boolean bid(int row) {
    return bid[row];
  }

  /** The bid's value: its price, 0 when not a bid or the price is unknown. */
  public double value(int row) {
    return bid[row] && !Double.isNaN(price[row]) ? price[row] : 0.0;
  }

  public double score(int row) {
    return score[row];
  }

  public boolean explore(int row) {
    return explore[row];
  }

  /** The same callouts with other scores (another model, the baseline). */
  public ScoredCallouts withScores(double[] scores) {
    return new ScoredCallouts(dsps, dsp, bid, price, Objects.requireNonNull(scores), explore);
  }

  public boolean anyExplore() {
    for (boolean e : explore) {
      if (e) {
        return true;
      }
    }
    return false;
  }

  /** The explore rows only: the one slice of traffic a filtering model did not select. */
  public ScoredCallouts exploreOnly() {
    int[] keep = new int[size()];
    int n = 0;
    for (int i = 0; i < size(); i++) {
      if (explore[i]) {
        keep[n++] = i;
      }
    }
    return select(Arrays.copyOf(keep, n));
  }

  private ScoredCallouts select(int[] rows) {
    int n = rows.length;
    int[] d = new int[n];
    boolean[] b = new boolean[n];
    double[] p = new double[n];
    double[] s = new double[n];
    boolean[] e = new boolean[n];
    for (int i = 0; i < n; i++) {
      int r = rows[i];
      d[i] = dsp[r];
      b[i] = bid[r];
      p[i] = price[r];
      s[i] = score[r];
      e[i] = explore[r];
    }
    return new ScoredCallouts(dsps, d, b, p, s, e);
  }

  /** Row numbers per DSP index, in row order. */
  int[][] rowsByDsp() {
    int[] counts = new int[dsps.size()];
    for (int d : dsp) {
      counts[d]++;
    }
    int[][] rows = new int[dsps.size()][];
    for (int k = 0; k < rows.length; k++) {
      rows[k] = new int[counts[k]];
    }
    int[] fill = new int[dsps.size()];
    for (int i = 0; i < dsp.length; i++) {
      rows[dsp[i]][fill[dsp[i]]++] = i;
    }
    return rows;
  }

  /** The score column itself, for sorting; callers must not modify it. */
  double[] scoreColumn() {
    return score;
  }

  int[] allRows() {
    int[] rows = new int[size()];
    Arrays.setAll(rows, i -> i);
    return rows;
  }
}
