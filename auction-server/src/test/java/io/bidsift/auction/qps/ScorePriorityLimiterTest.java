package io.bidsift.auction.qps;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ScorePriorityLimiterTest {

  private static final long SECOND = 1_000_000_000L;

  @Test
  void overTheCapItKeepsTheHighestScoresAtSteadyState() {
    ScorePriorityLimiter limiter = new ScorePriorityLimiter(100);
    SplittableRandom random = new SplittableRandom(1);
    List<Double> admittedInThirdSecond = new ArrayList<>();
    for (int second = 0; second < 3; second++) {
      for (int i = 0; i < 1000; i++) {
        double score = random.nextDouble();
        boolean admitted = limiter.tryAdmit(score, second * SECOND + i * 1_000_000L);
        if (admitted && second == 2) {
          admittedInThirdSecond.add(score);
        }
      }
    }
    // 1000 uniform scores a second, cap 100: the top 10% are those above ~0.9.
    assertThat(admittedInThirdSecond).hasSizeBetween(80, 100);
    assertThat(admittedInThirdSecond).allSatisfy(s -> assertThat(s).isGreaterThanOrEqualTo(0.88));
  }

  @Test
  void neverAdmitsMoreThanTheCapInAWindow() {
    ScorePriorityLimiter limiter = new ScorePriorityLimiter(5);
    int admitted = 0;
    for (int i = 0; i < 50; i++) {
      admitted += limiter.tryAdmit(1.0, i * 1_000L) ? 1 : 0;
    }
    assertThat(admitted).isEqualTo(5);
  }

  @Test
  void unscoredCalloutsAreNotPutLastAndAQuietSecondResetsTheCutoff() {
    ScorePriorityLimiter limiter = new ScorePriorityLimiter(10);
    for (int i = 0; i < 100; i++) {
      limiter.tryAdmit(0.95, i * 1_000_000L);
    }
    assertThat(limiter.tryAdmit(null, SECOND + 1)).isTrue();
    assertThat(limiter.tryAdmit(0.1, SECOND + 2)).isFalse();
    assertThat(limiter.tryAdmit(0.1, 5 * SECOND)).as("after a quiet spell, first come first served").isTrue();
  }
}
