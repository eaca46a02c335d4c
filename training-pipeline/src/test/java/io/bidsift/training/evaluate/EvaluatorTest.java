package io.bidsift.training.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EvaluatorTest {

  private static final double NONE = Double.NaN;

  /** Six callouts to one DSP, bids at the 1st, 3rd and 5th highest score. */
  private static ScoredCallouts sixCallouts() {
    return new ScoredCallouts(List.of("a"),
        new int[] {0, 0, 0, 0, 0, 0},
        new boolean[] {true, false, true, false, true, false},
        new double[] {2.0, NONE, 1.0, NONE, 1.0, NONE},
        new double[] {0.9, 0.8, 0.7, 0.6, 0.5, 0.4},
        new boolean[6]);
  }

  @Test
  void savedShareBidRecallAndValueRecallMatchAHandCount() {
    Evaluation e = new Evaluator(2).evaluate(sixCallouts(), Map.of("a", 0.65));

    OperatingPoint p = e.byDsp().get("a").point();
    assertThat(p.sent()).isEqualTo(3);
    assertThat(p.saved()).isCloseTo(0.5, within(1e-12));
    assertThat(p.bidRecall()).isCloseTo(2.0 / 3, within(1e-12));
    assertThat(p.valueRecall()).isCloseTo(3.0 / 4, within(1e-12));
  }

  @Test
  void thresholdEqualToAScoreSendsThatCallout() {
    OperatingPoint p = new Evaluator(2).evaluate(sixCallouts(), Map.of("a", 0.7)).byDsp().get("a").point();

    assertThat(p.sent()).isEqualTo(3);
  }

  @Test
  void rocAucCountsOrderedPairs() {
    // Pairs (bid, no-bid) ranked right: 0.9 beats 3, 0.7 beats 2, 0.5 beats 1: 6 of 9.
    GroupMetrics m = new Evaluator(2).evaluate(sixCallouts(), Map.of()).byDsp().get("a");

    assertThat(m.rocAuc()).isCloseTo(6.0 / 9, within(1e-12));
  }

  @Test
  void rocAucCountsTiedPairsAsHalf() {
    ScoredCallouts tied = new ScoredCallouts(List.of("a"), new int[] {0, 0, 0}, new boolean[] {true, false, false},
        new double[] {1, NONE, NONE}, new double[] {0.5, 0.5, 0.1}, new boolean[3]);

    // (0.5 bid, 0.5 no-bid) is half a pair, (0.5 bid, 0.1 no-bid) a whole one: 1.5 of 2.
    assertThat(new Evaluator(1).evaluate(tied, Map.of()).overall().rocAuc()).isCloseTo(0.75, within(1e-12));
  }

  @Test
  void prAucIsAveragePrecisionOverTheBids() {
    // Precision where each bid is recalled: 1/1, 2/3, 3/5.
    GroupMetrics m = new Evaluator(2).evaluate(sixCallouts(), Map.of()).byDsp().get("a");

    assertThat(m.prAuc()).isCloseTo((1.0 + 2.0 / 3 + 3.0 / 5) / 3, within(1e-12));
  }

  @Test
  void logLossOfCoinFlipScoresIsLnTwo() {
    ScoredCallouts coin = new ScoredCallouts(List.of("a"), new int[] {0, 0, 0, 0},
        new boolean[] {true, false, true, false}, new double[] {1, NONE, 1, NONE},
        new double[] {0.5, 0.5, 0.5, 0.5}, new boolean[4]);

    assertThat(new Evaluator(1).evaluate(coin, Map.of()).overall().logLoss()).isCloseTo(Math.log(2), within(1e-12));
  }

  @Test
  void logLossOfACertainWrongScoreIsFiniteBecauseScoresAreClipped() {
    ScoredCallouts wrong = new ScoredCallouts(List.of("a"), new int[] {0}, new boolean[] {true},
        new double[] {1}, new double[] {0.0}, new boolean[1]);

    assertThat(new Evaluator(1).evaluate(wrong, Map.of()).overall().logLoss()).isCloseTo(-Math.log(1e-15), within(1e-6));
  }

  @Test
  void calibrationBinsHaveEqualCountsAndTheirObservedRates() {
    Calibration c = new Evaluator(2).evaluate(sixCallouts(), Map.of()).overall().calibration();

    // Ascending: {0.4, 0.5, 0.6} with one bid, {0.7, 0.8, 0.9} with two.
    assertThat(c.bins()).hasSize(2);
    assertThat(c.bins().get(0).rows()).isEqualTo(3);
    assertThat(c.bins().get(0).meanPredicted()).isCloseTo(0.5, within(1e-12));
    assertThat(c.bins().get(0).observed()).isCloseTo(1.0 / 3, within(1e-12));
    assertThat(c.bins().get(1).meanPredicted()).isCloseTo(0.8, within(1e-12));
    assertThat(c.bins().get(1).observed()).isCloseTo(2.0 / 3, within(1e-12));
    assertThat(c.ece()).isCloseTo(0.5 * (0.5 - 1.0 / 3) + 0.5 * (0.8 - 2.0 / 3), within(1e-12));
  }

  @Test
  void overallAppliesEachDspsOwnThresholdAndAlwaysCallsADspWithout() {
    ScoredCallouts two = new ScoredCallouts(List.of("a", "b"),
        new int[] {0, 0, 0, 0, 1, 1},
        new boolean[] {true, false, true, false, true, false},
        new double[] {1, NONE, 1, NONE, 1, NONE},
        new double[] {0.9, 0.1, 0.2, 0.3, 0.05, 0.01},
        new boolean[6]);
    Map<String, Double> thresholds = new HashMap<>();
    thresholds.put("a", 0.2);
    thresholds.put("b", null);

    Evaluation e = new Evaluator(2).evaluate(two, thresholds);

    // a sends 0.9, 0.2, 0.3 (3 of 4); b sends both: 5 of 6 sent, all 3 bids kept.
    assertThat(e.byDsp().get("b").point().saved()).isZero();
    assertThat(e.overall().point().sent()).isEqualTo(5);
    assertThat(e.overall().point().bidRecall()).isEqualTo(1.0);
    assertThat(e.overall().point().saved()).isCloseTo(1.0 / 6, within(1e-12));
  }

  @Test
  void singleClassDspHasUndefinedAucButEveryOtherFigure() {
    ScoredCallouts noBids = new ScoredCallouts(List.of("a"), new int[] {0, 0}, new boolean[] {false, false},
        new double[] {NONE, NONE}, new double[] {0.2, 0.1}, new boolean[2]);

    GroupMetrics m = new Evaluator(2).evaluate(noBids, Map.of("a", 0.15)).byDsp().get("a");

    assertThat(m.rocAuc()).isNaN();
    assertThat(m.prAuc()).isNaN();
    assertThat(m.point().bidRecall()).isNaN();
    assertThat(m.point().saved()).isCloseTo(0.5, within(1e-12));
    assertThat(m.logLoss()).isFinite();
    assertThat(m.curve()).isEmpty();
  }

  @Test
  void curveSavesLessAsRecallRises() {
    GroupMetrics m = new Evaluator(2).evaluate(sixCallouts(), Map.of()).byDsp().get("a");

    assertThat(m.curve()).isNotEmpty();
    for (int i = 1; i < m.curve().size(); i++) {
      assertThat(m.curve().get(i).saved()).isLessThanOrEqualTo(m.curve().get(i - 1).saved());
      assertThat(m.curve().get(i).bidRecall()).isGreaterThanOrEqualTo(m.curve().get(i).recall() - 1e-12);
    }
    // Keeping every bid means sending down to the lowest bid (0.5): 5 of 6.
    assertThat(m.curve().get(m.curve().size() - 1).saved()).isCloseTo(1.0 / 6, within(1e-12));
  }

  @Test
  void exploreOnlyKeepsJustTheExploreRows() {
    ScoredCallouts c = new ScoredCallouts(List.of("a"), new int[] {0, 0, 0}, new boolean[] {true, false, true},
        new double[] {1, NONE, 2}, new double[] {0.9, 0.5, 0.1}, new boolean[] {false, true, true});

    ScoredCallouts explore = c.exploreOnly();

    assertThat(explore.size()).isEqualTo(2);
    assertThat(explore.score(0)).isEqualTo(0.5);
    assertThat(explore.value(1)).isEqualTo(2.0);
  }
}
