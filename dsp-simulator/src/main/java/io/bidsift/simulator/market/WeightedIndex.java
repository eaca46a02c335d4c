package io.bidsift.simulator.market;

import java.util.List;

/** Draws an index in proportion to fixed, non-negative weights. Immutable. */
public final class WeightedIndex {

  private final double[] cumulative;

  public WeightedIndex(double[] weights) {
    if (weights.length == 0) {
      throw new IllegalArgumentException("no weights");
    }
    cumulative = new double[weights.length];
    double sum = 0;
    for (int i = 0; i < weights.length; i++) {
      if (!(weights[i] >= 0) || Double.isInfinite(weights[i])) {
        throw new IllegalArgumentException("weight " + i + " is not a finite non-negative number: " + weights[i]);
      }
      sum += weights[i];
      cumulative[i] = sum;
    }
    if (!(sum > 0)) {
      throw new IllegalArgumentException("the weights sum to 0");
    }
    for (int i = 0; i < cumulative.length; i++) {
      cumulative[i] /= sum;
    }
  }

  public static WeightedIndex of(List<Double> weights) {
    return new WeightedIndex(weights.stream().mapToDouble(Double::doubleValue).toArray());
  }

  /** The index for a uniform draw {@code u} in [0, 1): the first whose cumulative weight exceeds u. */
  public int pick(double u) {
    int lo = 0;
    int hi = cumulative.length - 1;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (cumulative[mid] > u) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return lo;
  }

  /** The probability of index {@code i}. */
  public double probability(int i) {
    return cumulative[i] - (i == 0 ? 0 : cumulative[i - 1]);
  }
}
