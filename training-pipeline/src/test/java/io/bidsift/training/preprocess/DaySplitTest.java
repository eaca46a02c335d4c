package io.bidsift.training.preprocess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class DaySplitTest {

  private static final List<String> WEEK = List.of("2026-11-14", "2026-11-15", "2026-11-16", "2026-11-17",
      "2026-11-18", "2026-11-19", "2026-11-20");

  @Test
  void weekIsOneHistoryDayFourTrainingDaysThenValidationThenTest() {
    assertThat(DaySplit.of(WEEK, 1, 1, 1).byDay().values()).containsExactly(
        Split.HISTORY, Split.TRAIN, Split.TRAIN, Split.TRAIN, Split.TRAIN, Split.VALID, Split.TEST);
  }

  @Test
  void splitSizesAreConfigurable() {
    assertThat(DaySplit.of(WEEK, 2, 2, 0).byDay().values()).containsExactly(
        Split.TRAIN, Split.TRAIN, Split.TRAIN, Split.VALID, Split.VALID, Split.TEST, Split.TEST);
  }

  @Test
  void historyGivesWayWhenNoTrainingDayWouldRemain() {
    assertThat(DaySplit.of(WEEK.subList(0, 3), 1, 1, 1).byDay().values())
        .containsExactly(Split.TRAIN, Split.VALID, Split.TEST);
    assertThat(DaySplit.of(WEEK.subList(0, 4), 1, 1, 2).byDay().values())
        .containsExactly(Split.HISTORY, Split.TRAIN, Split.VALID, Split.TEST);
  }

  @Test
  void tooFewDaysFailWithTheDaysFound() {
    assertThatThrownBy(() -> DaySplit.of(List.of("2026-11-14"), 1, 1, 1))
        .isInstanceOf(PreprocessException.class)
        .hasMessage("need at least 3 days of labelled auctions for a time-based split (train, validation 1, test 1),"
            + " found 1: 2026-11-14");
  }
}
