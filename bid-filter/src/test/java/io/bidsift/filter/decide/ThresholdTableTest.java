package io.bidsift.filter.decide;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bidsift.bundle.DspThreshold;
import io.bidsift.bundle.RecallPoint;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ThresholdTableTest {

  private static final DspThreshold ATLAS = new DspThreshold("dsp-atlas", 0.20, List.of(
      new RecallPoint(0.90, 0.30, 0.70, 0.85),
      new RecallPoint(0.95, 0.20, 0.60, 0.93),
      new RecallPoint(0.97, 0.15, 0.55, 0.96),
      new RecallPoint(0.99, 0.08, 0.40, 0.99)), null);
  private static final DspThreshold RARE = DspThreshold.alwaysCalled("dsp-rare", "too few bids");
  private static final Map<String, DspThreshold> DSPS = Map.of("dsp-atlas", ATLAS, "dsp-rare", RARE);

  @Test
  void withoutATargetTheBundlesOwnThresholdsApply() {
    ThresholdTable t = ThresholdTable.of(DSPS, null);
    assertThat(t.threshold("dsp-atlas")).isEqualTo(0.20);
    assertThat(t.threshold("dsp-rare")).isNull();
  }

  @Test
  void aTargetTakesTheLargestThresholdOfTheTableThatKeepsAtLeastThatRecall() {
    assertThat(ThresholdTable.of(DSPS, new RecallTarget(0.97, 0)).threshold("dsp-atlas")).isEqualTo(0.15);
    assertThat(ThresholdTable.of(DSPS, new RecallTarget(0.96, 0)).threshold("dsp-atlas")).isEqualTo(0.15);
    assertThat(ThresholdTable.of(DSPS, new RecallTarget(0.50, 0)).threshold("dsp-atlas")).isEqualTo(0.30);
  }

  @Test
  void aValueTargetMovesToAHigherRecallRowWhenTheBidRecallRowLosesTooMuchValue() {
    assertThat(ThresholdTable.of(DSPS, new RecallTarget(0.95, 0.95)).threshold("dsp-atlas")).isEqualTo(0.15);
  }

  @Test
  void aTargetBeyondTheTableFallsBackToItsMostInclusiveRow() {
    assertThat(ThresholdTable.of(DSPS, new RecallTarget(1.0, 0)).threshold("dsp-atlas")).isEqualTo(0.08);
  }

  @Test
  void aDspWithoutThresholdStaysAlwaysCalledWhateverTheTarget() {
    assertThat(ThresholdTable.of(DSPS, new RecallTarget(0.80, 0)).threshold("dsp-rare")).isNull();
  }

  @Test
  void targetsOutsideTheirRangeAreRefused() {
    assertThatThrownBy(() -> new RecallTarget(0, 0)).hasMessageContaining("target_recall");
    assertThatThrownBy(() -> new RecallTarget(0.9, 1.5)).hasMessageContaining("target_value_recall");
  }
}
