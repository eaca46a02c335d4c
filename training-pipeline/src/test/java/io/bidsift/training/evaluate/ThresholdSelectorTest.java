package io.bidsift.training.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import io.bidsift.bundle.DspThreshold;
import io.bidsift.bundle.RecallPoint;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class ThresholdSelectorTest {

  /** The oracle: try every score as a threshold, keep the largest whose recall reaches the target. */
  private static double bruteForceThreshold(double[] score, boolean[] bid, double target) {
    long bids = 0;
    for (boolean b : bid) {
      bids += b ? 1 : 0;
    }
    double best = Double.NaN;
    for (double t : score) {
      long kept = 0;
      for (int i = 0; i < score.length; i++) {
        if (bid[i] && score[i] >= t) {
          kept++;
        }
      }
      if ((double) kept / bids >= target && (Double.isNaN(best) || t > best)) {
        best = t;
      }
    }
    return best;
  }

  private static ScoredCallouts random(long seed, int n, int distinctScores) {
    Random r = new Random(seed);
    double[] score = new double[n];
    boolean[] bid = new boolean[n];
    double[] price = new double[n];
    for (int i = 0; i < n; i++) {
      // Coarse scores make many ties, the hard case for "largest threshold".
      score[i] = r.nextInt(distinctScores) / (double) distinctScores;
      bid[i] = r.nextDouble() < 0.1 + 0.6 * score[i];
      price[i] = bid[i] ? 0.5 + r.nextDouble() : Double.NaN;
    }
    return new ScoredCallouts(List.of("a"), new int[n], bid, price, score, new boolean[n]);
  }

  @Test
  void thresholdIsTheLargestThatReachesTheTargetRecallOnValidation() {
    for (long seed = 1; seed <= 20; seed++) {
      ScoredCallouts v = random(seed, 400, seed % 2 == 0 ? 25 : 100_000);
      double[] score = new double[v.size()];
      boolean[] bid = new boolean[v.size()];
      for (int i = 0; i < v.size(); i++) {
        score[i] = v.score(i);
        bid[i] = v.bid(i);
      }
      for (double target : new double[] {0.5, 0.8, 0.9, 0.95, 0.99, 1.0}) {
        DspThreshold t = new ThresholdSelector(target, 0, List.of(), 1).select(v, List.of("a")).get("a");

        assertThat(t.threshold()).as("seed %d target %s", seed, target)
            .isEqualTo(bruteForceThreshold(score, bid, target));
      }
    }
  }

  /** The oracle with a value target: every score tried, both recalls checked. */
  private static double bruteForceThreshold(ScoredCallouts v, double target, double valueTarget) {
    double bids = 0;
    double value = 0;
    for (int i = 0; i < v.size(); i++) {
      bids += v.bid(i) ? 1 : 0;
      value += v.value(i);
    }
    double best = Double.NaN;
    for (int c = 0; c < v.size(); c++) {
      double t = v.score(c);
      double kept = 0;
      double keptValue = 0;
      for (int i = 0; i < v.size(); i++) {
        if (v.score(i) >= t) {
          kept += v.bid(i) ? 1 : 0;
          keptValue += v.value(i);
        }
      }
      if (kept / bids >= target && keptValue / value >= valueTarget && (Double.isNaN(best) || t > best)) {
        best = t;
      }
    }
    return best;
  }

  @Test
  void valueTargetLowersTheThresholdUntilEnoughBidValueIsKept() {
    // Bids are worth more where the score is low: a recall-only threshold drops the best bids.
    int n = 600;
    Random r = new Random(9);
    double[] score = new double[n];
    boolean[] bid = new boolean[n];
    double[] price = new double[n];
    for (int i = 0; i < n; i++) {
      score[i] = r.nextDouble();
      bid[i] = r.nextDouble() < score[i];
      price[i] = bid[i] ? 1 + 20 * (1 - score[i]) * (1 - score[i]) : Double.NaN;
    }
    ScoredCallouts v = new ScoredCallouts(List.of("a"), new int[n], bid, price, score, new boolean[n]);

    DspThreshold recallOnly = new ThresholdSelector(0.9, 0, List.of(), 1).select(v, List.of("a")).get("a");
    DspThreshold withValue = new ThresholdSelector(0.9, 0.98, List.of(), 1).select(v, List.of("a")).get("a");

    assertThat(withValue.threshold()).isEqualTo(bruteForceThreshold(v, 0.9, 0.98));
    assertThat(withValue.threshold()).isLessThan(recallOnly.threshold());
  }

  @Test
  void recallTableHasTheTargetAndThresholdsFallAsRecallRises() {
    ScoredCallouts v = random(7, 2000, 1000);

    DspThreshold t = new ThresholdSelector(0.93, 0, ThresholdSelector.DEFAULT_RECALL_LEVELS, 30)
        .select(v, List.of("a")).get("a");

    List<RecallPoint> table = t.recallTable();
    assertThat(table).extracting(RecallPoint::recall).contains(0.93, 0.95, 1.0).isSorted();
    for (int i = 1; i < table.size(); i++) {
      assertThat(table.get(i).threshold()).isLessThanOrEqualTo(table.get(i - 1).threshold());
      assertThat(table.get(i).saved()).isLessThanOrEqualTo(table.get(i - 1).saved());
    }
    RecallPoint atTarget = table.stream().filter(p -> p.recall() == 0.93).findFirst().orElseThrow();
    assertThat(atTarget.threshold()).isEqualTo(t.threshold());
  }

  @Test
  void dspWithTooFewBidsGetsNoThresholdAndIsListedWithTheReason() {
    ScoredCallouts v = new ScoredCallouts(List.of("rare"), new int[5], new boolean[] {true, false, false, true, false},
        new double[] {1, Double.NaN, Double.NaN, 1, Double.NaN}, new double[] {0.9, 0.1, 0.2, 0.8, 0.3},
        new boolean[5]);

    DspThreshold t = new ThresholdSelector(0.95, 0, List.of(), 30).select(v, List.of("rare")).get("rare");

    assertThat(t.threshold()).isNull();
    assertThat(t.recallTable()).isEmpty();
    assertThat(t.reason()).contains("too few bids").contains("2 < 30");
  }

  @Test
  void dspThatAlwaysBidsOnValidationIsAlwaysCalled() {
    ScoredCallouts v = new ScoredCallouts(List.of("eager"), new int[3], new boolean[] {true, true, true},
        new double[] {1, 1, 1}, new double[] {0.9, 0.8, 0.7}, new boolean[3]);

    DspThreshold t = new ThresholdSelector(0.95, 0, List.of(), 1).select(v, List.of("eager")).get("eager");

    assertThat(t.threshold()).isNull();
    assertThat(t.reason()).contains("every validation callout was a bid");
  }

  @Test
  void dspNeverBiddingOnValidationIsAlwaysCalled() {
    ScoredCallouts v = new ScoredCallouts(List.of("mute"), new int[3], new boolean[3],
        new double[] {Double.NaN, Double.NaN, Double.NaN}, new double[] {0.1, 0.2, 0.3}, new boolean[3]);

    DspThreshold t = new ThresholdSelector(0.95, 0, List.of(), 1).select(v, List.of("mute")).get("mute");

    assertThat(t.threshold()).isNull();
    assertThat(t.reason()).contains("too few bids");
  }

  @Test
  void dspAbsentFromValidationGetsNoThreshold() {
    ScoredCallouts v = random(3, 200, 50);

    Map<String, DspThreshold> t = new ThresholdSelector(0.95, 0, List.of(), 1).select(v, new TreeSet<>(List.of("a", "z")));

    assertThat(t.keySet()).containsExactly("a", "z");
    assertThat(t.get("a").threshold()).isNotNull();
    assertThat(t.get("z").threshold()).isNull();
    assertThat(t.get("z").reason()).contains("no callouts");
  }
}
